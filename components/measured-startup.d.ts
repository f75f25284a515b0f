declare module 'virtual:measured-startup' {
  import type { Measured } from './measured'

  /** This machine's start times from `npm run measure`, checked; null when there are none. */
  const measured: Measured | null
  export default measured
}
