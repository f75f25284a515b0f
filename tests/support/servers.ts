import process from 'node:process'
/**
 * Where the browser tests' servers listen: 4317, 4327 and (the dev server) 4337,
 * or from `DECK_TEST_PORTS` (4617: 4617, 4627 and 4637), so two checkouts on one machine can
 * run the tests at once (outside CI Playwright reuses a server already on the
 * port, which would be the other checkout's).
 */
function portBase(value: string | undefined): number {
  const base = value === undefined || value === '' ? 4317 : Number(value)
  if (!Number.isInteger(base) || base < 1024 || base > 65_000)
    throw new Error(`DECK_TEST_PORTS must be a port from 1024 to 65000, not ${JSON.stringify(value)}`)
  return base
}
const PORT_BASE = portBase(process.env.DECK_TEST_PORTS)

/** The built deck (`npm run build`, dist/) served locally, as it is hosted. */
export const PREVIEW_PORT = PORT_BASE

/**
 * The deck as a presenter puts it online: built for the base path `/talk/`,
 * without speaker notes, with `tests/fixtures/measured.json` as this machine's
 * figures, and served by `npm run serve` (security headers, sync channel).
 * The build runs with a presenter secret in its environment, which must not
 * reach any built file.
 */
export const HOSTED_PORT = PORT_BASE + 10
export const HOSTED_BASE = '/talk/'
export const HOSTED_OUT = 'node_modules/.cache/dist-hosted'
export const MEASURED_FIXTURE = 'tests/fixtures/measured.json'
export const HOSTED_SECRET = 'secret-in-the-build-environment-must-not-ship'

/** A phone held upright, for a browser context. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const

/** `slidev` itself, the dev server `npm run dev` starts, for the tests of what only it does (tests/dev-slot.spec.ts). */
export const DEV_PORT = PORT_BASE + 20
