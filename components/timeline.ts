/**
 * The maths of the startup timeline: where a duration falls on a logarithmic
 * or linear axis, how a bar's phases are laid out, the ticks, and how a
 * duration is written. Positions are fractions of the axis width, 0 to 1.
 */

export type AxisMode = 'log' | 'linear'

export interface Domain {
  /** Left edge of the log axis, ms: the decade below the shortest duration. */
  min: number
  /** Right edge of the log axis, ms: the decade at or above the longest. */
  max: number
  /** Right edge of the linear axis, ms: the longest duration rounded up to its leading digit. */
  linearMax: number
  /** Distance between ticks on the linear axis, ms. */
  linearStep: number
}

/**
 * The axes for a set of durations. The log axis runs from the decade below
 * the shortest duration, so that the shortest bar still has a decade of
 * length, to the decade at or above the longest; the linear axis from zero
 * to the longest rounded up (25.8 s: 30 s, in steps of 10 s).
 */
export function logDomain(durations: readonly number[]): Domain {
  const positive = durations.filter(value => Number.isFinite(value) && value > 0 && value < Number.MAX_VALUE / 100)
  if (positive.length === 0)
    throw new RangeError('A timeline needs at least one positive duration.')
  const lowest = Math.min(...positive)
  const highest = Math.max(...positive)
  const min = 10 ** (Math.floor(Math.log10(lowest) + 1e-9) - 1)
  const max = 10 ** Math.ceil(Math.log10(highest) - 1e-9)
  const linearStep = 10 ** Math.floor(Math.log10(highest) + 1e-9)
  const linearMax = Math.ceil(highest / linearStep - 1e-9) * linearStep
  return { min, max, linearMax, linearStep }
}

/** Where a duration falls on the axis, clamped to 0..1. */
export function position(ms: number, mode: AxisMode, domain: Domain): number {
  const fraction = mode === 'linear'
    ? ms / domain.linearMax
    : (Math.log10(Math.max(ms, domain.min)) - Math.log10(domain.min)) / (Math.log10(domain.max) - Math.log10(domain.min))
  return Math.min(1, Math.max(0, fraction))
}

export interface Segment {
  /** Left edge, as a fraction of the axis. */
  start: number
  /** Width, as a fraction of the axis. */
  width: number
  /** When the phase begins and how long it lasts, ms, for playing it at true speed. */
  atMs: number
  ms: number
}

/**
 * A bar's phases along the axis. The bar's length is its total on the axis;
 * the phases split that length in proportion to their durations. On the
 * linear axis that is exactly where each phase falls in time; on the log axis
 * it keeps a phase's share of the total readable (a log axis would otherwise
 * give the first phase most of the bar).
 */
export function layoutBar(phases: readonly { ms: number }[], mode: AxisMode, domain: Domain): Segment[] {
  const total = phases.reduce((sum, phase) => sum + phase.ms, 0)
  const length = position(total, mode, domain)
  let elapsed = 0
  return phases.map((phase) => {
    const segment = {
      start: total === 0 ? 0 : length * elapsed / total,
      width: total === 0 ? 0 : length * phase.ms / total,
      atMs: elapsed,
      ms: phase.ms,
    }
    elapsed += phase.ms
    return segment
  })
}

export interface Tick {
  ms: number
  at: number
  label: string
}

/** One tick per decade on the log axis; one per step on the linear axis. */
export function ticks(mode: AxisMode, domain: Domain): Tick[] {
  const values: number[] = []
  if (mode === 'log') {
    for (let exponent = Math.round(Math.log10(domain.min)); 10 ** exponent <= domain.max * (1 + 1e-9); exponent++)
      values.push(10 ** exponent)
  }
  else {
    for (let ms = 0; ms <= domain.linearMax * (1 + 1e-9); ms += domain.linearStep)
      values.push(ms)
  }
  return values.map(ms => ({ ms, at: position(ms, mode, domain), label: formatDuration(ms) }))
}

/**
 * A duration as said aloud: microseconds below 1 ms, milliseconds below 1 s,
 * then seconds; at most three significant figures.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`Not a duration: ${ms}`)
  if (ms === 0)
    return '0 ms'
  if (ms < 1)
    return `${significant(ms * 1000)} µs`
  if (ms < 1000)
    return `${significant(ms)} ms`
  return `${significant(ms / 1000)} s`
}

function significant(value: number): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
  return String(Number(value.toFixed(digits)))
}
