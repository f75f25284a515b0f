/**
 * Where each slide and each click step is active in reveal.js's scroll view
 * when pages differ in height. reveal.js gives every page the same share of
 * the scroll (its pages are all one slide tall); the reader edition puts the
 * speaker notes under each slide, so a slide's share is where it really sits.
 *
 * reveal.js reads a slide's range against `scrollTop / (scrollHeight -
 * viewportHeight)` and a step's range against the viewport's middle,
 * `(scrollTop + viewportHeight / 2) / scrollHeight` (ScrollView.syncScrollPosition).
 */

export interface PageBox {
  /** The page's top, in pixels from the top of the scrolling element. */
  top: number
  /** reveal.js's scroll triggers for the page: 0 without fragments, else fragment groups + 1. */
  triggers: number
}

export interface PageRanges {
  slide: [number, number]
  triggers: Array<[number, number]>
}

/** The largest number below `share` (a share of the scroll, 0 to 1): a range that ends there leaves `share` to the next one. */
function justBelow(share: number): number {
  return share - share * Number.EPSILON
}

/**
 * A slide is current from when its top reaches the top of the viewport until
 * the next one's does: the scroll position where the next one's top is belongs
 * to the next one alone. (reveal.js activates, in order, every slide whose
 * range holds the position, and leaves one already active as it is: a position
 * in two ranges could make the slide before current again, as when the browser
 * moves the scroll a pixel to keep the text in place above notes that were just
 * drawn.) Step k of a pinned slide shows once the page has
 * scrolled k step heights, from half a step before (where reveal.js's own
 * scroll snapping would settle); the last step holds through the notes.
 */
export function pageRanges(pages: readonly PageBox[], scrollHeight: number, viewportHeight: number, stepHeight: number): PageRanges[] {
  const scrollable = Math.max(scrollHeight - viewportHeight, 1)
  const progress = (pixels: number): number => Math.min(Math.max(pixels / scrollable, 0), 1)
  const middle = (pixels: number): number => Math.min(Math.max((pixels + viewportHeight / 2) / scrollHeight, 0), 1)

  // A page's top may fall between pixels; scroll positions are whole pixels, so a slide is current from
  // the whole pixel its top is in (else scrolling to its top can stop a fraction short and leave the last one current).
  // Slides that start past the last scroll position share the end of the scroll, in order, so each can be current.
  const starts = pages.map(page => progress(Math.floor(page.top)))
  const lateFrom = starts.findIndex(start => start >= 1)
  if (lateFrom > 0) {
    const from = starts[lateFrom - 1]!
    const late = pages.length - lateFrom + 1
    for (let index = lateFrom; index < pages.length; index++)
      starts[index] = from + (1 - from) * (index - lateFrom + 1) / late
  }

  return pages.map((page, index) => {
    const slide: [number, number] = [index === 0 ? 0 : starts[index]!, index === pages.length - 1 ? 1 : justBelow(starts[index + 1]!)]
    const triggers: Array<[number, number]> = []
    for (let step = 0; step < page.triggers; step++) {
      const from = step === 0 ? 0 : middle(page.top + (step - 0.5) * stepHeight)
      const to = step === page.triggers - 1 ? 1 : middle(page.top + (step + 0.5) * stepHeight)
      triggers.push([from, to])
    }
    return { slide, triggers }
  })
}

/**
 * Where to scroll to show a slide whose range starts at `start` (a share of the scroll, as reveal.js
 * keeps it). reveal.js takes `start × scrollable`, which in floating point can come out a hair under
 * the whole pixel the range starts at, and the browser then stops a pixel short, on the slide before
 * (opening #/slide-25 showed slide 24). So: that pixel rounded, and one pixel in, clear of the
 * range's edge. The first slide is at 0.
 */
export function slideScrollTop(start: number, scrollHeight: number, viewportHeight: number): number {
  if (start <= 0)
    return 0
  return Math.round(start * Math.max(scrollHeight - viewportHeight, 1)) + 1
}
