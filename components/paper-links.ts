/**
 * Links that work inside the PDFs. On paper (Slidev's print page and the
 * handout, both of which mark <html> with `print`) every slide carries an
 * anchor (`#slide-N`, and `#slide-its-title` for a slide that refers to it
 * by title with SlideRef.vue, slide-bottom.vue), each part's divider another
 * (`#part-N`, PartDivider.vue), and every entry of the references slides one
 * of its own (`#source-ID`, SourceList.vue). A citation then links
 * to its entry, the entry back to the slides that cite it, and the agenda to
 * each part's first slide; Chromium prints such links as links to the page.
 * On screen and in the reader edition the same links stay what they were: a
 * citation opens the source itself. Text that only paper shows (the links
 * back, a reference's slide number) has the class `paper-only`.
 */
import type { SourceId } from './sources'
import { slideNoOf, sourceAnchor } from './paper-anchors'
import { sourceIds, sources } from './sources'

const idByUrl = new Map<string, SourceId>(sourceIds.map(id => [sources[id].url, id]))

/** The id of the source at `url`, if the talk cites it. */
export function sourceIdOf(url: string): SourceId | undefined {
  return idByUrl.get(url)
}

/** Where a citation of `url` links: its entry on the references slides on paper, the source itself elsewhere. */
export function citationHref(url: string, onPaper: boolean): string {
  const id = onPaper ? sourceIdOf(url) : undefined
  return id ? `#${sourceAnchor(id)}` : url
}

/** Per source, the slides that cite it, in order, each once: read from the citations' `data-source-url` on paper. */
export function citingSlides(root: ParentNode): Map<SourceId, number[]> {
  const found = new Map<SourceId, Set<number>>()
  for (const link of root.querySelectorAll<HTMLElement>('[data-source-url]')) {
    const id = sourceIdOf(link.dataset.sourceUrl ?? '')
    const no = slideNoOf(link)
    if (!id || no === undefined)
      continue
    if (!found.has(id))
      found.set(id, new Set())
    found.get(id)!.add(no)
  }
  return new Map([...found].map(([id, slides]) => [id, [...slides].sort((a, b) => a - b)]))
}
