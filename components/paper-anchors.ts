/**
 * The anchors of links that work inside the PDFs (components/paper-links.ts
 * has the links themselves). Kept apart from the list of sources so that the
 * layer drawn under every slide (slide-bottom.vue), the agenda and the part
 * dividers bring nothing more into the first visit than these few functions.
 *
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

/** The anchor of slide `no` on paper. */
export function slideAnchor(no: number): string {
  return `slide-${no}`
}

/** The anchor of the slide titled `title` (slide-bottom.vue), where a SlideRef links on paper: `slide-architecture-side-by-side`. */
export function titleAnchor(title: string): string {
  const slug = title.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  return `slide-${slug}`
}

/** The anchor of part `no`'s divider slide (PartDivider.vue), where the agenda links on paper. */
export function partAnchor(no: number): string {
  return `part-${no}`
}

/** The anchor of a source's entry on the references slides. */
export function sourceAnchor(id: SourceId): string {
  return `source-${id}`
}

/** Whether this page is printed: Slidev's print page or the handout (both set `html.print` before the slides render). */
export function isOnPaper(): boolean {
  return typeof document !== 'undefined' && document.documentElement.classList.contains('print')
}

/**
 * The slide an element is drawn in on paper: the print page's containers are
 * `NNN-CC` (slide number, click step plus one), the handout's pages carry
 * `data-handout-no`.
 */
export function slideNoOf(element: Element): number | undefined {
  const page = element.closest<HTMLElement>('[data-handout-no]')
  if (page)
    return Number(page.dataset.handoutNo)
  const container = element.closest('.print-slide-container')
  const no = container ? Number(container.id.split('-')[0]) : Number.NaN
  return Number.isInteger(no) && no > 0 ? no : undefined
}
