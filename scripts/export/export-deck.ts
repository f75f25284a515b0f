/**
 * Prints every output of a built deck (see scripts/export/export.ts, the
 * command): the slides, steps and dark PDFs, the PNGs and the handout, from
 * one Chromium with three pages side by side. `npm run bench` calls it too,
 * on the deck it has just built, to set it beside `slidev export`.
 */
import type { Browser, Page } from 'playwright-chromium'
import type { Deck } from '../lib/deck'
import type { ExportFile } from './outputs'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { chromium } from 'playwright-chromium'
import { builtEdition } from '../lib/edition'
import { finishPdf } from './finish-pdf'
import { deckOutline } from './outline'
import { exportFiles } from './outputs'
import { openPrint, printPdf, printSize, screenshotSlides, switchScheme } from './print-deck'
import { printHandout } from './print-handout'
import { incompleteExport } from './read-pdf'
import { serveDist } from './serve-dist'

/** The outputs printed together: the slides PDF with the PNGs and the dark PDF, the steps PDF, the handout. */
export const EXPORT_OUTPUTS = ['slides', 'steps', 'handout'] as const
export type ExportOutput = typeof EXPORT_OUTPUTS[number]

/** Attempts at each output: a failed check prints it again. */
export const ATTEMPTS = 3

export interface ExportOptions {
  deck: Deck
  /** The built deck. */
  dist: string
  /** Where the outputs go (exports/). */
  dir?: string
  executablePath: string
  /** The creation date written into every PDF. */
  now?: Date
  /** Outputs printed at once; all three unless given. */
  concurrency?: number
  /** The outputs to print; all of them unless given (a test prints only what it checks). */
  outputs?: readonly ExportOutput[]
  /** Progress lines (each output as it is written, and retries). */
  log?: (line: string) => void
}

export interface ExportResult {
  seconds: number
  /** Pages of the slides, steps and dark PDFs. */
  slidePages: number
  handoutPages: number
  images: number
}

export async function exportDeck(options: ExportOptions): Promise<ExportResult> {
  const { deck, dist, executablePath } = options
  const log = options.log ?? (() => {})
  if (!existsSync(`${dist}/index.html`))
    throw new Error(`No built deck in ${dist}/: run \`npm run build\` first.`)
  const edition = builtEdition(dist)
  const size = printSize(deck.slides[0]?.frontmatter ?? {})
  const files = exportFiles(deck, options.dir)
  const now = options.now ?? new Date()
  let handoutPages = 0
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
        log(`  (${label}: ${seconds(start)} s)`)
        return
      }
      log(`Attempt ${round} of ${ATTEMPTS} at ${label}: ${problems.join('; ')}.`)
    }
    throw new Error(`Giving up: ${label} failed ${ATTEMPTS} times.`)
  }

  /** Prints an open print page to `file`: checked, outlined, stamped with the edition. */
  async function savePdf(page: Page, file: ExportFile, clicks: boolean): Promise<void> {
    const printed = await printPdf(page, size)
    // openPrint checked every slide is there with its title; finishPdf checks the page count.
    writeFileSync(file.path, await finishPdf(printed, deck, { now, edition, outline: deckOutline(deck, clicks), pages: file.pages }))
    log(`Printed ${file.pages} pages to ${file.path}`)
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
        log(`Saved ${files.png.files.length} images to ${files.png.dir}/`)
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
      const pages = await printHandout(deck, { dist, output: files.handout.path, browser, url, now })
      const problems = incompleteExport(pages, Math.max(pages.length, files.handout.pages))
      if (pages.length < files.handout.pages)
        problems.push(`${pages.length} pages for ${files.handout.pages} slides`)
      if (problems.length === 0) {
        handoutPages = pages.length
        log(`Printed ${pages.length} pages to ${files.handout.path}`)
      }
      return problems
    })
  }

  const started = performance.now()
  const printed = new Set(options.outputs ?? EXPORT_OUTPUTS)
  mkdirSync(files.dir, { recursive: true })
  const served = await serveDist(dist)
  try {
    const browser = await chromium.launch({ executablePath })
    try {
      const printers: Record<ExportOutput, () => Promise<void>> = {
        slides: () => exportSlidesImagesDark(browser, served.url),
        steps: () => exportSteps(browser, served.url),
        handout: () => exportHandout(browser, served.url),
      }
      const tasks = (options.outputs ?? EXPORT_OUTPUTS).map(output => printers[output])
      await Promise.all(Array.from({ length: options.concurrency ?? tasks.length }, async () => {
        for (let task = tasks.shift(); task; task = tasks.shift())
          await task()
      }))
    }
    finally {
      await browser.close()
    }
  }
  finally {
    await served.close()
  }
  return {
    seconds: (performance.now() - started) / 1000,
    slidePages: (printed.has('slides') ? files.slides.pages + files.dark.pages : 0) + (printed.has('steps') ? files.steps.pages : 0),
    handoutPages,
    images: printed.has('slides') ? files.png.files.length : 0,
  }
}
