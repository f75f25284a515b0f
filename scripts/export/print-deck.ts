/**
 * Printing the built deck: Slidev's print page (`/print`, every slide in its
 * final state, or every click step with `?print=clicks`) served from dist/,
 * printed by one Chromium, each output in its own page so they print side by
 * side. What `slidev export` does, without starting Slidev's dev server for
 * each output: the pages are already built.
 *
 * A page is printed when the print page holds every slide it should (a count
 * of `.print-slide-container`, a real signal, not the network going quiet),
 * no slide is still loading, each shows its slide's title, every
 * `[data-waitfor]` target is visible, the fonts are in and every image has
 * decoded.
 */
import type { Browser, Page } from 'playwright-chromium'
import type { Deck } from '../lib/deck'

export interface PrintSize {
  /** The slide's width and height in CSS pixels, as `slidev export` prints them. */
  width: number
  height: number
}

export interface PrintOptions {
  /** The deck's root URL, ending in `/` (the base path it was built for). */
  url: string
  /** Every click step (one page each) rather than every slide's final state. */
  clicks?: boolean
  dark?: boolean
  /** Device pixels per CSS pixel, for screenshots. */
  scale?: number
  timeout?: number
}

/** The slide size `slidev export` prints at: the canvas width, and the height its aspect ratio gives, rounded. */
export function printSize(headmatter: { canvasWidth?: unknown, aspectRatio?: unknown }): PrintSize {
  const width = Number(headmatter.canvasWidth ?? 980)
  return { width, height: Math.round(width / aspectRatio(headmatter.aspectRatio)) }
}

/** Slidev's `aspectRatio`: a number, or a string such as `16/9` or `4:3`; 16/9 when unset. */
export function aspectRatio(value: unknown): number {
  if (typeof value === 'number' && value > 0)
    return value
  const match = /^\s*(\d+(?:\.\d+)?)\s*[/:]\s*(\d+(?:\.\d+)?)\s*$/.exec(String(value ?? ''))
  if (match && Number(match[2]) > 0)
    return Number(match[1]) / Number(match[2])
  if (Number(value) > 0)
    return Number(value)
  return 16 / 9
}

/** The pages a print of the deck has: one per slide, or one per click step (each slide before its first click, then once per click). */
export function printedPages(deck: Deck, clicks: boolean): number {
  return clicks ? deck.slides.reduce((total, slide) => total + slide.clicks + 1, 0) : deck.slides.length
}

export interface PrintedSlide {
  /** The container's id, `NNN-CC`: the slide's number, and its click step plus one. */
  id: string
  text: string
}

/**
 * What makes a print page incomplete, read from its slides before printing:
 * a count off the expected one, a slide out of order, or a slide without its
 * title (a slide that had not rendered prints as a blank page).
 */
export function incompletePrint(printed: readonly PrintedSlide[], deck: Deck, clicks: boolean): string[] {
  const expected = deck.slides.flatMap(slide => Array.from({ length: clicks ? slide.clicks + 1 : 1 }, () => slide))
  const problems: string[] = []
  if (printed.length !== expected.length)
    problems.push(`${printed.length} slides where ${expected.length} were expected`)
  const words = (text: string) => text.replace(/\s+/g, ' ').trim()
  printed.forEach((slide, index) => {
    const want = expected[index]
    if (!want)
      return
    if (Number(slide.id.split('-')[0]) !== want.no)
      problems.push(`page ${index + 1} shows slide ${slide.id}, not slide ${want.no}`)
    else if (!words(slide.text).includes(words(want.title)))
      problems.push(`page ${index + 1} (slide ${want.no}) lacks its title "${want.title}"`)
  })
  return problems
}

/** The print page's URL for a deck served at `url`. */
export function printUrl(url: string, clicks: boolean): string {
  const target = new URL('print', url)
  target.searchParams.set('print', clicks ? 'clicks' : 'true')
  return target.href
}

