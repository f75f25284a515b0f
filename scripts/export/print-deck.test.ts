import type { Deck, DeckSlide } from '../lib/deck'
import { describe, expect, it } from 'vitest'
import { aspectRatio, incompletePrint, pngSize, printedPages, printSize, printUrl } from './print-deck'

function slide(no: number, title: string, clicks: number): DeckSlide {
  return { no, title, clicks, level: 1, note: '', content: '', file: 'slides.md', contentLine: 1, frontmatter: {} }
}
const deck: Deck = { slot: 'full', title: 'T', author: 'A', exportFilename: 't', info: '', keywords: [], slides: [slide(1, 'Opening', 0), slide(2, 'Two  words', 2)] }

describe('the print size', () => {
  it('is Slidev\'s: the canvas width, and the height its aspect ratio gives, rounded', () => {
    expect(printSize({})).toEqual({ width: 980, height: 551 })
    expect(printSize({ canvasWidth: 1200, aspectRatio: '4/3' })).toEqual({ width: 1200, height: 900 })
  })

  it('reads an aspect ratio as Slidev writes it, 16/9 when it cannot', () => {
    expect(aspectRatio('16:10')).toBe(1.6)
    expect(aspectRatio(2)).toBe(2)
    expect(aspectRatio('1.5')).toBe(1.5)
    expect(aspectRatio('wide')).toBeCloseTo(16 / 9)
    expect(aspectRatio('1/0')).toBeCloseTo(16 / 9)
  })
})

describe('the print page', () => {
  it('has a page per slide, or per click step', () => {
    expect(printedPages(deck, false)).toBe(2)
    expect(printedPages(deck, true)).toBe(4)
  })

  it('is Slidev\'s /print under the deck\'s base path', () => {
    expect(printUrl('http://localhost:4173/talk/', true)).toBe('http://localhost:4173/talk/print?print=clicks')
    expect(printUrl('http://localhost:4173/', false)).toBe('http://localhost:4173/print?print=true')
  })
})

describe('incompletePrint', () => {
  const steps = [
    { id: '001-01', text: 'Opening' },
    { id: '002-01', text: 'Two words before' },
    { id: '002-02', text: 'Two\nwords, one' },
    { id: '002-03', text: 'Two words, two' },
  ]

  it('accepts every slide, in order, each with its title', () => {
    expect(incompletePrint(steps, deck, true)).toEqual([])
    expect(incompletePrint(steps.slice(0, 2), deck, false)).toEqual([])
  })

  it('names a missing page, a slide out of place and a slide without its title', () => {
    expect(incompletePrint(steps.slice(0, 3), deck, true)).toEqual(['3 slides where 4 were expected'])
    expect(incompletePrint([steps[1]!, steps[0]!], deck, false)).toEqual(['page 1 shows slide 002-01, not slide 1', 'page 2 shows slide 001-01, not slide 2'])
    expect(incompletePrint([steps[0]!, { id: '002-01', text: '' }], deck, false)).toEqual(['page 2 (slide 2) lacks its title "Two  words"'])
  })
})

describe('pngSize', () => {
  it('reads the width and height from the header', () => {
    const header = new Uint8Array(24)
    const view = new DataView(header.buffer)
    view.setUint32(16, 1960)
    view.setUint32(20, 1104)
    expect(pngSize(header)).toEqual({ width: 1960, height: 1104 })
  })
})
