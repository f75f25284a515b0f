/**
 * A rehearsal of the talk: how long the presenter spent on each slide and
 * each click while the presenter view's Rehearse switch was on. The deck
 * sends one when the switch goes off; the dev server (scripts/vite/rehearsals.ts)
 * and the hosted server (server/rehearsals.ts) check it here, alike, before
 * they add it as one line to `rehearsals.jsonl`; `npm run rehearsals` and the
 * pace line (./pace.ts) read it back. Loaded in the browser too: no Node.
 */
import { MAX_CLICKS, MAX_PAGE } from './deck-bounds.ts'

/** The file each rehearsal is a line of, in the data directory. */
export const REHEARSALS_FILE = 'rehearsals.jsonl'

/** Where a deck saves a rehearsal (POST) and reads the last one (GET `${REHEARSALS_PATH}/last`), under its base path. */
export const REHEARSALS_PATH = 'api/rehearsals'

/** The version of the record this module reads and writes. */
export const REHEARSAL_VERSION = 1

/** No rehearsal is longer on the wire: a deck of 60 slides takes about 2 KiB. */
export const MAX_REHEARSAL_BYTES = 64 * 1024

/** A day: no step, and no rehearsal in all, lasts longer. */
export const MAX_REHEARSAL_MS = 24 * 60 * 60 * 1000

export interface Rehearsal {
  v: typeof REHEARSAL_VERSION
  /** When it started, as an ISO 8601 time in UTC (`2025-05-12T14:02:00.000Z`). */
  at: string
  /** The talk's target length in seconds (the headmatter's `duration:`) at the time. */
  target: number
  /**
   * Milliseconds on each slide (index 0 is slide 1) at each click (index 0
   * before the first click); a slide never shown has none: `[]`.
   */
  slides: number[][]
}

/** What the deck is now, when the one who checks knows it: each slide's click total (the server's dist/deck-clicks.json). */
export interface DeckShape {
  clickTotals?: readonly number[]
}

export type Checked = { ok: true, rehearsal: Rehearsal } | { ok: false, reason: string }

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/
const KEYS = ['v', 'at', 'target', 'slides']

function isWhole(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max
}

/** The rehearsal's length in milliseconds: every step's time added up. */
export function rehearsalTotal(rehearsal: Pick<Rehearsal, 'slides'>): number {
  return rehearsal.slides.reduce((total, steps) => total + steps.reduce((sum, ms) => sum + ms, 0), 0)
}

/**
 * Checks a rehearsal as the servers keep it: exactly its four fields, the
 * time a real one, the target a length from a second to a day, one list of
 * whole, non-negative milliseconds per slide (at most one per click and one
 * before the first), some time in all and at most a day. With `deck`, it
 * must have the deck's slides and no slide more steps than the deck has.
 */
export function checkRehearsal(value: unknown, deck: DeckShape = {}): Checked {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'a rehearsal is a JSON object' }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.length !== KEYS.length || !KEYS.every(key => keys.includes(key)))
    return { ok: false, reason: `a rehearsal has exactly the fields ${KEYS.join(', ')}` }
  if (record.v !== REHEARSAL_VERSION)
    return { ok: false, reason: `v must be ${REHEARSAL_VERSION}` }
  if (typeof record.at !== 'string' || !ISO_TIME.test(record.at) || !Number.isFinite(Date.parse(record.at)))
    return { ok: false, reason: 'at must be a time in UTC, as 2025-05-12T14:02:00.000Z' }
  const target = record.target
  if (typeof target !== 'number' || !Number.isFinite(target) || target < 1 || target * 1000 > MAX_REHEARSAL_MS)
    return { ok: false, reason: 'target must be the talk\'s length in seconds, from 1 to a day' }
  const slides = record.slides
  if (!Array.isArray(slides) || slides.length === 0 || slides.length > MAX_PAGE)
    return { ok: false, reason: `slides must be a list of 1 to ${MAX_PAGE} slides` }
  let total = 0
  for (const [index, steps] of slides.entries()) {
    if (!Array.isArray(steps) || steps.length > MAX_CLICKS + 1)
      return { ok: false, reason: `slide ${index + 1} must be a list of at most ${MAX_CLICKS + 1} times` }
    for (const ms of steps as unknown[]) {
      if (!isWhole(ms, MAX_REHEARSAL_MS))
        return { ok: false, reason: `slide ${index + 1}'s times must be whole milliseconds from 0 to a day` }
      total += ms
    }
  }
  if (total === 0 || total > MAX_REHEARSAL_MS)
    return { ok: false, reason: 'a rehearsal lasts more than nothing and at most a day' }
  const totals = deck.clickTotals
  if (totals) {
    if (slides.length !== totals.length)
      return { ok: false, reason: `the deck has ${totals.length} slides, the rehearsal ${slides.length}` }
    const over = slides.findIndex((steps, index) => steps.length > totals[index]! + 1)
    if (over !== -1)
      return { ok: false, reason: `slide ${over + 1} has ${totals[over]} clicks, the rehearsal times ${slides[over].length - 1}` }
  }
  return { ok: true, rehearsal: { v: REHEARSAL_VERSION, at: record.at, target, slides: slides.map(steps => [...steps as number[]]) } }
}

/** Reads a rehearsal as a deck sent it: `byteLength` is the body's size, read only when within `MAX_REHEARSAL_BYTES`. */
export function parseRehearsal(text: string, byteLength: number, deck: DeckShape = {}): Checked {
  if (byteLength > MAX_REHEARSAL_BYTES)
    return { ok: false, reason: `a rehearsal of ${byteLength} bytes, over ${MAX_REHEARSAL_BYTES}` }
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch {
    return { ok: false, reason: 'not JSON' }
  }
  return checkRehearsal(value, deck)
}
