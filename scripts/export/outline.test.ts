import type { Deck, DeckSlide } from '../lib/deck'
import { describe, expect, it } from 'vitest'
import { deckOutline } from './outline'

function slide(no: number, title: string, level: number, clicks: number): DeckSlide {
  return { no, title, level, clicks, note: '', content: '', file: 'slides.md', contentLine: 1, frontmatter: {} }
}

const deck: Deck = {
  slot: 'full',
  title: 'A talk',
  author: 'Someone',
  exportFilename: 'talk',
  info: '',
  keywords: [],
  slides: [slide(1, 'Opening', 1, 0), slide(2, 'Section', 1, 2), slide(3, 'Detail', 2, 3), slide(4, 'End', 1, 0)],
}

describe('deckOutline', () => {
  it('opens each slide at its own page when every slide is one page', () => {
    expect(deckOutline(deck, false)).toEqual([
      { page: 1, level: 1, title: 'Opening' },
      { page: 2, level: 1, title: 'Section' },
      { page: 3, level: 2, title: 'Detail' },
      { page: 4, level: 1, title: 'End' },
    ])
  })

  it('opens each slide at its first step when every click is a page', () => {
    expect(deckOutline(deck, true).map(entry => entry.page)).toEqual([1, 2, 5, 9])
  })
})
