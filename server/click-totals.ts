/**
 * Each slide's click total, so the hub can refuse a position past a slide's
 * last click. The server has only the built deck, and Slidev's build keeps no
 * list of them: `npm run build` writes one into the deck's folder
 * (scripts/lib/write-click-totals.ts, from the same count Slidev is given,
 * scripts/lib/deck.ts). Without that file positions are checked only against
 * the protocol's bounds.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MAX_CLICKS, MAX_PAGE } from '../shared/sync-protocol'

export const CLICK_TOTALS_FILE = 'deck-clicks.json'

/** The file's text: `{"clicks":[0,3,…]}`, slide 1 first. */
export function formatClickTotals(totals: readonly number[]): string {
  return `${JSON.stringify({ clicks: totals })}\n`
}

/** The totals in the file's text, or undefined when it is not a list of 1 to MAX_PAGE click counts. */
export function parseClickTotals(text: string): number[] | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch {
    return undefined
  }
  const clicks = (value as { clicks?: unknown } | null)?.clicks
  if (!Array.isArray(clicks) || clicks.length === 0 || clicks.length > MAX_PAGE)
    return undefined
  return clicks.every(count => Number.isInteger(count) && count >= 0 && count <= MAX_CLICKS) ? clicks as number[] : undefined
}

/** The deck's totals from `dir`; undefined, with a line in the log saying why, when there are none to trust. */
export async function readClickTotals(dir: string, log: (line: string) => void): Promise<number[] | undefined> {
  const file = join(dir, CLICK_TOTALS_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  }
  catch {
    log(`no ${file} (npm run build writes it): positions are not checked against the slides' clicks`)
    return undefined
  }
  const totals = parseClickTotals(text)
  if (!totals)
    log(`${file} is not a list of click counts: positions are not checked against the slides' clicks`)
  return totals
}
