import type { Page } from '@playwright/test'
import type { RunningServer } from '../server/serve'
import process from 'node:process'
import { expect, test } from '@playwright/test'
import { loadDeck } from '../scripts/lib/deck'
import { startServer } from '../server/serve'
import { HOSTED_BASE, HOSTED_OUT } from './support/servers'

/**
 * The audience page (setup/audience/) on a phone held upright, at two common
 * widths: every slide at every click, as the room reads it. Nothing the room
 * reads is under 16 CSS px (SVG text at its drawn size), nothing is clipped
 * (no sideways scroll of the page, nothing past the screen's edges but inside
 * a box that scrolls sideways on purpose, no text cut by a box that hides its
 * overflow or drawn over other text), and the slide takes the screen's width
 * unscaled. A table per width is printed, as tests/typography.spec.ts does for
 * the projected deck. A timeline's axis heads its chart, in view with the
 * first bar. Each slide is opened by its address, and its clicks
 * taken one key press at a time (the page's address follows).
 *
 * The page is the hosted build the config's webServer makes
 * (tests/support/servers.ts), served by `npm run serve`'s server started for
 * each worker: no presenter from another test moves it, and its polls are
 * live, with their counts, as the room sees them.
 */
const deck = await loadDeck()

/** The smallest text the room reads on the phone, in CSS px. */
const SMALLEST_PX = 16

const PHONES = [
  { width: 390, height: 844 },
  { width: 412, height: 915 },
] as const

/** What one step (a slide at a click) measures on the phone. */
interface StepMeasure {
  /** The slide and click the page shows, to be sure nothing moved it. */
  shown: string
  /** Smallest drawn size of visible text, CSS px; 0 when the step has none. */
  smallest: number
  smallestText: string
  /** Visible text smaller than SMALLEST_PX, by element and size, with an example. */
  small: string[]
  /** What is clipped or past the screen's edges, in words. */
  clipped: string[]
  /** What keeps the slide from using the screen, in words. */
  screen: string[]
}

/** In the page: the step's text sizes, clipping and the slide's width. */
/**
 * The fonts the page preloads (scripts/audience/page.ts, PRELOADED_FACES) that it does not draw, by address: the
 * @font-face rule that names the file, and no face of its family, weight and style loaded.
 */
function undrawnPreloads(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rules = [...document.styleSheets].flatMap(sheet => [...sheet.cssRules]).filter((rule): rule is CSSFontFaceRule => rule instanceof CSSFontFaceRule)
    const loaded = [...document.fonts].filter(face => face.status === 'loaded')
    const bare = (value: string): string => value.replace(/["']/g, '').trim()
    return [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="font"]')].filter((link) => {
      const file = new URL(link.href).pathname.split('/').pop()!
      const rule = rules.find(candidate => candidate.style.getPropertyValue('src').includes(file))
      return !rule || !loaded.some(face => bare(face.family) === bare(rule.style.getPropertyValue('font-family'))
        && face.weight === bare(rule.style.getPropertyValue('font-weight'))
        && face.style === bare(rule.style.getPropertyValue('font-style')))
    }).map(link => link.href)
  })
}

