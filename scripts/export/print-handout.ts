/**
 * The reading handout: the built deck's /handout page (setup/handout/),
 * printed by Chromium to an A4 PDF tagged for screen readers (each page's
 * footer, the page's own CSS, carries the deck's edition and the page
 * number), then given the
 * deck's metadata and an outline of the sections and their slides, each
 * bookmark opening the page where its slide starts. Given a room's edition
 * (./room.ts), the same page prints it: the page reads it from
 * `window.__ROOM_EDITION__`, set before it loads (setup/handout/room-edition.ts).
 */
import type { Browser } from 'playwright-chromium'
import type { RoomEdition } from '../../setup/handout/room-edition'
import type { Deck } from '../lib/deck'
import type { OutlineEntry } from './finish-pdf'
import type { PdfPage } from './read-pdf'
import { readFileSync, writeFileSync } from 'node:fs'
import { chromium } from 'playwright-chromium'
import { editionLabel } from '../../components/edition'
import { OTHER_QUESTIONS_TITLE, roomEditionLabel } from '../../setup/handout/room-edition'
import { builtEdition } from '../lib/edition'
import { finishPdf } from './finish-pdf'
import { readPdf } from './read-pdf'
import { serveDist } from './serve-dist'

export interface HandoutOptions {
  dist: string
  output: string
  /** A browser to print with; without one, a Chromium at `executablePath` is started and closed. */
  browser?: Browser
  executablePath?: string
  /** The served deck's root URL; without it, `dist` is served for the print. */
  url?: string
  now?: Date
  /** The room's edition to print instead of the reading handout. */
  room?: RoomEdition
}

/** Prints the handout to `options.output` and returns its pages as read back (the text is not changed by the finishing). */
export async function printHandout(deck: Deck, options: HandoutOptions): Promise<PdfPage[]> {
  const served = options.url ? undefined : await serveDist(options.dist)
  const browser = options.browser ?? await chromium.launch({ executablePath: options.executablePath })
  const edition = builtEdition(options.dist)
  try {
    const page = await browser.newPage({ serviceWorkers: 'block' })
    const errors: string[] = []
    page.on('pageerror', error => errors.push(error.message))
    if (options.room) {
      await page.addInitScript((room) => {
        window.__ROOM_EDITION__ = room
      }, options.room)
    }
    await page.goto(new URL('handout', options.url ?? served!.url).href)
    // Every slide rendered (Slidev loads them asynchronously), fonts in, images decoded.
    await page.locator(`[data-handout-no="${deck.slides.length}"] .slidev-layout`).waitFor({ timeout: 60_000 })
    if (options.room)
      await page.locator('[data-room-edition]').waitFor({ timeout: 10_000 })
    await page.waitForFunction(() => document.querySelectorAll('.slidev-slide-loading').length === 0)
    await page.evaluate(async () => {
      await document.fonts.ready
      await Promise.all([...document.images].map(image => image.decode().catch(() => undefined)))
    })
    if (errors.length > 0)
      throw new Error(`The handout page failed: ${errors.join('; ')}`)
    await page.pdf({
      path: options.output,
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
    })
    await page.close()
  }
  finally {
    if (!options.browser)
      await browser.close()
    await served?.close()
  }
  const { pages } = await readPdf(options.output)
  const outline = handoutOutline(deck, pages.map(page => page.text), options.room)
  const title = `${deck.title} — ${options.room ? 'room edition' : 'reading handout'}`
  const label = options.room ? roomEditionLabel(options.room, editionLabel(edition)) : undefined
  writeFileSync(options.output, await finishPdf(readFileSync(options.output), deck, { title, outline, now: options.now, edition, label }))
  return pages
}

/**
 * A bookmark per slide, at the page whose header reads "N / total", nested
 * under its section; in a room's edition with questions of unknown slide, one
 * more for their page, after the last slide's.
 */
export function handoutOutline(deck: Deck, pageTexts: readonly string[], room?: Pick<RoomEdition, 'other'>): OutlineEntry[] {
  const slides = deck.slides.map((slide) => {
    const marker = new RegExp(`(?:^|\\s)${slide.no} / ${deck.slides.length}(?:\\s|$)`)
    const index = pageTexts.findIndex(text => marker.test(text.replace(/\s+/g, ' ')))
    if (index < 0)
      throw new Error(`The handout has no page for slide ${slide.no} (${slide.title}).`)
    return { page: index + 1, level: slide.level, title: slide.title }
  })
  if (!room || room.other.length === 0)
    return slides
  const after = slides.at(-1)?.page ?? 1
  const index = pageTexts.findIndex((text, page) => page >= after - 1 && text.replace(/\s+/g, ' ').includes(OTHER_QUESTIONS_TITLE))
  if (index < 0)
    throw new Error(`The room's edition has no page "${OTHER_QUESTIONS_TITLE}".`)
  return [...slides, { page: index + 1, level: 1, title: OTHER_QUESTIONS_TITLE }]
}
