/**
 * The reader edition's HTML page: one part per slide, in the deck's order, and
 * a colophon that links back to the slides. A part is the slide's page box
 * (`.reader-page`: the slide, pinned while its click steps scroll by, one step
 * height per click, `--reader-clicks`; reader.css) followed by its speaker
 * notes. build.ts hands the page to Vite, which bundles the script and styles
 * it names.
 */
import type { RenderedSlide } from './render'
import { escapeHtml, pageHead } from '../lib/page-head'

export interface ReaderPage {
  title: string
  description: string
  author: string
  slides: readonly RenderedSlide[]
  /** Speaker notes under each slide (false for a public build made `--without-notes`). */
  withNotes: boolean
  /** The page's script and the generated stylesheet, relative to the page. */
  script: string
  stylesheet: string
}

/** How many characters of text `html` holds: reader.css estimates a note's height from it until the note is drawn. */
export function textLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim().length
}

function part(slide: RenderedSlide, total: number, withNotes: boolean): string {
  const notes = withNotes && slide.notes
    ? `\n<aside class="reader-notes" aria-label="Speaker notes, slide ${slide.no}" style="--reader-notes-chars: ${textLength(slide.notes)}">\n<p class="reader-notes__title">Slide ${slide.no} of ${total}: what the speaker says</p>\n${slide.notes}\n</aside>`
    : ''
  return `<div class="reader-part">
<div class="reader-page" style="--reader-clicks: ${slide.clicks}">
<section id="slide-${slide.no}" class="reader-slide" data-slide="${slide.no}" data-clicks="${slide.clicks}" data-level="${slide.level}" aria-label="Slide ${slide.no} of ${total}: ${escapeHtml(slide.title)}">
<div class="slidev-layout ${slide.layout}">${slide.html}</div>
</section>
</div>${notes}
</div>`
}

export function readerPage(page: ReaderPage): string {
  const total = page.slides.length
  return `<!doctype html>
<html lang="en">
<head>
${pageHead({ titleHtml: `${escapeHtml(page.title)} · reader edition`, description: page.description, author: page.author, icon: './favicon.svg', script: page.script, stylesheet: page.stylesheet })}
</head>
<body>
<div class="reader-progress" aria-hidden="true"><div class="reader-progress__bar"></div></div>
<main class="reader">
${page.slides.map(slide => part(slide, total, page.withNotes)).join('\n')}
</main>
<div class="reader-status" role="status" aria-live="polite" aria-atomic="true"></div>
<footer class="reader-colophon">
<p><strong>${escapeHtml(page.title)}</strong>, the reader edition: every slide of the talk in order${page.withNotes ? ', with what the speaker says under it' : ''}. Scroll to build each diagram step by step, as the talk clicks through it.</p>
<p><a href="../">Open the slides</a></p>
</footer>
</body>
</html>
`
}