function measureStep(page: Page, smallestPx: number): Promise<StepMeasure> {
  return page.evaluate((smallestPx) => {
    const article = document.querySelector<HTMLElement>('.audience-slide')!
    const viewport = document.documentElement.clientWidth
    const describe = (element: Element): string => {
      const classes = typeof element.className === 'string' ? element.className.trim().split(/\s+/).filter(Boolean).slice(0, 2) : []
      return `${element.tagName.toLowerCase()}${classes.map(name => `.${name}`).join('')}`
    }
    const snippet = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)
    /**
     * Not seen: not displayed, hidden, transparent, inert (a step not shown), or for screen readers only (clipped
     * to nothing, as .sr-only and a table's hidden headers are). Text kept from assistive technology alone
     * (`aria-hidden`: an axis's ticks, a drawing's labels) is drawn, and read by the room: it counts.
     */
    const unseen = (element: Element): boolean => {
      if (getComputedStyle(element).visibility !== 'visible')
        return true
      for (let node: Element | null = element; node && node !== article.parentElement; node = node.parentElement) {
        if (node.hasAttribute('inert'))
          return true
        const style = getComputedStyle(node)
        if (style.display === 'none' || Number(style.opacity) === 0 || style.clip === 'rect(0px, 0px, 0px, 0px)')
          return true
      }
      return false
    }
    /** The boxes between `element` and the page that clip what overflows them, and whether each scrolls. */
    const clippers = (element: Element): { box: Element, scrolls: boolean }[] => {
      const found: { box: Element, scrolls: boolean }[] = []
      for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
        const style = getComputedStyle(node)
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible')
          found.push({ box: node, scrolls: ['auto', 'scroll'].includes(style.overflowX) || ['auto', 'scroll'].includes(style.overflowY) })
      }
      return found
    }

    // (a) Text, each run at its drawn size: the font size times every scale on its way to the screen.
    let smallest = Infinity
    let smallestText = ''
    const small = new Map<string, { text: string, size: number, more: number }>()
    const clipped = new Set<string>()
    const drawn: { text: string, lines: DOMRect[] }[] = []
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement
      const text = snippet(node.textContent)
      if (!element || !text || unseen(element))
        continue
      let scale: number
      let lines: DOMRect[]
      if (element instanceof SVGGraphicsElement) {
        // SVG text: the drawing's viewBox and transforms, which its screen matrix carries.
        const matrix = element.getScreenCTM()
        scale = matrix ? Math.hypot(matrix.a, matrix.b) : 1
        lines = [element.getBoundingClientRect()]
      }
      else {
        // HTML text: every transform on the way up (a box's width over its offsetWidth would carry offsetWidth's rounding).
        scale = 1
        for (let box: Element | null = element; box; box = box.parentElement) {
          const transform = getComputedStyle(box).transform
          if (transform !== 'none') {
            const matrix = new DOMMatrixReadOnly(transform)
            scale *= Math.hypot(matrix.a, matrix.b)
          }
        }
        const range = document.createRange()
        range.selectNodeContents(node)
        lines = [...range.getClientRects()]
      }
      lines = lines.filter(line => line.width > 0 && line.height > 0)
      if (!lines.length)
        continue
      drawn.push({ text, lines })
      const size = Math.round(Number.parseFloat(getComputedStyle(element).fontSize) * scale * 10) / 10
      if (size < smallest) {
        smallest = size
        smallestText = text
      }
      if (size < smallestPx) {
        const seen = small.get(describe(element))
        if (seen) {
          seen.more++
          seen.size = Math.min(seen.size, size)
        }
        else {
          small.set(describe(element), { text, size, more: 0 })
        }
      }
      // Cut by a box that hides its overflow (a box that scrolls shows it on a swipe).
      for (const { box, scrolls } of clippers(element)) {
        if (scrolls)
          continue
        const edge = box.getBoundingClientRect()
        if (lines.some(line => line.left < edge.left - 1 || line.right > edge.right + 1 || line.top < edge.top - 1 || line.bottom > edge.bottom + 1)) {
          clipped.add(`"${text}" cut by ${describe(box)}`)
          break
        }
      }
    }

    // Text over other text: two runs whose lines share more than a third of the lower one's height.
    for (let i = 0; i < drawn.length; i++) {
      for (let j = i + 1; j < drawn.length; j++) {
        const over = drawn[i]!.lines.some(a => drawn[j]!.lines.some(b =>
          Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2
          && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > Math.min(a.height, b.height) / 3))
        if (over)
          clipped.add(`"${drawn[i]!.text}" and "${drawn[j]!.text}" overlap`)
      }
    }

    // (b) Past the screen's edges: the outermost such box, unless it is inside a box that scrolls sideways.
    const root = document.documentElement
    if (root.scrollWidth > root.clientWidth)
      clipped.add(`the page scrolls sideways: ${root.scrollWidth} px for ${root.clientWidth}`)
    const past = new Set<Element>()
    for (const element of article.querySelectorAll('*')) {
      const box = element.getBoundingClientRect()
      if (box.width === 0 || (box.left >= -1 && box.right <= viewport + 1))
        continue
      // Inside a box that scrolls sideways, it is reached by a swipe; inside one that hides it on the screen, its text is checked above.
      const held = clippers(element).some(({ box }) => {
        const style = getComputedStyle(box)
        const edge = box.getBoundingClientRect()
        return ['auto', 'scroll'].includes(style.overflowX) || (style.overflowX !== 'visible' && edge.left >= -1 && edge.right <= viewport + 1)
      })
      if (held)
        continue
      past.add(element)
      let outer = element.parentElement
      while (outer && !past.has(outer))
        outer = outer.parentElement
      if (outer)
        continue
      const overBy = Math.round(Math.max(box.right - viewport, -box.left))
      clipped.add(`${describe(element)} "${snippet(element.textContent)}" ${overBy} px past the screen's edge`)
    }

    // (c) The slide takes the screen's width, unscaled.
    const screen: string[] = []
    const slideBox = article.getBoundingClientRect()
    if (Math.abs(slideBox.width - viewport) > 1 || Math.abs(slideBox.left) > 1)
      screen.push(`the slide is ${Math.round(slideBox.width)} px wide at ${Math.round(slideBox.left)} px, the screen ${viewport} px`)
    for (const element of [article, article.querySelector('.slidev-layout')]) {
      const transform = element ? getComputedStyle(element).transform : 'none'
      if (transform !== 'none' && transform !== 'matrix(1, 0, 0, 1, 0, 0)')
        screen.push(`${describe(element!)} is transformed: ${transform}`)
    }

    // (d) A chart's axis heads it: below the rows, on a chart taller than the screen, it is out of view until the last.
    for (const axis of article.querySelectorAll('.timeline__axis')) {
      const firstBar = [...axis.closest('.timeline__chart')!.querySelectorAll('.timeline__track')].find(track => !unseen(track))
      if (!unseen(axis) && firstBar && axis.getBoundingClientRect().top > firstBar.getBoundingClientRect().top)
        screen.push('the timeline\'s axis is under its bars, not above them')
    }

    return {
      shown: `${article.dataset.slide}:${new URLSearchParams(location.search).get('clicks') ?? '0'}`,
      smallest: Number.isFinite(smallest) ? smallest : 0,
      smallestText,
      small: [...small].map(([element, { text, size, more }]) => `${element} at ${size} px: "${text}"${more ? ` and ${more} more` : ''}`),
      clipped: [...clipped],
      screen,
    }
  }, smallestPx)
}

