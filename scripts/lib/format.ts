/**
 * How the benchmarks print their figures: durations, ratios, verdicts against
 * a target, and aligned tables. `npm run bench` and `npm run bench:sync` both
 * print with these, so their tables read alike.
 */

/** What a table shows for a figure that is missing or not a number. */
export const MISSING = '—'

/** Milliseconds with the given decimals, e.g. "1204 ms" or "4.2 ms"; a dash for none. */
export function formatMs(ms: number | null | undefined, decimals = 0): string {
  return ms == null || !Number.isFinite(ms) ? MISSING : `${ms.toFixed(decimals)} ms`
}

/** A run's length: "12.3 s" under a minute, "1 min 23 s" from one. */
export function formatElapsed(ms: number): string {
  const seconds = ms / 1000
  if (seconds < 60)
    return `${seconds.toFixed(1)} s`
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
}

/** A ratio with three significant figures (0.0312, 1.25, 250); a dash for none. */
export function formatRatio(value: number | null): string {
  if (value === null || !Number.isFinite(value))
    return MISSING
  if (value === 0)
    return '0'
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3)
}

export type Verdict = 'ok' | 'missed' | 'n/a'

/** Whether a figure meets its target: 'n/a' without a figure. */
export function verdict(value: number | null | undefined, meets: (value: number) => boolean): Verdict {
  if (value == null || !Number.isFinite(value))
    return 'n/a'
  return meets(value) ? 'ok' : 'missed'
}

export interface TableOptions {
  /** The columns (0-based) whose cells line up on the right: numbers. The others line up on the left. */
  right?: readonly number[]
  /** Spaces between two columns. */
  gap?: number
}

/** A table's lines: the header, a rule under it, then the rows; columns aligned, no trailing spaces. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string[] {
  const { right = [], gap = 2 } = options
  const all = [header, ...rows]
  const length = (cell: string): number => [...cell].length
  const widths = header.map((_, column) => Math.max(...all.map(row => length(row[column] ?? ''))))
  const separator = ' '.repeat(gap)
  const line = (row: readonly string[]): string => widths
    .map((width, column) => {
      const cell = row[column] ?? ''
      const pad = ' '.repeat(width - length(cell))
      return right.includes(column) ? pad + cell : cell + pad
    })
    .join(separator)
    .trimEnd()
  return [line(header), widths.map(width => '-'.repeat(width)).join(separator), ...rows.map(line)]
}
