import type { PdfFacts } from '../scripts/export/read-pdf'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { sources } from '../components/sources'
import { exportFiles } from '../scripts/export/outputs'
import { handoutOutline, printHandout } from '../scripts/export/print-handout'
import { inkPerPage, outlineTitles, pdfFonts, poppler, readPdf, renderPage } from '../scripts/export/read-pdf'
import { findChromium } from '../scripts/lib/chromium'
import { loadDeck } from '../scripts/lib/deck'
import { normalise } from './support/deck-page'
import { sectionOutline } from './support/outline'

const deck = await loadDeck()
const files = exportFiles(deck)
const pdfs = [files.slides, files.steps, files.dark, files.handout]

/** Words at the start of a slide's notes, as the handout prints them (markdown marks and click markers gone). */
function firstWords(note: string, count = 8): string {
  const plain = note.replace(/\[click(?::\d+)?\]/g, '').replace(/[*_`#>]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
  return normalise(plain).split(' ').slice(0, count).join(' ')
}

test.describe('every exported PDF', () => {
  for (const file of pdfs) {
    test(`${file.path}: opens, carries the deck's metadata, embeds its fonts, and has ink on every page`, async () => {
      expect(existsSync(file.path), `${file.path} exists (run npm run build && npm run export)`).toBe(true)
      const pdf = await readPdf(file.path)
      expect(pdf.pages.length).toBeGreaterThanOrEqual(file.pages)
      expect(String(pdf.info.Title)).toContain(deck.title)
      expect(pdf.info.Author).toBe(deck.author)
      expect(pdf.info.Subject).toBe(deck.info)
      expect(String(pdf.info.Keywords)).toContain('namespaces')
      expect(String(pdf.info.CreationDate)).toMatch(/^D:20\d{12}/)
      const fonts = pdfFonts(file.path)
      expect(fonts.length).toBeGreaterThan(0)
      expect(fonts.filter(font => !font.embedded)).toEqual([])
      // A system fallback (DejaVu, Liberation, ...) means a glyph the bundled fonts lack.
      expect(fonts.filter(font => !/Inter|FiraCode/.test(font.name)).map(font => font.name)).toEqual([])
      const blank = inkPerPage(file.path).flatMap((ink, index) => ink < 0.002 ? [index + 1] : [])
      expect(blank, 'pages with no ink').toEqual([])
    })
  }

  test('the slides PDF is vector: text and shapes, no page-sized pictures', () => {
    const images = poppler('pdfimages', ['-list', files.slides.path]).trim().split('\n').slice(2)
    const large = images.filter(row => Number(row.trim().split(/\s+/)[3]) > 400)
    expect(large).toEqual([])
  })
})

test.describe('the dark PDF', () => {
  let pdf: PdfFacts
  test.beforeAll(async () => {
    pdf = await readPdf(files.dark.path)
  })

  test('has one page per slide with its title, and the sections outline', () => {
    expect(pdf.pages).toHaveLength(deck.slides.length)
    const missing = deck.slides.filter(slide => !normalise(pdf.pages[slide.no - 1]!.text).includes(normalise(slide.title)))
    expect(missing.map(slide => slide.title)).toEqual([])
    expect(pdf.outline).toEqual(sectionOutline(deck))
  })

  test('renders the diagrams in the dark scheme as approved', () => {
    // Slides whose look does not depend on data/measured.json, which a presenter's machine may have.
    for (const slide of deck.slides.filter(candidate => /<(?:ArchitectureCompare|FailureDomains)[\s/>]/.test(candidate.content))) {
      const png = renderPage(files.dark.path, slide.no)
      expect(png).toMatchSnapshot(`dark-slide-${slide.no}.png`, { maxDiffPixelRatio: 0.01, threshold: 0.3 })
    }
  })
})

