import type { Source, SourceId } from '../../components/sources'
import { sources } from '../../components/sources'

/** Every cited work by its URL, built once. */
const byUrl = new Map<string, Source & { id: SourceId }>(Object.entries(sources).map(([id, source]) => [source.url, { ...source, id: id as SourceId }]))

/**
 * What the handout prints beside each slide: the works whose links the slide
 * shows, in the order they appear, each once, with its full reference.
 */
export function sourcesLinked(urls: readonly string[]): Array<Source & { id: SourceId }> {
  const found = new Map<string, Source & { id: SourceId }>()
  for (const url of urls) {
    const source = byUrl.get(url)
    if (source && !found.has(source.id))
      found.set(source.id, source)
  }
  return [...found.values()]
}

/** A4 portrait with the handout's margins, in CSS pixels (96 per inch). */
export const PAGE = { widthMm: 210, heightMm: 297, marginMm: 14 } as const

const PX_PER_MM = 96 / 25.4

/** The scale that fits a slide of `slideWidth` pixels across the printable width of the page. */
export function slideScale(slideWidth: number): number {
  return ((PAGE.widthMm - 2 * PAGE.marginMm) * PX_PER_MM) / slideWidth
}

/** A CSS string literal of `text`: quotes and backslashes escaped, line breaks dropped. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, char => `\\${char}`).replace(/[\r\n]+/g, ' ')}"`
}

/**
 * The running footer of every printed page, in the page's own margin (CSS
 * page-margin boxes, so the bundled Inter is used, not a system fallback):
 * the edition on the left, "Page N of M" on the right.
 */
export function handoutFooterCss(edition: string): string {
  const box = 'font-family: Inter, sans-serif; font-size: 7pt; color: #51525c; vertical-align: top; padding-top: 3mm;'
  return `@page { @bottom-left { content: ${cssString(edition)}; ${box} } @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} } }`
}
