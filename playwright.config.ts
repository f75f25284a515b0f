import process from 'node:process'
import { chromium, defineConfig } from '@playwright/test'
import { ChromiumNotFoundError, findChromium } from './scripts/lib/chromium'
import { HOSTED_BASE, HOSTED_OUT, HOSTED_PORT, HOSTED_SECRET, MEASURED_FIXTURE, PREVIEW_PORT } from './tests/support/servers'

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
  // In CI a failed test runs once more; one that then passes is reported as flaky in the output, not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PREVIEW_PORT}`,
    viewport: { width: 1280, height: 720 },
    // The built deck registers a service worker that caches every file; only the offline test needs it.
    serviceWorkers: 'block',
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
      // The hosted deck (see tests/support/servers.ts): its own build, under /talk/, served by npm run serve.
      command: `tsx scripts/build.ts --out ${HOSTED_OUT} --without-notes && tsx server/cli.ts --dir ${HOSTED_OUT} --port ${HOSTED_PORT}`,
      env: { BASE: HOSTED_BASE, DECK_MEASURED: MEASURED_FIXTURE, DECK_SECRET: HOSTED_SECRET, DECK_PUBLIC_URL: `http://localhost:${HOSTED_PORT}${HOSTED_BASE}` },
      url: `http://localhost:${HOSTED_PORT}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
})
