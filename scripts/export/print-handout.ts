import type { Browser } from 'playwright-chromium'
/**
 * The reading handout: the built deck's /handout page (setup/handout/),
 * printed by Chromium to an A4 PDF tagged for screen readers, then given the
 * deck's metadata and an outline of the sections and their slides, each
 * bookmark opening the page where its slide starts.
 */
import type { Deck } from '../lib/deck'
import type { OutlineEntry } from './finish-pdf'
import type { PdfPage } from './read-pdf'
import { readFileSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { chromium } from 'playwright-chromium'
import { preview } from 'vite'
import { normalizeBase } from '../../server/static'
import { finishPdf } from './finish-pdf'
import { readPdf } from './read-pdf'

/** Prints the handout to `options.output` and returns its pages as read back (the text is not changed by the finishing). */
export async function printHandout(deck: Deck, options: { dist: string, output: string, executablePath: string, now?: Date }): Promise<PdfPage[]> {
  const server = await preview({
    configFile: false,
    logLevel: 'warn',
    // Served at the base path the deck was built for (`BASE=/talk/ npm run build`).
    base: normalizeBase(process.env.BASE ?? '/'),
    build: { outDir: options.dist },
    preview: { port: 0, host: 'localhost', strictPort: false },
  })
  let browser: Browser | undefined
  try {
    browser = await chromium.launch({ executablePath: options.executablePath })
    const url = server.resolvedUrls?.local[0]
    if (!url)
      throw new Error('The preview server for the handout did not start.')
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', error => errors.push(error.message))
    await page.goto(new URL('handout', url).href)
    // Every slide rendered (Slidev loads them asynchronously), fonts in, diagrams drawn.
    await page.locator(`[data-handout-no="${deck.slides.length}"] .slidev-layout`).waitFor()
    await page.waitForFunction(() => document.querySelectorAll('.slidev-slide-loading').length === 0)
    await page.evaluate(() => document.fonts.ready)
    await page.waitForLoadState('networkidle')
    if (errors.length > 0)
      throw new Error(`The handout page failed: ${errors.join('; ')}`)
    await page.pdf({ path: options.output, preferCSSPageSize: true, printBackground: true, tagged: true })
  }
  finally {
    await browser?.close()
    await new Promise<void>(resolve => server.httpServer.close(() => resolve()))
  }
  const { pages } = await readPdf(options.output)
  const outline = handoutOutline(deck, pages.map(page => page.text))
  writeFileSync(options.output, await finishPdf(readFileSync(options.output), deck, { title: `${deck.title} — reading handout`, outline, now: options.now }))
  return pages
}

/** A bookmark per slide, at the page whose header reads "N / total", nested under its section. */
export function handoutOutline(deck: Deck, pageTexts: readonly string[]): OutlineEntry[] {
  return deck.slides.map((slide) => {
    const marker = new RegExp(`(?:^|\\s)${slide.no} / ${deck.slides.length}(?:\\s|$)`)
    const index = pageTexts.findIndex(text => marker.test(text.replace(/\s+/g, ' ')))
    if (index < 0)
      throw new Error(`The handout has no page for slide ${slide.no} (${slide.title}).`)
    return { page: index + 1, level: slide.level, title: slide.title }
  })
}
