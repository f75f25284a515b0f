/**
 * Where the reader is in the reader edition, from the page's geometry: which
 * click step of a pinned slide is showing, which slide is current, how far
 * through the page the reader is, and the address of a slide. No DOM here:
 * client.ts reads the boxes and applies the answers.
 *
 * A slide's page box is the slide's height plus one step height per click
 * (reader.css); the slide is sticky inside it, so while it is pinned the box
 * scrolls past it by up to `clicks` step heights.
 */

/**
 * The click step showing when a pinned slide has slid `past` pixels down its page box (its top
 * minus the box's top): step k from half a step before k step heights, the last one to the end.
 */
export function clickStep(past: number, stepHeight: number, clicks: number): number {
  if (clicks <= 0 || stepHeight <= 0)
    return 0
  return Math.min(Math.max(Math.floor(past / stepHeight + 0.5), 0), clicks)
}

/** A slide with its notes, as its box stands on screen (getBoundingClientRect). */
export interface PartBox {
  top: number
  bottom: number
}

/**
 * The current slide: the one whose part (page box and notes) holds the line `line` pixels below the
 * top of the screen (where slides are pinned), so a slide is current from when its top reaches that
 * line until the next one's does. The parts are contiguous, in page order: above them all (the
 * page's top margin), the first one; below them all (the colophon), -1, none.
 */
export function currentPart(parts: readonly PartBox[], line: number): number {
  if (parts.length > 0 && parts[0]!.top > line)
    return 0
  return parts.findIndex(part => part.top <= line && part.bottom > line)
}

/**
 * The fragment groups of a slide, in click order: fragments that show together share a
 * `data-fragment-index` (the click number render.ts gives them); step k shows the first k groups.
 */
export function fragmentGroups(indices: Iterable<string | null>): string[] {
  return [...new Set([...indices].filter((index): index is string => index !== null))]
    .sort((a, b) => Number(a) - Number(b))
}

/** How far through the page the reader is, 0 to 1. */
export function readingProgress(scrollTop: number, scrollHeight: number, viewportHeight: number): number {
  const scrollable = scrollHeight - viewportHeight
  return scrollable <= 0 ? 1 : Math.min(Math.max(scrollTop / scrollable, 0), 1)
}

/** The slide a link names, `#/slide-N` (the links shared before keep opening their slide), or null. */
export function slideOfHash(hash: string, slides: number): number | null {
  const match = /^#\/slide-(\d+)$/.exec(hash)
  const no = match ? Number(match[1]) : Number.NaN
  return Number.isInteger(no) && no >= 1 && no <= slides ? no : null
}

/**
 * The hash the address should carry while slide `no` is read: `#/slide-N`, except on the first
 * slide of a page opened without one, which keeps its plain address. null: leave it as it is.
 */
export function hashFor(no: number, currentHash: string): string | null {
  const hash = `#/slide-${no}`
  if (currentHash === hash || (no === 1 && currentHash === ''))
    return null
  return hash
}
