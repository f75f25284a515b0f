/**
 * What the PDF specs check of a printed file's internal links
 * (scripts/export/read-pdf.ts `readInternalLinks`): that each opens a page,
 * and that a source's link opens the page that lists that source.
 */
import type { InternalLink } from '../../scripts/export/read-pdf'
import { isSourceId, sources } from '../../components/sources'

/** Whether a page's text holds `words`, however its lines broke (a line may break inside `--max-pods`). */
export function holds(pageText: string, words: string): boolean {
  return pageText.replace(/\s+/g, '').includes(words.replace(/\s+/g, ''))
}

/** A link with the 1-based page it is on. */
export interface PlacedLink extends InternalLink {
  from: number
}

/** Every link of the file, with the page it is on. */
export function placedLinks(links: readonly InternalLink[][]): PlacedLink[] {
  return links.flatMap((page, index) => page.map(link => ({ ...link, from: index + 1 })))
}

/** The links that open no page: none in a good file. */
export function linksToNowhere(links: readonly PlacedLink[]): string[] {
  return links.filter(link => link.page === undefined).map(link => `page ${link.from}: #${link.dest}`)
}

/** The links to a source (`#source-ID`), and those of them that do not open the page listing that source. */
export function sourceLinks(links: readonly PlacedLink[], pages: readonly { text: string }[]): { count: number, misplaced: string[] } {
  const citations = links.filter(link => link.dest.startsWith('source-'))
  const misplaced = citations.filter((link) => {
    const id = link.dest.slice('source-'.length)
    return !isSourceId(id) || link.page === undefined || !holds(pages[link.page - 1]!.text, sources[id].title)
  })
  return { count: citations.length, misplaced: misplaced.map(link => `page ${link.from}: #${link.dest} opens page ${link.page}`) }
}
