/**
 * What `npm run export` adds to every PDF beyond its pages: tags a screen
 * reader can walk, the document's language, the title in the window's title
 * bar, and the edition of the build it was printed from, in the metadata and
 * in print. And that printing again from the same build gives the same file
 * apart from its dates.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { expect, test } from '@playwright/test'
import { chromium } from 'playwright-chromium'
import { editionLabel } from '../components/edition'
import { finishPdf } from '../scripts/export/finish-pdf'
import { deckOutline } from '../scripts/export/outline'
import { exportFiles } from '../scripts/export/outputs'
import { openPrint, printPdf, printSize } from '../scripts/export/print-deck'
import { pdfWithoutDates, readPdf, readTags } from '../scripts/export/read-pdf'
import { serveDist } from '../scripts/export/serve-dist'
import { findChromium } from '../scripts/lib/chromium'
import { loadDeck } from '../scripts/lib/deck'
import { builtEdition } from '../scripts/lib/edition'
import { normalise } from './support/deck-page'

const deck = await loadDeck()
const files = exportFiles(deck)
const edition = builtEdition('dist')
const label = editionLabel(edition)
const slidePdfs = [files.slides, files.steps, files.dark]

test.describe('every exported PDF is accessible and names its edition', () => {
  for (const file of [...slidePdfs, files.handout]) {
    test(`${file.path}: tagged, every page in the structure tree, with its language and its title in the title bar`, async () => {
      const tags = await readTags(file.path)
      expect(tags.marked, 'MarkInfo /Marked').toBe(true)
      const untagged = tags.pages.flatMap((page, index) => page.contents === 0 ? [index + 1] : [])
      expect(untagged, 'pages with no tagged content').toEqual([])
      // Every slide (or handout page that opens a slide) carries its title as a heading.
      const headed = tags.pages.filter(page => page.roles.some(role => /^H\d?$/.test(role))).length
      expect(headed).toBeGreaterThanOrEqual(deck.slides.length)
      const pdf = await readPdf(file.path)
      expect(pdf.info.Language).toBe('en')
      expect(pdf.displayDocTitle).toBe(true)
    })

    test(`${file.path}: carries the build's edition in its metadata and in print`, async () => {
      const pdf = await readPdf(file.path)
      expect((pdf.info.Custom as Record<string, string>).Edition).toBe(label)
      expect(String(pdf.info.Creator)).toContain(`${edition.version} (${edition.commit})`)
      const printed = pdf.pages.map(page => normalise(page.text).includes(label))
      if (file === files.handout)
        expect(printed.flatMap((has, index) => has ? [] : [index + 1]), 'handout pages without the edition in their footer').toEqual([])
      else
        expect(printed.flatMap((has, index) => has ? [index + 1] : []), 'pages with the edition').toEqual([pdf.pages.length])
    })
  }

  test('printing again from the same build gives the same file, apart from its dates', async () => {
    test.setTimeout(120_000)
    const served = await serveDist('dist')
    const browser = await chromium.launch({ executablePath: findChromium().path })
    try {
      const size = printSize(deck.slides[0]!.frontmatter)
      // As npm run export prints it: the page that also captures the PNGs, at twice the size.
      const page = await openPrint(browser, deck, size, { url: served.url, scale: 2 })
      const again = await finishPdf(await printPdf(page, size), deck, { edition, outline: deckOutline(deck, false), pages: files.slides.pages, now: new Date('2030-01-02T03:04:05Z') })
      const path = process.env.KEEP_AGAIN ?? join(mkdtempSync(join(tmpdir(), 'export-')), 'again.pdf')
      writeFileSync(path, again)
      expect(pdfWithoutDates(readFileSync(path)) === pdfWithoutDates(readFileSync(files.slides.path)), 'the same content apart from the dates').toBe(true)
    }
    finally {
      await browser.close()
      await served.close()
    }
  })
})