/** Opens the print page and waits until every slide (or step) it should hold has rendered. */
export async function openPrint(browser: Browser, deck: Deck, size: PrintSize, options: PrintOptions): Promise<Page> {
  const timeout = options.timeout ?? 60_000
  const context = await browser.newContext({
    // One slide tall. (`slidev export` opens a viewport as tall as every page together, which makes
    // Chromium lay out and paint the whole print for each screenshot: five times slower here.)
    viewport: { width: size.width, height: size.height },
    deviceScaleFactor: options.scale ?? 1,
    colorScheme: options.dark ? 'dark' : 'light',
    // The deck works offline; anything else is a bug the export should not hide.
    serviceWorkers: 'block',
  })
  const page = await context.newPage()
  page.setDefaultTimeout(timeout)
  const errors: string[] = []
  page.on('pageerror', error => errors.push(error.message))
  await page.goto(printUrl(options.url, options.clicks ?? false))
  await page.emulateMedia({ media: 'screen', colorScheme: options.dark ? 'dark' : 'light' })
  // Each page's slide, in order, with its title: a slide mounts its component after its route loads,
  // so a container can exist a moment before its content does.
  const titles = deck.slides.flatMap(slide => Array.from({ length: options.clicks ? slide.clicks + 1 : 1 }, () => slide.title.replace(/\s+/g, ' ').trim()))
  const read = () => page.locator('.print-slide-container').evaluateAll(elements =>
    elements.map(element => ({ id: element.id, text: element.textContent ?? '' })))
  try {
    await page.waitForFunction((titles) => {
      const containers = document.querySelectorAll('.print-slide-container')
      return containers.length === titles.length
        && document.querySelectorAll('.slidev-slide-loading').length === 0
        && [...containers].every((container, index) => (container.textContent ?? '').replace(/\s+/g, ' ').includes(titles[index]!))
    }, titles, { timeout, polling: 100 })
  }
  catch (error) {
    const problems = incompletePrint(await read(), deck, options.clicks ?? false)
    throw new Error(`${printUrl(options.url, options.clicks ?? false)} is incomplete: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` and ${problems.length - 5} more` : ''}${errors.length > 0 ? `; page errors: ${errors.join('; ')}` : ''}`, { cause: error })
  }
  const problems = incompletePrint(await read(), deck, options.clicks ?? false)
  if (problems.length > 0)
    throw new Error(`${printUrl(options.url, options.clicks ?? false)} is incomplete: ${problems.join('; ')}`)
  for (const element of await page.locator('[data-waitfor]').all()) {
    const selector = await element.getAttribute('data-waitfor')
    if (selector)
      await element.locator(selector).first().waitFor({ state: 'visible' })
  }
  await page.evaluate(async () => {
    await document.fonts.ready
    await Promise.all([...document.images].map(image => image.decode().catch(() => undefined)))
  })
  if (errors.length > 0)
    throw new Error(`The print page failed: ${errors.join('; ')}`)
  return page
}

/**
 * Turns an open print page to the dark (or light) colour scheme, as the
 * reader's system setting would: the deck follows `prefers-color-scheme`
 * (`colorSchema: auto`), so <html> takes the `dark` class and the slides
 * redraw. Resolves once the class is set and two frames have been drawn.
 */
export async function switchScheme(page: Page, dark: boolean): Promise<void> {
  await page.emulateMedia({ media: 'screen', colorScheme: dark ? 'dark' : 'light' })
  await page.waitForFunction(dark => document.documentElement.classList.contains('dark') === dark, dark)
  await page.evaluate(() => new Promise<void>(resolve => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
}

/** Prints an open print page to a PDF, one slide a page, tagged for screen readers. */
export async function printPdf(page: Page, size: PrintSize): Promise<Uint8Array> {
  return page.pdf({
    width: `${size.width}px`,
    height: `${size.height}px`,
    margin: { top: 0, right: 0, bottom: 0, left: 0 },
    printBackground: true,
    preferCSSPageSize: true,
    tagged: true,
  })
}

/** The width and height of a PNG, from its header. */
export function pngSize(png: Uint8Array): { width: number, height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/**
 * One PNG per slide of an open print page, at `scale` device pixels per CSS
 * pixel, named by slide number as `slidev export --format png` names them.
 * Each slide is scrolled to the top of a viewport exactly its size and that
 * viewport is captured through Chromium's DevTools protocol, encoded for
 * speed: a capture of an element, or beyond the viewport, repaints the whole
 * print each time (Playwright's element screenshot took 130 ms a slide here,
 * this takes under 90).
 */
export async function screenshotSlides(page: Page, size: PrintSize, scale = 2): Promise<{ no: number, png: Uint8Array }[]> {
  const slides = await page.locator('.print-slide-container').evaluateAll(elements => elements.map((element) => {
    const box = element.getBoundingClientRect()
    return { id: element.id, top: box.top + window.scrollY, height: box.height }
  }))
  const height = Math.round(slides[0]?.height ?? size.height)
  await page.setViewportSize({ width: size.width, height })
  const cdp = await page.context().newCDPSession(page)
  const shots: { no: number, png: Uint8Array }[] = []
  try {
    for (const slide of slides) {
      const scrolled = await page.evaluate((top) => {
        window.scrollTo(0, top)
        return window.scrollY
      }, slide.top)
      if (Math.abs(scrolled - slide.top) > 1)
        throw new Error(`Slide ${slide.id} could not be scrolled into view (at ${scrolled} px, not ${slide.top} px).`)
      const { data } = await cdp.send('Page.captureScreenshot', {
        format: 'png',
        clip: { x: 0, y: scrolled, width: size.width, height, scale },
        optimizeForSpeed: true,
      })
      const png = Uint8Array.from(atob(data), char => char.charCodeAt(0))
      const got = pngSize(png)
      if (got.width !== size.width * scale || got.height !== height * scale)
        throw new Error(`Slide ${slide.id} was captured at ${got.width}×${got.height}, not ${size.width * scale}×${height * scale}.`)
      shots.push({ no: Number(slide.id.split('-')[0]), png })
    }
  }
  finally {
    await cdp.detach()
  }
  return shots
}
