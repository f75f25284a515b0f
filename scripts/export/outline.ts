import type { Deck } from '../lib/deck'
import type { OutlineEntry } from './finish-pdf'

/**
 * The outline of a printed deck: a bookmark per slide at the page where it
 * starts, sections at level 1 and their slides under them. With `clicks`, the
 * print has a page per click step, so a slide starts after every step of the
 * slides before it.
 */
export function deckOutline(deck: Deck, clicks: boolean): OutlineEntry[] {
  let page = 1
  return deck.slides.map((slide) => {
    const entry = { page, level: slide.level, title: slide.title }
    page += clicks ? slide.clicks + 1 : 1
    return entry
  })
}
