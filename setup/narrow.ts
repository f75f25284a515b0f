/**
 * The deck on a phone held upright. Slidev's 980 × 552 canvas, scaled to a
 * phone's width, is a band a fifth of the screen tall, its text a few pixels
 * high. As in the reader edition (scripts/reader/client.ts), a narrow screen
 * gets a narrower, taller canvas instead, which the slides reflow into and
 * which is scaled less: 480 × 690, so the text is about 0.8 of its size on the
 * canvas. A slide whose content does not fit it (the wider diagrams) is laid
 * out a little wider and scaled down to fit, at the first of `LAYOUT_WIDTHS`
 * where it fits, else at Slidev's own canvas width.
 *
 * Slidev reads its canvas from its configs once, when the first slide is laid
 * out, so the choice is made as the deck starts; turning the phone reloads the
 * page (the slides and the talk's position come back as they were). Paper,
 * the handout and the presenter view keep Slidev's canvas.
 */

/** The narrow canvas, and the widths a slide that does not fit it is laid out at, in turn. */
export const NARROW_CANVAS = { width: 480, height: 690 } as const
export const LAYOUT_WIDTHS = [540, 600, 700, 820, 980] as const

/** A phone held upright, or any window as narrow. */
export const NARROW_QUERY = '(max-width: 640px) and (orientation: portrait)'

/** The class on `<html>` while the deck uses the narrow canvas; the sync controls and the polls place themselves by it. */
export const NARROW_CLASS = 'deck-narrow'

/** Routes that keep Slidev's canvas: paper, the handout, the presenter view, the overview, the phone remote. */
const KEEP_CANVAS = /\/(?:print|export|handout|presenter|overview|notes|entry|remote)(?:\/|$)/

/** Whether a page at `path` and `search`, on a screen that `narrow` describes, takes the narrow canvas. */
export function wantsNarrow(path: string, search: string, narrow: boolean): boolean {
  return narrow && !KEEP_CANVAS.test(path) && !new URLSearchParams(search).has('print')
}

export interface Box { left: number, top: number, right: number, bottom: number, width: number }

/**
 * Whether any of `boxes` (the slide's content) goes past `frame` (the slide)
 * by more than a pixel, or below `footTop`, the top of the sources line at the
 * slide's foot, which the content must stay above.
 */
export function overflows(frame: Box, boxes: Iterable<Box>, footTop = Number.POSITIVE_INFINITY): boolean {
  const bottom = Math.min(frame.bottom, footTop)
  for (const box of boxes) {
    if (box.width > 0 && (box.right > frame.right + 1 || box.left < frame.left - 1 || box.bottom > bottom + 1))
      return true
  }
  return false
}

/** The layout size and scale for laying a slide out `width` pixels wide on the narrow canvas. */
export function layoutAt(width: number): { width: number, height: number, scale: number } {
  return { width, height: Math.round(width * NARROW_CANVAS.height / NARROW_CANVAS.width), scale: NARROW_CANVAS.width / width }
}

/** The slide's layout element laid out at `width` (scaled down into the canvas), or at the canvas itself (undefined). */
function layOut(layout: HTMLElement, width: number | undefined): void {
  if (width === undefined) {
    layout.style.removeProperty('width')
    layout.style.removeProperty('height')
    layout.style.removeProperty('transform')
    layout.style.removeProperty('transform-origin')
    delete layout.dataset.narrowWidth
    return
  }
  const size = layoutAt(width)
  layout.style.width = `${size.width}px`
  layout.style.height = `${size.height}px`
  layout.style.transform = `scale(${size.scale})`
  layout.style.transformOrigin = 'top left'
  layout.dataset.narrowWidth = String(width)
}

/** The slide's sources line (components/Cite.vue), set at its foot. */
const FOOT = '.cite'

function contentOverflows(canvas: HTMLElement, layout: HTMLElement): boolean {
  const frame = canvas.getBoundingClientRect()
  const feet = [...layout.querySelectorAll<HTMLElement>(FOOT)]
  const footTop = Math.min(...feet.map(foot => foot.getBoundingClientRect().top))
  // Past the slide's sides or foot: any box of the content.
  if (overflows(frame, [...layout.querySelectorAll<HTMLElement>('*')].map(element => element.getBoundingClientRect())))
    return true
  // Under the sources line: what is drawn, the lines of text and the pictures, not the boxes that stretch to fill
  // the slide's height (.deck-fill) and end at its foot whatever they hold.
  const drawn: Box[] = []
  const walker = document.createTreeWalker(layout, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim() || node.parentElement?.closest(FOOT))
      continue
    const range = document.createRange()
    range.selectNodeContents(node)
    drawn.push(...range.getClientRects())
  }
  for (const picture of layout.querySelectorAll<Element>('svg, img')) {
    if (!picture.closest(FOOT) && !picture.parentElement?.closest('svg'))
      drawn.push(picture.getBoundingClientRect())
  }
  return overflows(frame, drawn, footTop)
}

/**
 * Fits the slide shown in `root`: at the narrow canvas when its content fits,
 * else at the first wider layout that does. A slide keeps the widest layout it
 * has needed (a later click may add content), so it does not jump back.
 */
export function fitShownSlide(root: ParentNode, needed: Map<string, number>): void {
  const canvas = root.querySelector<HTMLElement>('#slide-content')
  const page = [...root.querySelectorAll<HTMLElement>('#slide-content .slidev-page')].find(element => element.offsetParent !== null)
  const layout = page?.querySelector<HTMLElement>('.slidev-layout')
  if (!canvas || !page || !layout)
    return
  const key = [...page.classList].find(name => /^slidev-page-\d+$/.test(name)) ?? ''
  const from = needed.get(key)
  const widths = [undefined, ...LAYOUT_WIDTHS].filter(width => from === undefined || (width !== undefined && width >= from))
  const fits = widths.findIndex((width) => {
    layOut(layout, width)
    return !contentOverflows(canvas, layout)
  })
  // Nothing fits: Slidev's own canvas width, the widest (and last tried, so already laid out).
  const width = fits < 0 ? LAYOUT_WIDTHS.at(-1) : widths[fits]
  if (width !== undefined)
    needed.set(key, width)
  // Which slide was fitted last (tests wait on it).
  document.documentElement.dataset.narrowFitted = key.replace('slidev-page-', '')
}
