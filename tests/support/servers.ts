/** The built deck (`npm run build`, dist/) served locally, as it is hosted. */
export const PREVIEW_PORT = 4317

/** The same deck built with `tests/fixtures/measured.json` as this machine's figures. */
export const MEASURED_PORT = 4327
export const MEASURED_OUT = 'node_modules/.cache/dist-measured'
export const MEASURED_FIXTURE = 'tests/fixtures/measured.json'
