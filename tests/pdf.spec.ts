import type { PdfFacts } from '../scripts/pdf'
import { existsSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { sourceIds, sources } from '../components/sources'
import { loadDeck } from '../scripts/deck'
import { EXPORT_DIR } from '../scripts/export-paths'
import { pdfFonts, readPdf } from '../scripts/pdf'
import { normalise } from './support/deck-page'

const deck = await loadDeck()
const pdfPath = `${EXPORT_DIR}/${deck.exportFilename}.pdf`

test.describe('the exported slides PDF', () => {
  let pdf: PdfFacts

  test.beforeAll(async () => {
    expect(existsSync(pdfPath), `${pdfPath} exists (run npm run export)`).toBe(true)
    pdf = await readPdf(pdfPath)
  })

  test('has one page per slide', () => {
    expect(pdf.pages).toHaveLength(deck.slides.length)
  })

  test('each page holds its slide\'s title as selectable text', () => {
    const missing = deck.slides
      .filter(slide => !normalise(pdf.pages[slide.no - 1]!.text).includes(normalise(slide.title)))
      .map(slide => `page ${slide.no}: "${slide.title}"`)
    expect(missing).toEqual([])
  })

  test('is text, not pictures of text: every page has words on it', () => {
    const thin = pdf.pages
      .map((page, index) => ({ page: index + 1, words: normalise(page.text).split(' ').length }))
      .filter(({ words }) => words < 4)
    expect(thin).toEqual([])
  })

  test('carries the talk\'s title and author in its metadata', () => {
    expect(pdf.info.Title).toBe(deck.title)
    expect(pdf.info.Author).toBe(deck.author)
    expect(String(pdf.info.Subject ?? '')).toContain('Containers vs Virtual Machines')
  })

  test('has an outline listing the slides in order', () => {
    expect(pdf.outline).toEqual(deck.slides.map(slide => slide.title))
  })

  test('embeds every font, and only the deck\'s own fonts', () => {
    const fonts = pdfFonts(pdfPath)
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.filter(font => !font.embedded)).toEqual([])
    // A system fallback (DejaVu, Liberation, ...) means a glyph the bundled fonts lack.
    expect(fonts.filter(font => !/Inter|FiraCode/.test(font.name)).map(font => font.name)).toEqual([])
  })

  test('links every source in the references as a clickable URI', () => {
    const links = new Set(pdf.pages.flatMap(page => page.links))
    const unlinked = sourceIds.filter(id => !links.has(sources[id].url))
    expect(unlinked).toEqual([])
  })
})
