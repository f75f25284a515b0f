import type { Page } from '@playwright/test'

/**
 * How a slide reads from the back of the room, measured in the browser on
 * Slidev's 980 × 552 canvas (sizes in canvas pixels, whatever the window's
 * scale). Text marked secondary (`.deck-secondary`: source lines, captions
 * the audience need not read live) is measured apart from the rest.
 */
export interface SlideTypography {
  /** Median font size of the text the audience reads (not secondary), each character counted once. */
  median: number
  /** Smallest font size of text that is not secondary; 0 when the slide has none. */
  smallest: number
  /** The text at that size, for the report. */
  smallestText: string
  /** Smallest font size of secondary text; 0 when the slide has none. */
  smallestSecondary: number
  /** Share of the canvas's height between the top of the first text or box and the bottom of the last, the foot's source line aside. */
  span: number
}

/** The targets of a projected slide (see README, "Design"). */
export const TYPE_TARGETS = {
  /** Body text: about 5% of the 552 px canvas height, the "30-point minimum" of projection. */
  median: 28,
  /** Nothing the audience must read is smaller. */
  smallest: 18,
  /** Source lines and captions, marked secondary. */
  secondary: 13,
  /** Content spans at least this share of the canvas height. */
  span: 0.5,
} as const

export const CANVAS = { width: 980, height: 552 } as const

/** The reader edition on a phone: no text the reader must read under this many CSS pixels. */
export const READER_PHONE = { width: 375, height: 812, smallest: 14 } as const

/**
 * Measures slide `no` of the deck (`edition: 'deck'`, on its canvas, at the
 * click it shows) or of the reader edition (`'reader'`, in CSS pixels, every
 * click step at once: each is on the page, stacked, and read as the reader
 * scrolls).
 */
export async function measureSlideTypography(page: Page, no: number, edition: 'deck' | 'reader' = 'deck'): Promise<SlideTypography> {
  return page.evaluate(({ no, edition, canvasWidth, canvasHeight }) => {
    const reader = edition === 'reader'
    const layout = document.querySelector(reader ? `#slide-${no} .slidev-layout` : `[data-slidev-no="${no}"] .slidev-layout`)!
    const canvas = reader ? layout.getBoundingClientRect() : document.querySelector('#slide-content')!.getBoundingClientRect()
    // The deck's sizes are in canvas pixels; the reader's in CSS pixels, as the phone shows them.
    const scale = reader ? 1 : canvas.width / canvasWidth
    const runs: { size: number, chars: number, secondary: boolean, text: string }[] = []
    let top = Infinity
    let bottom = -Infinity
    const extend = (rect: DOMRect) => {
      if (rect.width === 0 || rect.height === 0)
        return
      top = Math.min(top, rect.top)
      bottom = Math.max(bottom, rect.bottom)
    }
    const hidden = (element: Element) => {
      for (let node: Element | null = element; node && node !== layout.parentElement; node = node.parentElement) {
        const style = getComputedStyle(node)
        // The reader edition stacks every click step in one place and shows them as the reader scrolls.
        const step = reader && (node.classList.contains('reader-step') || node.classList.contains('fragment'))
        if (step)
          continue
        // (A step not shown yet in the reader is visibility: hidden, which its children inherit: every step counts there.)
        if (style.display === 'none' || (!reader && style.visibility === 'hidden') || Number(style.opacity) === 0)
          return true
        // Screen-reader-only text: clipped to nothing.
        if (node.classList.contains('sr-only'))
          return true
      }
      return false
    }
    const footnote = (element: Element) => {
      const secondary = element.closest('.deck-secondary')
      return !!secondary && ['absolute', 'fixed'].includes(getComputedStyle(secondary).position)
    }
    const walker = document.createTreeWalker(layout, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').replace(/\s+/g, '')
      const element = node.parentElement
      if (!text || !element || hidden(element))
        continue
      const html = element as HTMLElement
      const rect = element.getBoundingClientRect()
      // The element's own transforms (a diagram scaled to fit) shrink its text too; SVG text is
      // scaled by its drawing's viewBox as well, which its screen matrix carries.
      const svgScale = element instanceof SVGGraphicsElement ? element.getScreenCTM() : null
      const own = svgScale ? Math.hypot(svgScale.a, svgScale.b) : html.offsetWidth > 0 ? rect.width / html.offsetWidth : scale
      const size = Number.parseFloat(getComputedStyle(element).fontSize) * own / scale
      runs.push({ size, chars: text.length, secondary: !!element.closest('.deck-secondary'), text: text.slice(0, 40) })
      // A source line at the slide's foot (absolutely placed) is not content that fills the slide; a list of sources is.
      if (footnote(element))
        continue
      const range = document.createRange()
      range.selectNodeContents(node)
      for (const line of range.getClientRects())
        extend(line)
    }
    // Boxes count as content too: a diagram's layers, a chart's bars.
    for (const element of layout.querySelectorAll('*')) {
      const style = getComputedStyle(element)
      const boxed = (style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.backgroundColor !== 'transparent')
        || Number.parseFloat(style.borderTopWidth) > 0 || element.tagName === 'IMG' || element.tagName === 'svg'
      if (boxed && !hidden(element) && !footnote(element))
        extend(element.getBoundingClientRect())
    }
    const primary = runs.filter(run => !run.secondary)
    const secondary = runs.filter(run => run.secondary)
    const sorted = [...primary].sort((a, b) => a.size - b.size)
    const total = sorted.reduce((sum, run) => sum + run.chars, 0)
    let seen = 0
    let median = 0
    for (const run of sorted) {
      seen += run.chars
      if (seen * 2 >= total) {
        median = run.size
        break
      }
    }
    const smallestRun = primary.reduce<typeof primary[number] | undefined>((min, run) => !min || run.size < min.size ? run : min, undefined)
    const round = (value: number) => Math.round(value * 10) / 10
    return {
      median: round(median),
      smallest: round(smallestRun?.size ?? 0),
      smallestText: smallestRun?.text ?? '',
      smallestSecondary: round(secondary.reduce((min, run) => Math.min(min, run.size), secondary.length ? Infinity : 0)),
      span: Number.isFinite(top) ? Math.round((bottom - top) / scale / canvasHeight * 100) / 100 : 0,
    }
  }, { no, edition, canvasWidth: CANVAS.width, canvasHeight: CANVAS.height })
}

/** What a slide's measurement falls short of, in words; empty when it meets every target. */
export function typographyProblems(measured: SlideTypography, targets: { median: number, smallest: number, secondary: number, span: number } = TYPE_TARGETS): string[] {
  const problems: string[] = []
  if (measured.median < targets.median)
    problems.push(`median ${measured.median} px < ${targets.median}`)
  if (measured.smallest > 0 && measured.smallest < targets.smallest)
    problems.push(`smallest ${measured.smallest} px < ${targets.smallest} ("${measured.smallestText}")`)
  if (measured.smallestSecondary > 0 && measured.smallestSecondary < targets.secondary)
    problems.push(`secondary ${measured.smallestSecondary} px < ${targets.secondary}`)
  if (measured.span < targets.span)
    problems.push(`spans ${Math.round(measured.span * 100)}% of the height < ${targets.span * 100}%`)
  return problems
}
