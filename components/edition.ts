/**
 * A deck's edition: the version in package.json, the commit it was built
 * from and the day it was built, so a reader can tell two handouts apart.
 * The build puts it into the deck (`virtual:deck-edition`, scripts/vite/deck-edition.ts)
 * and into dist/edition.json, where `npm run export` reads it for the PDFs'
 * metadata; the last slide and the handout's pages print it in small print.
 * The short edition (components/slot.ts) says so in its stamp.
 */
import type { Slot } from './slot.ts'
import { parseSlot, slotLabel } from './slot.ts'

export interface Edition {
  /** package.json's version. */
  version: string
  /** The short commit, with `+` when the working tree had changes; `unknown` outside a git checkout. */
  commit: string
  /** The day it was built, YYYY-MM-DD (UTC). */
  date: string
  /** The slot it was built for; absent for the full edition. */
  slot?: Exclude<Slot, 'full'>
}

/** The line printed on the last page: `Edition 0.1.0 · 1a2b3c4 · 2026-12-01`, `Edition 0.1.0 · short edition · 1a2b3c4 · 2026-12-01`. */
export function editionLabel(edition: Edition): string {
  const slot = slotLabel(edition.slot ?? 'full')
  return `Edition ${edition.version}${slot ? ` · ${slot}` : ''} · ${edition.commit} · ${edition.date}`
}

/** The slot an edition was built for. */
export function editionSlot(edition: Edition): Slot {
  return edition.slot ?? 'full'
}

/** An edition read from JSON, or an error naming what is missing. */
export function parseEdition(value: unknown): Edition {
  const record = (value ?? {}) as Record<string, unknown>
  const missing = (['version', 'commit', 'date'] as const).filter(key => typeof record[key] !== 'string' || !record[key])
  if (missing.length > 0)
    throw new Error(`Not an edition: ${missing.join(', ')} missing.`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(record.date)))
    throw new Error(`Not an edition: date "${String(record.date)}" is not YYYY-MM-DD.`)
  const slot = parseSlot(record.slot)
  return { version: String(record.version), commit: String(record.commit), date: String(record.date), ...(slot === 'full' ? {} : { slot }) }
}
