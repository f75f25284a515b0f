import { describe, expect, it } from 'vitest'
import { clickStep, currentPart, fragmentGroups, hashFor, readingProgress, slideOfHash } from './reading'

describe('clickStep', () => {
  it('shows step k from half a step before k step heights of pinned scroll', () => {
    expect(clickStep(0, 300, 3)).toBe(0)
    expect(clickStep(149, 300, 3)).toBe(0)
    expect(clickStep(150, 300, 3)).toBe(1)
    expect(clickStep(600, 300, 3)).toBe(2)
  })

  it('holds the last step to the end of the box, and the first before the slide is pinned', () => {
    expect(clickStep(900, 300, 3)).toBe(3)
    expect(clickStep(5000, 300, 3)).toBe(3)
    expect(clickStep(-40, 300, 3)).toBe(0)
  })

  it('is 0 for a slide without clicks', () => {
    expect(clickStep(500, 300, 0)).toBe(0)
    expect(clickStep(500, 0, 2)).toBe(0)
  })
})

describe('currentPart', () => {
  const parts = [{ top: -900, bottom: -100 }, { top: -100, bottom: 700 }, { top: 700, bottom: 1500 }]

  it('is the part across the line near the top of the screen', () => {
    expect(currentPart(parts, 1)).toBe(1)
    expect(currentPart(parts, 800)).toBe(2)
  })

  it('belongs to the next part from the pixel its top reaches the line', () => {
    expect(currentPart([{ top: -800, bottom: 13 }, { top: 13, bottom: 900 }], 13)).toBe(1)
    expect(currentPart([{ top: -800, bottom: 13.5 }, { top: 13.5, bottom: 900 }], 13)).toBe(0)
  })

  it('is the first part above them all, and none below them all', () => {
    expect(currentPart([{ top: 16, bottom: 700 }, { top: 700, bottom: 1400 }], 13)).toBe(0)
    expect(currentPart([{ top: -900, bottom: -100 }], 13)).toBe(-1)
    expect(currentPart([], 13)).toBe(-1)
  })
})

describe('fragmentGroups', () => {
  it('lists the click numbers once each, in click order, whatever the order in the slide', () => {
    expect(fragmentGroups(['2', '1', '10', '2', null, '3'])).toEqual(['1', '2', '3', '10'])
  })
})

describe('readingProgress', () => {
  it('is the share of the scroll done, 0 to 1', () => {
    expect(readingProgress(0, 5000, 1000)).toBe(0)
    expect(readingProgress(2000, 5000, 1000)).toBe(0.5)
    expect(readingProgress(4500, 5000, 1000)).toBe(1)
  })

  it('is 1 on a page that does not scroll', () => {
    expect(readingProgress(0, 800, 1000)).toBe(1)
  })
})

describe('slideOfHash', () => {
  it('reads #/slide-N for a slide of the deck', () => {
    expect(slideOfHash('#/slide-20', 65)).toBe(20)
    expect(slideOfHash('#/slide-65', 65)).toBe(65)
  })

  it('is null for another hash or a slide the deck does not have', () => {
    expect(slideOfHash('', 65)).toBeNull()
    expect(slideOfHash('#slide-20', 65)).toBeNull()
    expect(slideOfHash('#/slide-0', 65)).toBeNull()
    expect(slideOfHash('#/slide-66', 65)).toBeNull()
    expect(slideOfHash('#/slide-2x', 65)).toBeNull()
  })
})

describe('hashFor', () => {
  it('names the slide being read', () => {
    expect(hashFor(25, '')).toBe('#/slide-25')
    expect(hashFor(25, '#/slide-24')).toBe('#/slide-25')
    expect(hashFor(1, '#/slide-2')).toBe('#/slide-1')
  })

  it('leaves the address alone when it already names the slide, and on slide 1 of a plain address', () => {
    expect(hashFor(25, '#/slide-25')).toBeNull()
    expect(hashFor(1, '')).toBeNull()
  })
})
