import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { ChromiumNotFoundError, findChromium, HOW_TO_GET_CHROMIUM } from './chromium'

function existing(...paths: string[]) {
  return (path: string) => paths.includes(path)
}

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH over every other browser', () => {
    const found = findChromium({
      env: { CHROMIUM_PATH: '/opt/mine/chrome', PATH: '/usr/bin' },
      isExecutable: existing('/opt/mine/chrome', '/pw/chrome', '/usr/bin/chromium'),
      playwrightPath: () => '/pw/chrome',
    })
    expect(found).toEqual({ path: '/opt/mine/chrome', source: 'CHROMIUM_PATH' })
  })

  it('refuses a CHROMIUM_PATH that points at nothing instead of silently using another browser', () => {
    expect(() => findChromium({
      env: { CHROMIUM_PATH: '/nowhere/chrome' },
      isExecutable: existing('/usr/bin/chromium'),
    })).toThrow(/CHROMIUM_PATH is set to "\/nowhere\/chrome"/)
  })

  it('uses Playwright\'s own Chromium when it is installed', () => {
    const found = findChromium({
      env: { PATH: '/usr/bin' },
      isExecutable: existing('/pw/chrome', '/usr/bin/chromium'),
      playwrightPath: () => '/pw/chrome',
    })
    expect(found).toEqual({ path: '/pw/chrome', source: 'playwright' })
  })

  it('falls back to the system\'s Chromium when Playwright has none', () => {
    const found = findChromium({
      env: { PATH: '/usr/local/bin:/usr/bin' },
      isExecutable: existing('/usr/bin/chromium'),
      playwrightPath: () => '/pw/chrome',
    })
    expect(found).toEqual({ path: '/usr/bin/chromium', source: 'system' })
  })

  it('finds Chrome on PATH under its other names', () => {
    const found = findChromium({
      env: { PATH: '/opt/google/bin' },
      isExecutable: existing('/opt/google/bin/google-chrome'),
    })
    expect(found.path).toBe('/opt/google/bin/google-chrome')
  })

  it('explains how to get one when none exists', () => {
    let caught: unknown
    try {
      findChromium({ env: { PATH: '/usr/bin' }, isExecutable: () => false, playwrightPath: () => undefined })
    }
    catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ChromiumNotFoundError)
    expect((caught as Error).message).toBe(HOW_TO_GET_CHROMIUM)
    expect(HOW_TO_GET_CHROMIUM).toContain('npx playwright install chromium')
    expect(HOW_TO_GET_CHROMIUM).toContain('apt-get install chromium')
    expect(HOW_TO_GET_CHROMIUM).toContain('CHROMIUM_PATH')
  })
})

describe('scripts/lib/chromium.ts on the command line', () => {
  const run = (env: Record<string, string>) => spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/lib/chromium.ts'],
    { env: { ...process.env, ...env }, encoding: 'utf8' },
  )

  it('prints a one-paragraph error and exits 1, without a stack trace', () => {
    const result = run({ CHROMIUM_PATH: '/nowhere/chrome' })
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain('CHROMIUM_PATH is set to "/nowhere/chrome"')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  // A bound, not a timing: starting tsx takes seconds on a busy machine (npm test runs four jobs on two cores).
  it('prints the path it found', () => {
    const result = run({ CHROMIUM_PATH: process.execPath })
    expect(result.status).toBe(0)
    expect(result.stdout.trim()).toBe(process.execPath)
  }, 30_000)
})
