/**
 * Where a deck's slides fall in its PDFs, and the check that the links inside
 * a slides PDF open the pages they name (the agenda, the citations, the
 * references' links back): for tests/exports.spec.ts on `npm run export`'s
 * PDFs, tests/short-edition.spec.ts on the short edition's and
 * tests/room-edition.spec.ts on the room's.
 */
import type { InternalLink } from '../../scripts/export/read-pdf'
import type { Deck } from '../../scripts/lib/deck'
import { expect } from '@playwright/test'
import { isSourceId, sources } from '../../components/sources'
import { readInternalLinks, readPdf } from '../../scripts/export/read-pdf'

/** The pages of a deck's slides PDF (one per slide) or, with `steps`, its steps PDF (one per click step). */
export function deckPages(deck: Deck, steps: boolean) {
  /** The page where slide `no` starts. */
  function startPage(no: number): number {
    return deck.slides.slice(0, no - 1).reduce((page, slide) => page + (steps ? slide.clicks + 1 : 1), 1)
  }
  /** The slide a page shows. */
  function slideAt(page: number): number {
    return deck.slides.findLast(slide => startPage(slide.no) <= page)!.no
  }
  return { startPage, slideAt }
}

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

/** The agenda's links open each part's divider, each citation its reference, each reference's links back the slides citing it. */
export async function expectSlideLinks(deck: Deck, path: string, steps: boolean): Promise<void> {
  const { startPage, slideAt } = deckPages(deck, steps)
  const referenceSlides = deck.slides.filter(slide => slide.content.includes('<SourceList'))
  const agenda = deck.slides.find(slide => slide.content.includes('<Agenda'))!
  const [links, pdf] = await Promise.all([readInternalLinks(path), readPdf(path)])
  const all = placedLinks(links)
  expect(linksToNowhere(all), 'links to nowhere').toEqual([])

  // The agenda: part N opens the slide whose frontmatter says `part: N`.
  const agendaLinks = links[startPage(agenda.no) - 1]!.filter(link => link.dest.startsWith('part-'))
  const dividers = deck.slides.filter(slide => typeof slide.frontmatter.part === 'number')
  expect(agendaLinks.map(link => link.page)).toEqual(dividers.map(slide => startPage(slide.no)))
  expect(agendaLinks).toHaveLength(5)

  // Citations: each opens a references slide whose page names the source in full.
  const citations = all.filter(link => link.dest.startsWith('source-'))
  expect(citations.length).toBeGreaterThan(20)
  const misplaced = citations.flatMap((link) => {
    const id = link.dest.slice('source-'.length)
    const target = link.page!
    const onReferences = referenceSlides.some(slide => slide.no === slideAt(target))
    const named = isSourceId(id) && holds(pdf.pages[target - 1]!.text, sources[id].title)
    return onReferences && named ? [] : [`page ${link.from}: #${link.dest} opens page ${target}`]
  })
  expect(misplaced).toEqual([])

  // Back: each references slide links to exactly the slides that cite a source it lists.
  for (const slide of referenceSlides) {
    const page = startPage(slide.no)
    const back = new Set(links[page - 1]!.filter(link => link.dest.startsWith('slide-')).map(link => slideAt(link.page!)))
    const listed = new Set(citations.filter(link => link.page === page).map(link => link.dest))
    const citing = new Set(citations.filter(link => listed.has(link.dest)).map(link => slideAt(link.from)))
    expect([...back].sort((a, b) => a - b), `${slide.title}: slides linked back`).toEqual([...citing].sort((a, b) => a - b))
    // A link back opens the first page of that slide.
    for (const link of links[page - 1]!.filter(link => link.dest.startsWith('slide-')))
      expect(link.page, `#${link.dest}`).toBe(startPage(Number(link.dest.slice('slide-'.length))))
  }
}
