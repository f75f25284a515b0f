import { describe, expect, it } from 'vitest'
import { pageRanges, slideScrollTop } from './scroll-ranges'

// A 1000-pixel viewport; slides 500 tall; the second is pinned for 2 clicks (3 triggers), 500 pixels each.
const VIEWPORT = 1000
const STEP = 500
const pages = [
  { top: 0, triggers: 0 }, // 500 slide + 400 notes
  { top: 900, triggers: 3 }, // 1000 page + 2 × 500 pinned + 500 notes
  { top: 3400, triggers: 0 }, // to the end, 5000
]
const HEIGHT = 5000
const scrollable = HEIGHT - VIEWPORT

/** What reveal.js reads at a scroll position (ScrollView.syncScrollPosition). */
function at(scrollTop: number): { slide: number, step: number | undefined } {
  const ranges = pageRanges(pages, HEIGHT, VIEWPORT, STEP)
  const progress = Math.min(scrollTop / scrollable, 1)
  const middle = (scrollTop + VIEWPORT / 2) / HEIGHT
  const slide = ranges.findIndex(range => progress >= range.slide[0] && progress <= range.slide[1])
  const step = ranges[slide]!.triggers.findIndex(range => middle >= range[0] && middle <= range[1])
  return { slide, step: step === -1 ? undefined : step }
}

describe('pageRanges', () => {
  it('makes a slide current from when its top reaches the top of the viewport to when the next one does', () => {
    expect(at(0).slide).toBe(0)
    expect(at(899).slide).toBe(0)
    expect(at(901).slide).toBe(1)
    expect(at(3399).slide).toBe(1)
  })

  it('shows step k once the pinned page has scrolled k - 1/2 steps, and keeps the last through the notes', () => {
    expect(at(901).step).toBe(0)
    expect(at(900 + 0.4 * STEP).step).toBe(0)
    expect(at(900 + 0.6 * STEP).step).toBe(1)
    expect(at(900 + 1.6 * STEP).step).toBe(2)
    expect(at(3300).step).toBe(2)
  })

  it('lets a last slide that starts below the last scroll position still be current', () => {
    const ranges = pageRanges(pages, HEIGHT, VIEWPORT, STEP)
    // The third page starts at 3400 of 4000 scrollable pixels: it is reached.
    expect(ranges[2]!.slide).toEqual([3400 / 4000, 1])
    const late = pageRanges([{ top: 0, triggers: 0 }, { top: 500, triggers: 0 }, { top: 900, triggers: 0 }], 1000, 600, 300)
    const starts = late.map(range => range.slide[0])
    expect(starts[0]).toBe(0)
    expect(starts[1]).toBeLessThan(starts[2]!)
    expect(starts[2]).toBeLessThan(1)
    expect(late.at(-1)!.slide[1]).toBe(1)
  })

  it('makes a slide current at the whole pixel its top falls in, where scrolling to its top stops', () => {
    const ranges = pageRanges([{ top: 0, triggers: 0 }, { top: 900.4, triggers: 0 }, { top: 3400, triggers: 0 }], HEIGHT, VIEWPORT, STEP)
    expect(ranges[1]!.slide[0]).toBe(900 / 4000)
  })

  it('covers the whole scroll, in order, without gaps, each position in one slide\'s range', () => {
    const ranges = pageRanges(pages, HEIGHT, VIEWPORT, STEP)
    expect(ranges[0]!.slide[0]).toBe(0)
    expect(ranges.at(-1)!.slide[1]).toBe(1)
    for (let index = 1; index < ranges.length; index++) {
      const [end, start] = [ranges[index - 1]!.slide[1], ranges[index]!.slide[0]]
      // The position at the next slide's top is the next slide's alone; the pixel before it, the slide before's.
      expect(end).toBeLessThan(start)
      expect(end).toBeGreaterThan(start - 1e-12)
    }
    for (let scrollTop = 0; scrollTop <= scrollable; scrollTop += 50) {
      const holding = ranges.filter(range => scrollTop / scrollable >= range.slide[0] && scrollTop / scrollable <= range.slide[1])
      expect(holding, `at ${scrollTop}`).toHaveLength(1)
    }
  })
})

describe('slideScrollTop', () => {
  it('scrolls a pixel into the slide\'s range, whatever floating point makes of its start, and the first slide to the top', () => {
    // 64,003 of 112,419 scrollable pixels: start × scrollable is 64,002.99999999999 in floating point.
    const start = 64_003 / 112_419
    expect(start * 112_419).toBeLessThan(64_003)
    expect(slideScrollTop(start, 113_139, 720)).toBe(64_004)
    expect(slideScrollTop(0, 113_139, 720)).toBe(0)
  })

  it('lands where reveal.js makes that slide, and not the one before, current', () => {
    const ranges = pageRanges(pages, HEIGHT, VIEWPORT, STEP)
    for (const [index, range] of ranges.entries())
      expect(at(slideScrollTop(range.slide[0], HEIGHT, VIEWPORT)).slide).toBe(index)
  })
})
