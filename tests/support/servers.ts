/** The built deck (`npm run build`, dist/) served locally, as it is hosted. */
export const PREVIEW_PORT = 4317

/**
 * The deck as a presenter puts it online: built for the base path `/talk/`,
 * without speaker notes, with `tests/fixtures/measured.json` as this machine's
 * figures, and served by `npm run serve` (security headers, sync channel).
 * The build runs with a presenter secret in its environment, which must not
 * reach any built file.
 */
export const HOSTED_PORT = 4327
export const HOSTED_BASE = '/talk/'
export const HOSTED_OUT = 'node_modules/.cache/dist-hosted'
export const MEASURED_FIXTURE = 'tests/fixtures/measured.json'
export const HOSTED_SECRET = 'secret-in-the-build-environment-must-not-ship'

/** A phone held upright, for a browser context. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const