test.describe('the reading handout', () => {
  let pdf: PdfFacts
  test.beforeAll(async () => {
    pdf = await readPdf(files.handout.path)
  })

  /** The page each slide starts on: its header shows "N / total". */
  function startPages(): number[] {
    return handoutOutline(deck, pdf.pages.map(page => page.text)).map(entry => entry.page - 1)
  }

  test('gives each slide its own page, in order; notes that run on continue onto the next', () => {
    const starts = startPages()
    expect(new Set(starts).size).toBe(deck.slides.length)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
    // The slides whose notes and sources run on to a second page, recorded so a change in them is seen:
    // the isolation spectrum lists the sources of its five rungs.
    const continued = deck.slides.filter((_slide, index) => (starts[index + 1] ?? pdf.pages.length) - starts[index]! > 1)
    expect(continued.map(slide => slide.title)).toEqual(['Isolation is a spectrum, not a switch'])
  })

  test('prints each slide\'s title and the first words of its notes on its page', () => {
    const starts = startPages()
    const missing = deck.slides.flatMap((slide, index) => {
      const text = normalise(pdf.pages.slice(starts[index], (starts[index + 1] ?? pdf.pages.length)).map(page => page.text).join(' '))
      const wanted = [slide.title, firstWords(slide.note)]
      return wanted.filter(words => !text.includes(normalise(words))).map(words => `slide ${slide.no}: "${words}"`)
    })
    expect(missing).toEqual([])
  })

  test('has an outline of the sections, each with its slides', () => {
    expect(outlineTitles(pdf.outline)).toEqual(deck.slides.map(slide => slide.title))
    expect(pdf.outline.map(item => item.title)).toEqual(sectionOutline(deck).map(item => item.title))
  })

  test('lists, with a live link, the full reference of every source a slide shows', () => {
    const links = new Set(pdf.pages.flatMap(page => page.links))
    const text = normalise(pdf.pages.map(page => page.text).join(' '))
    const startup = deck.slides.find(slide => slide.content.includes('<StartupTimeline view="all"'))!
    const page = normalise(pdf.pages[startPages()[startup.no - 1]!]!.text)
    expect(page).toContain('Sources on this slide')
    expect(page).toContain(normalise(sources.crun.title))
    const unlinked = Object.values(sources).filter(source => !links.has(source.url)).map(source => source.url)
    expect(unlinked).toEqual([])
    expect(text).toContain(normalise(sources['khan-2026'].title))
  })

  test('looks as approved', () => {
    const architecture = deck.slides.find(slide => slide.content.includes('<ArchitectureCompare'))!
    for (const page of [1, startPages()[architecture.no - 1]! + 1]) {
      expect(renderPage(files.handout.path, page, 50)).toMatchSnapshot(`handout-page-${page}.png`, { maxDiffPixelRatio: 0.01, threshold: 0.3 })
    }
  })

  test('prints the same text again', async () => {
    test.setTimeout(120_000)
    const again = join(mkdtempSync(join(tmpdir(), 'handout-')), 'again.pdf')
    await printHandout(deck, { dist: 'dist', output: again, executablePath: findChromium().path })
    const second = await readPdf(again)
    expect(second.pages.map(page => page.text)).toEqual(pdf.pages.map(page => page.text))
  })
})

test.describe('the PNG per slide', () => {
  test('has one image per slide, each a full slide with ink on it', async ({ page }) => {
    // A bound for a look at every slide's image, on a machine that may be running other tests beside it.
    test.setTimeout(120_000)
    const missing = files.png.files.filter(file => !existsSync(file))
    expect(missing).toEqual([])
    await page.setContent('<canvas width="96" height="54"></canvas>')
    for (const file of files.png.files) {
      const png = readFileSync(file)
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect(png.readUInt32BE(16) / png.readUInt32BE(20), `${file} aspect`).toBeCloseTo(980 / 552, 1)
      const ink = await page.evaluate(async (data) => {
        const image = new Image()
        image.src = `data:image/png;base64,${data}`
        await image.decode()
        const context = document.querySelector('canvas')!.getContext('2d')!
        context.drawImage(image, 0, 0, 96, 54)
        const pixels = context.getImageData(0, 0, 96, 54).data
        let inked = 0
        for (let index = 0; index < pixels.length; index += 4)
          inked += Math.abs(pixels[index]! - pixels[0]!) > 40 ? 1 : 0
        return inked / (pixels.length / 4)
      }, png.toString('base64'))
      expect(ink, `${file} has something on it`).toBeGreaterThan(0.002)
      expect(statSync(file).size).toBeGreaterThan(5000)
    }
  })
})
