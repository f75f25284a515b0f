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
import { titleAnchor } from '../components/paper-anchors'
import { finishPdf } from '../scripts/export/finish-pdf'
import { deckOutline } from '../scripts/export/outline'
import { exportFiles } from '../scripts/export/outputs'
import { openPrint, printPdf, printSize } from '../scripts/export/print-deck'
import { pdfWithoutDates, readInternalLinks, readPdf, readStructure, readTags } from '../scripts/export/read-pdf'
import { serveDist } from '../scripts/export/serve-dist'
import { structureProblems } from '../scripts/export/structure'
import { findChromium } from '../scripts/lib/chromium'
import { loadDeck } from '../scripts/lib/deck'
import { builtEdition } from '../scripts/lib/edition'
import { normalise } from './support/deck-page'
import { deckPages, expectSlideLinks, holds, linksToNowhere, placedLinks, sourceLinks } from './support/pdf-links'

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

    test(`${file.path}: passes the structure checks of PDF/UA-1 a machine can make, and a reader meets each slide by its heading`, async () => {
      const facts = await readStructure(file.path)
      // The handout heads each slide's first page with its title, H1 for a section's opening slide and H2 for the others
      // (the slide under it is one figure); the slides PDFs have one H1 a page, the slide's title (H2s inside a slide are its own).
      const handout = file === files.handout
      const expected = facts.headings.map((_, index) => {
        const no = slideShownOn(index + 1, file)
        const slide = deck.slides.find(candidate => candidate.no === no)
        if (!slide)
          return []
        return [`${handout && slide.level > 1 ? 'H2' : 'H1'} ${slide.title}`]
      })
      const headings = handout ? facts.headings : facts.headings.map(page => page.filter(heading => heading.startsWith('H1 ')))
      expect(structureProblems({ ...facts, headings }, expected)).toEqual([])
      expect(expected.filter(page => page.length > 0), 'a heading for every slide').toHaveLength(file === files.steps ? files.steps.pages : deck.slides.length)
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

/** The page of a PDF where slide `no` starts: one page per slide, or (steps) one per click step. */
const startPage = (no: number, steps: boolean) => deckPages(deck, steps).startPage(no)
/** The slide a page of a PDF shows. */
const slideAt = (page: number, steps: boolean) => deckPages(deck, steps).slideAt(page)

let handoutNos = new Map<number, number>()
test.beforeAll(async () => {
  const handout = await readPdf(files.handout.path)
  handoutNos = new Map(handout.pages.flatMap((page, index) => {
    const match = new RegExp(`(?:^|\\s)(\\d+) / ${deck.slides.length}(?:\\s|$)`).exec(normalise(page.text))
    return match ? [[index + 1, Number(match[1])] as const] : []
  }))
})

/** The slide a page of any of the PDFs shows: in the handout, the page whose header reads `N / total`. */
function slideShownOn(page: number, file: { path: string }): number | undefined {
  if (file.path !== files.handout.path)
    return slideAt(page, file.path === files.steps.path)
  return handoutNos.get(page)
}

test.describe('links inside the PDFs open the page they name', () => {
  for (const file of slidePdfs) {
    test(`${file.path}: the agenda to each part, each citation to its reference, each reference back to the slides citing it`, async () => {
      await expectSlideLinks(deck, file.path, file === files.steps)
    })
  }

  for (const file of [...slidePdfs, files.handout]) {
    test(`${file.path}: a slide that refers to another by its title opens it, and names its number`, async () => {
      const [links, pdf] = await Promise.all([readInternalLinks(file.path), readPdf(file.path)])
      const byAnchor = new Map(deck.slides.map(slide => [titleAnchor(slide.title), slide]))
      const refs = deck.slides.flatMap(slide => [...slide.content.matchAll(/<SlideRef\s+to="([^"]+)"/g)].map(match => ({ from: slide, to: deck.slides.find(target => target.title === match[1])! })))
      expect(refs.length).toBeGreaterThan(0)
      for (const { from, to } of refs) {
        // The last page of the referring slide: in the steps PDF, where every click has been made.
        const page = file === files.handout
          ? pdf.pages.findIndex(candidate => holds(candidate.text, `${from.no} / ${deck.slides.length}`)) + 1
          : startPage(from.no + 1, file === files.steps) - 1
        const link = links[page - 1]!.find(candidate => byAnchor.get(candidate.dest) === to)
        expect(link, `page ${page} (${from.title}) links to "${to.title}"`).toBeDefined()
        expect(slideShownOn(link!.page!, file), `"${to.title}" opens its slide`).toBe(to.no)
        expect(holds(pdf.pages[page - 1]!.text, `(slide ${to.no})`), `page ${page} names slide ${to.no}`).toBe(true)
      }
    })
  }

  test(`${files.handout.path}: each slide's sources open their reference`, async () => {
    const [links, pdf] = await Promise.all([readInternalLinks(files.handout.path), readPdf(files.handout.path)])
    const all = placedLinks(links)
    expect(linksToNowhere(all), 'links to nowhere').toEqual([])
    const citations = sourceLinks(all, pdf.pages)
    expect(citations.count).toBeGreaterThan(20)
    expect(citations.misplaced).toEqual([])
  })
})
