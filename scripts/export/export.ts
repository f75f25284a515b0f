/**
 * `npm run export` (after `npm run build`): every output printed from the
 * built deck in dist/, served locally, by one Chromium with a page per output
 * printing side by side. Into exports/, named by the deck's `exportFilename`:
 * - `<name>.pdf`: one page per slide in its final state;
 * - `<name>-steps.pdf`: one page per click step, so every diagram build can be
 *   followed on paper;
 * - `<name>-dark.pdf`: the slides in the dark colour scheme;
 * - `<name>-handout.pdf`: each slide with its speaker notes and sources, A4,
 *   printed from the built deck's /handout page;
 * - `png/N.png`: one image per slide, at twice the slide's size.
 * Every PDF is tagged (a structure tree for screen readers), names its
 * language, shows its title in the window's title bar, has an outline of the
 * sections and their slides and carries the build's edition (metadata, and in
 * small print on the last page). The slides and handout PDFs are then copied
 * into dist/, where the download button and the closing slide link them.
 *
 * Each output is checked as it is written: its page count, text on every page
 * (for the PNGs, one file per slide). An output that fails the check, or whose
 * print page never shows every slide, is printed again, up to ATTEMPTS times,
 * and otherwise the export fails loudly. `npm run export:slidev` makes the
 * same outputs with `slidev export`, Slidev's own (slower) path.
 */
import type { Browser, Page } from 'playwright-chromium'
import type { ExportFile } from './outputs'
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { chromium } from 'playwright-chromium'
import { handoutFile } from '../../components/talk-links'
import { chromiumOrExit } from '../lib/chromium'
import { loadDeck } from '../lib/deck'
import { builtEdition } from '../lib/edition'
import { finishPdf } from './finish-pdf'
import { deckOutline } from './outline'
import { exportFiles } from './outputs'
import { openPrint, printPdf, printSize, screenshotSlides, switchScheme } from './print-deck'
import { printHandout } from './print-handout'
import { incompleteExport } from './read-pdf'
import { serveDist } from './serve-dist'

const ATTEMPTS = 3
const DIST = 'dist'
const EXPORTED_AT = new Date()

if (!existsSync(`${DIST}/index.html`)) {
  process.stderr.write('`npm run export` prints the built deck: run `npm run build` first.\n')
  process.exit(1)
}
const executablePath = await chromiumOrExit()
const deck = await loadDeck()
const edition = builtEdition(DIST)
const size = printSize(deck.slides[0]?.frontmatter ?? {})
const files = exportFiles(deck)

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1)

/** Runs `attempt` until it returns no problems, up to ATTEMPTS times; a thrown error counts as a failed attempt. */
async function withRetries(label: string, attempt: () => Promise<string[]>): Promise<void> {
  const start = performance.now()
  for (let round = 1; round <= ATTEMPTS; round++) {
    let problems: string[]
    try {
      problems = await attempt()
    }
    catch (error) {
      problems = [(error as Error).message]
    }
    if (problems.length === 0) {
      process.stdout.write(`  (${label}: ${seconds(start)} s)\n`)
      return
    }
    process.stderr.write(`Attempt ${round} of ${ATTEMPTS} at ${label}: ${problems.join('; ')}.\n`)
  }
  throw new Error(`Giving up: ${label} failed ${ATTEMPTS} times.`)
}

/** Prints an open print page to `file`: checked, outlined, stamped with the edition. */
async function savePdf(page: Page, file: ExportFile, clicks: boolean): Promise<void> {
  const printed = await printPdf(page, size)
  // openPrint checked every slide is there with its title; finishPdf checks the page count.
  writeFileSync(file.path, await finishPdf(printed, deck, { now: EXPORTED_AT, edition, outline: deckOutline(deck, clicks), pages: file.pages }))
  process.stdout.write(`Printed ${file.pages} pages to ${file.path}\n`)
}

/** The step-by-step PDF: its own print page, one page per click step. */
async function exportSteps(browser: Browser, url: string): Promise<void> {
  await withRetries(files.steps.path, async () => {
    const page = await openPrint(browser, deck, size, { url, clicks: true })
    try {
      await savePdf(page, files.steps, true)
    }
    finally {
      await page.context().close()
    }
    return []
  })
}

/**
 * The slides PDF, the PNGs and the dark PDF, from one print page opened at
 * twice the slide's size (the PDFs are vector, the size only matters to the
 * images): printed light, captured slide by slide, switched to dark, printed
 * again. One page instead of three saves two loads of every slide.
 */
async function exportSlidesImagesDark(browser: Browser, url: string): Promise<void> {
  await withRetries(`${files.slides.path}, ${files.png.dir}/ and ${files.dark.path}`, async () => {
    rmSync(files.png.dir, { recursive: true, force: true })
    mkdirSync(files.png.dir, { recursive: true })
    const page = await openPrint(browser, deck, size, { url, scale: 2 })
    try {
      await savePdf(page, files.slides, false)
      for (const { no, png } of await screenshotSlides(page, size, 2))
        writeFileSync(`${files.png.dir}/${no}.png`, png)
      const missing = files.png.files.filter(file => !existsSync(file))
      if (missing.length > 0)
        return [`${missing.join(', ')} missing`]
      process.stdout.write(`Saved ${files.png.files.length} images to ${files.png.dir}/\n`)
      await switchScheme(page, true)
      await savePdf(page, files.dark, false)
    }
    finally {
      await page.context().close()
    }
    return []
  })
}

async function exportHandout(browser: Browser, url: string): Promise<void> {
  await withRetries(files.handout.path, async () => {
    const pages = await printHandout(deck, { dist: DIST, output: files.handout.path, browser, url, now: EXPORTED_AT })
    const problems = incompleteExport(pages, Math.max(pages.length, files.handout.pages))
    if (pages.length < files.handout.pages)
      problems.push(`${pages.length} pages for ${files.handout.pages} slides`)
    if (problems.length === 0)
      process.stdout.write(`Printed ${pages.length} pages to ${files.handout.path}\n`)
    return problems
  })
}

const started = performance.now()
mkdirSync(files.dir, { recursive: true })
const served = await serveDist(DIST)
const browser = await chromium.launch({ executablePath })
try {
  const tasks = [
    () => exportSlidesImagesDark(browser, served.url),
    () => exportSteps(browser, served.url),
    () => exportHandout(browser, served.url),
  ]
  const concurrency = Number(process.env.EXPORT_CONCURRENCY ?? tasks.length)
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let task = tasks.shift(); task; task = tasks.shift())
      await task()
  }))
}
catch (error) {
  process.stderr.write(`${(error as Error).message}\n`)
  process.exitCode = 1
}
finally {
  await browser.close()
  await served.close()
}
if (process.exitCode)
  process.exit()

// The hosted deck's download button (headmatter `download:`) fetches this copy; the closing slide links the handout's.
copyFileSync(files.slides.path, `${DIST}/${deck.exportFilename}.pdf`)
copyFileSync(files.handout.path, `${DIST}/${handoutFile(deck.exportFilename)}`)
const pages = files.slides.pages + files.steps.pages + files.dark.pages
process.stdout.write(`Exported ${pages} slide pages, the handout and ${files.png.files.length} images in ${seconds(started)} s; copied the slides and the handout PDFs to ${DIST}/\n`)
