/**
 * Finds a Chromium for `slidev export` and the Playwright tests, in order:
 * 1. the `CHROMIUM_PATH` environment variable;
 * 2. Playwright's own Chromium (`npx playwright install chromium`);
 * 3. the system's Chromium or Chrome.
 *
 * Run it to print the path, or a paragraph saying how to get one:
 *   npx tsx scripts/lib/chromium.ts
 */
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

export type ChromiumSource = 'CHROMIUM_PATH' | 'playwright' | 'system'

export interface FoundChromium {
  path: string
  source: ChromiumSource
}

export interface FinderOptions {
  env?: Record<string, string | undefined>
  /** Whether an executable file exists at this path. */
  isExecutable?: (path: string) => boolean
  /** Where Playwright's own Chromium would be; undefined when unknown. */
  playwrightPath?: () => string | undefined
}

/** Program names looked up on PATH, then well-known absolute paths. */
export const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const
export const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
] as const

export const HOW_TO_GET_CHROMIUM = [
  'No Chromium found for exporting and testing the deck.',
  'Install Playwright\'s own with `npx playwright install chromium`,',
  'or the system\'s with `sudo apt-get install chromium` (Debian/Ubuntu) or `brew install --cask chromium` (macOS),',
  'or point CHROMIUM_PATH at a Chromium or Chrome binary: `CHROMIUM_PATH=/path/to/chrome npm test`.',
].join(' ')

export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError'
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  }
  catch {
    return false
  }
}

async function playwrightChromiumPath(): Promise<string | undefined> {
  try {
    const { chromium } = await import('playwright-chromium')
    return chromium.executablePath()
  }
  catch {
    return undefined
  }
}

export function findChromium(options: FinderOptions = {}): FoundChromium {
  const env = options.env ?? process.env
  const isExecutable = options.isExecutable ?? isExecutableFile

  const fromEnv = env.CHROMIUM_PATH
  if (fromEnv) {
    if (isExecutable(fromEnv))
      return { path: fromEnv, source: 'CHROMIUM_PATH' }
    throw new ChromiumNotFoundError(
      `CHROMIUM_PATH is set to "${fromEnv}", but no executable is there. Fix the path, or unset CHROMIUM_PATH to search Playwright's and the system's Chromium.`,
    )
  }

  const fromPlaywright = options.playwrightPath?.()
  if (fromPlaywright && isExecutable(fromPlaywright))
    return { path: fromPlaywright, source: 'playwright' }

  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap(dir => SYSTEM_NAMES.map(name => join(dir, name)))
  const system = [...onPath, ...SYSTEM_PATHS].find(isExecutable)
  if (system)
    return { path: system, source: 'system' }

  throw new ChromiumNotFoundError(HOW_TO_GET_CHROMIUM)
}

/** The finder with Playwright's real browser location filled in. */
export async function locateChromium(env: Record<string, string | undefined> = process.env): Promise<FoundChromium> {
  const playwright = await playwrightChromiumPath()
  return findChromium({ env, playwrightPath: () => playwright })
}

/**
 * For command-line entry points: the path, or the explanation on stderr and
 * exit code 1 (never a stack trace).
 */
export async function chromiumOrExit(): Promise<string> {
  try {
    return (await locateChromium()).path
  }
  catch (error) {
    if (error instanceof ChromiumNotFoundError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = await chromiumOrExit()
  process.stdout.write(`${path}\n`)
}
