import process from 'node:process'
import { chromium, defineConfig } from '@playwright/test'
import { ChromiumNotFoundError, findChromium } from './scripts/chromium'
import { MEASURED_FIXTURE, MEASURED_OUT, MEASURED_PORT, PREVIEW_PORT } from './tests/support/servers'

function executablePath(): string {
  try {
    return findChromium({ playwrightPath: () => chromium.executablePath() }).path
  }
  catch (error) {
    if (error instanceof ChromiumNotFoundError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
}

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PREVIEW_PORT}`,
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: executablePath(),
      // Offline by construction: no host but localhost resolves.
      args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost'],
    },
  },
  webServer: [
    {
      command: `vite preview --outDir dist --port ${PREVIEW_PORT} --strictPort`,
      url: `http://localhost:${PREVIEW_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      // The startup timeline with this machine's figures: a second build that reads the fixture.
      command: `slidev build --out ${MEASURED_OUT} && vite preview --outDir ${MEASURED_OUT} --port ${MEASURED_PORT} --strictPort`,
      env: { DECK_MEASURED: MEASURED_FIXTURE },
      url: `http://localhost:${MEASURED_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
})
