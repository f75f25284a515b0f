/**
 * The statistics the benchmarks and `npm run measure` report: one quantile,
 * linear between the two nearest ranks (the default of NumPy, R and
 * spreadsheets' PERCENTILE.INC), so the median of an even count is the mean of
 * the middle two, and the median of an odd count a value that was measured.
 */

/** The q-quantile (q from 0 to 1) of values in any order; NaN for none. The input is left as it is. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0)
    return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const at = (sorted.length - 1) * Math.min(1, Math.max(0, q))
  const low = Math.floor(at)
  const high = Math.ceil(at)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low)
}

/** The middle value, or the mean of the middle two for an even count; NaN for none. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

/** a / b; null when it has no meaning (a figure missing or not finite, or b not above 0). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || !(b > 0))
    return null
  return a / b
}
