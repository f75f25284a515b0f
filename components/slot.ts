/**
 * The talk's editions for the length of the slot it is given. The full
 * edition has every slide; the short edition leaves out the slides whose
 * frontmatter says `depth: deep` (the ones the agenda's notes name), and its
 * files are named `<exportFilename>-short`. `npm run build -- --slot short`
 * and `npm run export -- --slot short` set `DECK_SLOT=short`, which
 * setup/preparser.ts reads to give each deep slide Slidev's `disabled: true`
 * and scripts/lib/deck.ts reads to leave it out of the deck the tests, the
 * export and the reader edition see. In `npm run dev`, `?slot=short` and
 * `?slot=full` change the dev server's `DECK_SLOT` (scripts/vite/slot-switch.ts).
 */
export const SLOTS = ['full', 'short'] as const
export type Slot = typeof SLOTS[number]

/** The environment variable the build, the export and `npm run dev:short` set. */
export const SLOT_ENV = 'DECK_SLOT'

/** A slot by name; undefined or empty is the full edition, anything else not a slot throws. */
export function parseSlot(value: unknown): Slot {
  if (value === undefined || value === '')
    return 'full'
  if (typeof value === 'string' && (SLOTS as readonly string[]).includes(value))
    return value as Slot
  throw new Error(`Unknown slot ${JSON.stringify(value)}: use one of ${SLOTS.join(', ')}.`)
}

/** Whether a slide with this frontmatter is left out of the slot's edition. */
export function dropsSlide(frontmatter: Record<string, unknown>, slot: Slot): boolean {
  return slot === 'short' && frontmatter.depth === 'deep'
}

/** The base name of the slot's files: `containers-vs-vms`, or `containers-vs-vms-short`. */
export function slotFilename(exportFilename: string, slot: Slot): string {
  return slot === 'full' ? exportFilename : `${exportFilename}-${slot}`
}

/**
 * What the slot changes in a slide's frontmatter, in place, as setup/preparser.ts
 * gives it to Slidev: a dropped slide is `disabled`; the headmatter's
 * `exportFilename` and `download` name the slot's files.
 */
export function applySlot(frontmatter: Record<string, unknown>, slot: Slot): void {
  if (dropsSlide(frontmatter, slot))
    frontmatter.disabled = true
  // Only the headmatter (the first slide's frontmatter) names the files.
  if (slot !== 'full' && typeof frontmatter.exportFilename === 'string' && !frontmatter.exportFilename.endsWith(`-${slot}`)) {
    const base = frontmatter.exportFilename
    frontmatter.exportFilename = slotFilename(base, slot)
    if (frontmatter.download === `${base}.pdf`)
      frontmatter.download = `${slotFilename(base, slot)}.pdf`
  }
}

/** The words the edition stamp adds for the slot, or undefined for the full edition. */
export function slotLabel(slot: Slot): string | undefined {
  return slot === 'full' ? undefined : `${slot} edition`
}
