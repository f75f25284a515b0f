import type { OutlineItem } from '../../scripts/export/read-pdf'
import type { Deck } from '../../scripts/lib/deck'

/** The outline a reader should see: each section-opening slide, with the slides under it as children. */
export function sectionOutline(deck: Deck): OutlineItem[] {
  const outline: OutlineItem[] = []
  for (const slide of deck.slides) {
    const item = { title: slide.title, children: [] }
    if (slide.level > 1 && outline.length > 0)
      outline.at(-1)!.children.push(item)
    else
      outline.push(item)
  }
  return outline
}