for (const phone of PHONES) {
  test.describe(`the audience page at ${phone.width} × ${phone.height}`, () => {
    test.use({ viewport: phone, deviceScaleFactor: 2, isMobile: true, hasTouch: true, reducedMotion: 'reduce' })
    // A bound for a walk over every slide at every click (about 200 steps), on a machine that may be running other tests beside it.
    test.describe.configure({ timeout: 300_000 })

    let server: RunningServer
    test.beforeAll(async () => {
      server = await startServer({ dir: HOSTED_OUT, base: HOSTED_BASE, secret: 'the-presenters-secret-for-phone-tests', port: 0, host: '127.0.0.1' })
    })
    test.afterAll(async () => {
      await server.close()
    })

    test(`every slide at every click: no text under ${SMALLEST_PX} px, nothing clipped, the slide as wide as the screen`, async ({ page }) => {
      const origin = `http://localhost:${server.port}${HOSTED_BASE}`
      const rows: string[] = []
      const failures: string[] = []
      for (const slide of deck.slides) {
        // Each problem once per slide, with the clicks it is seen at.
        const problems = new Map<string, number[]>()
        let smallest = Infinity
        let clippedSteps = 0
        // The slide's address, then its clicks one key press at a time, as its reader steps through them.
        await page.goto(`${origin}${slide.no}`)
        await expect(page.locator('html')).toHaveAttribute('data-audience', 'ready')
        // The slide's live components over their stills (the timeline's buttons, the density chart's sliders);
        // on a poll's slide the live poll, with its counts.
        // (The startup timeline waits for the reader's first touch or step: until then the still, measured as it is.)
        await expect(page.locator('.audience-slide')).toHaveAttribute('data-islands', /^(?:none|live|waiting)$/)
        if (await page.locator('.audience-slide .poll[data-poll]').count())
          await expect(page.locator('.audience-slide .poll')).toHaveAttribute('data-live', 'true')
        await page.evaluate(() => document.fonts.ready)
        for (const font of await undrawnPreloads(page))
          problems.set(`preloads ${font} and draws nothing in it`, [0])
        for (let clicks = 0; clicks <= slide.clicks; clicks++) {
          if (clicks > 0) {
            await page.keyboard.press('ArrowRight')
            await expect(page).toHaveURL(`${origin}${slide.no}?clicks=${clicks}`)
            await expect(page.locator('.audience-slide')).toHaveAttribute('data-islands', /^(?:none|live)$/)
          }
          const measured = await measureStep(page, SMALLEST_PX)
          expect(measured.shown, 'the page shows the step its address names').toBe(`${slide.no}:${clicks}`)
          if (measured.smallest > 0)
            smallest = Math.min(smallest, measured.smallest)
          if (measured.clipped.length)
            clippedSteps++
          for (const problem of [...measured.small, ...measured.clipped, ...measured.screen])
            problems.set(problem, [...problems.get(problem) ?? [], clicks])
        }
        const steps = slide.clicks ? `0–${slide.clicks}` : '0'
        const shown = Number.isFinite(smallest) ? smallest.toFixed(1) : '–'
        rows.push(`${String(slide.no).padStart(2)} | ${steps.padStart(6)} | ${shown.padStart(8)} | ${String(clippedSteps).padStart(7)} | ${problems.size ? '✗' : '✓'} ${slide.title.slice(0, 48)}`)
        for (const [problem, clicks] of problems)
          failures.push(`slide ${slide.no} (${slide.title}) at click ${clicks.join(', ')}: ${problem}`)
      }
      process.stdout.write(`${[`no | clicks | smallest | clipped | slide (CSS px at ${phone.width} × ${phone.height})`, ...rows].join('\n')}\n`)
      expect(failures).toEqual([])
    })
  })
}
