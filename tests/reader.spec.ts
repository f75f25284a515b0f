/**
 * The reader edition (`npm run build:reader`, dist/reader/), against the
 * Slidev deck it comes from: the built deck's /handout page shows every
 * Slidev slide in its final state with its notes, rendered by Slidev.
 */
import type { Page } from '@playwright/test'
import type { Deck } from '../scripts/lib/deck'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { loadDeck } from '../scripts/lib/deck'
import { normalise, watchPage } from './support/deck-page'
import { PREVIEW_PORT } from './support/servers'

const ORIGIN = `http://localhost:${PREVIEW_PORT}`

let deck: Deck
test.beforeAll(async () => {
  deck = await loadDeck()
})

/** Opens the reader edition (at `hash`, e.g. `#/slide-20`) and waits until it is laid out. */
async function openReader(page: Page, hash = ''): Promise<void> {
  await page.goto(`/reader/${hash}`)
  await readerReady(page)
}

async function readerReady(page: Page): Promise<void> {
  await page.locator('html[data-reader="ready"]').waitFor()
}

interface SlidevSlide { title: string, text: string, notes: string[] }

/* eslint-disable unicorn/prefer-dom-node-text-content -- innerText is the text a reader sees: hidden click steps left out */

/**
 * Leaves out of the slides' text what differs by design: the link between the two editions (each links
 * to the other), and what the PDFs add on paper (the references' links back to the slides citing them,
 * a slide reference's number: `.paper-only`, components/paper-links.ts).
 */
const WITHOUT_EDITION_LINK = '.reader-edition-link, .paper-only { display: none !important; }'

/** Every slide as the Slidev deck renders it in its final state, with its notes' paragraphs, from /handout. */
async function slidevSlides(page: Page): Promise<SlidevSlide[]> {
  await page.goto('/handout')
  await page.locator(`[data-handout-no="${deck.slides.length}"] .slidev-layout`).waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.slidev-slide-loading').length === 0)
  await page.evaluate(() => document.fonts.ready)
  await page.addStyleTag({ content: WITHOUT_EDITION_LINK })
  return page.locator('[data-handout-no]').evaluateAll(pages => pages.map(article => ({
    title: article.querySelector('.handout__title')!.textContent!.trim(),
    text: (article.querySelector('.handout__slide .slidev-layout') as HTMLElement).innerText,
    notes: [...article.querySelectorAll('.handout__notes p')].map(paragraph => (paragraph as HTMLElement).innerText),
  })))
}

/**
 * Scrolls the document so that the top of slide `no`'s page box is `offset` pixels above the top of the
 * viewport. Notes drawn as they come on screen may be taller or shorter than reserved and move the box:
 * it scrolls again until the box stands there.
 */
async function scrollToPage(page: Page, no: number, offset = 0): Promise<void> {
  await expect.poll(() => page.evaluate(({ no, offset }) => {
    const box = document.querySelector(`#slide-${no}`)!.closest<HTMLElement>('.reader-page')!
    const off = box.getBoundingClientRect().top + offset
    if (Math.abs(off) > 1)
      window.scrollTo({ top: Math.round(window.scrollY + off), behavior: 'instant' })
    return Math.abs(off) <= 1
  }, { no, offset }), { message: `slide ${no}'s page box at ${offset} pixels above the top` }).toBe(true)
}

/** Scrolls to the end of slide `no`'s pinned scroll, where every click step of the slide has come and the slide is still on screen. */
async function scrollToPageEnd(page: Page, no: number): Promise<void> {
  await scrollToPage(page, no, await page.locator(`#slide-${no}`).evaluate(section => section.closest<HTMLElement>('.reader-page')!.offsetHeight - (section as HTMLElement).offsetHeight))
}

/** Scrolls so that slide `no` has been pinned for `offset` pixels of scroll: its page box's top that far above the line where the slide pins. */
async function scrollPinned(page: Page, no: number, offset: number): Promise<void> {
  const pinTop = await page.locator(`#slide-${no}`).evaluate(section => Number.parseFloat(getComputedStyle(section).top))
  await scrollToPage(page, no, offset - pinTop)
}

/** Scroll distance of one click step on a pinned slide: its page box's height beyond the slide, shared out over its clicks. */
async function stepHeight(page: Page, no: number, clicks: number): Promise<number> {
  return page.locator(`#slide-${no}`).evaluate((section, clicks) =>
    (section.closest<HTMLElement>('.reader-page')!.offsetHeight - (section as HTMLElement).offsetHeight) / clicks, clicks)
}

/** Scrolls through the edition, waiting at each slide until it is fitted to the screen (client.ts fits a slide as it comes near). */
async function fitEverySlide(page: Page, screen: 'narrow' | 'wide'): Promise<void> {
  for (const slide of deck.slides) {
    await scrollToPage(page, slide.no)
    await expect(page.locator(`#slide-${slide.no}`)).toHaveAttribute('data-reader-fit', screen)
  }
}

/** Waits until the page stops scrolling: its scroll position unchanged over three animation frames. */
async function scrollSettled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => {
    let last = window.scrollY
    let still = 0
    const frame = (): void => {
      if (window.scrollY === last) {
        still++
      }
      else {
        still = 0
        last = window.scrollY
      }
      if (still >= 3)
        resolve()
      else
        requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  }))
}

/** How many of slide `no`'s click steps are showing. */
function visibleFragmentGroups(page: Page, no: number): Promise<number> {
  return page.locator(`#slide-${no}`).evaluate(section =>
    new Set([...section.querySelectorAll('.fragment.visible')].map(fragment => fragment.getAttribute('data-fragment-index'))).size)
}

test.describe('the reader edition', () => {
  test('has one section per Slidev slide, with the same titles in the same order, and each with its notes under it', async ({ page }) => {
    const slidev = await slidevSlides(page)
    expect(slidev).toHaveLength(deck.slides.length)
    await openReader(page)
    const sections = page.locator('main.reader section.reader-slide')
    await expect(sections).toHaveCount(slidev.length)
    const titles = await sections.evaluateAll(all => all.map(section => section.querySelector('h1')!.textContent!.trim()))
    expect(titles).toEqual(slidev.map(slide => slide.title))

    // The notes follow their slide's page box, as reading text, and say what the Slidev deck's notes say.
    // (Their text as written: notes off screen are not laid out, so they have no rendered text to read yet.)
    const notes = await sections.evaluateAll(all => all.map((section) => {
      const next = section.closest('.reader-page')!.nextElementSibling as HTMLElement | null
      return next?.matches('aside.reader-notes') ? next.textContent! : ''
    }))
    slidev.forEach((slide, index) => {
      expect(slide.notes.length, `slide ${index + 1} has notes in the Slidev deck`).toBeGreaterThan(0)
      const reader = normalise(notes[index]!.replace(/Step \d+ /g, ''))
      for (const paragraph of slide.notes)
        expect(reader, `slide ${index + 1}`).toContain(normalise(paragraph.replace(/\[click(?::\d+)?\]\s*/g, '')))
    })
    const visibleNotes = page.locator('aside.reader-notes').first()
    await expect(visibleNotes).toBeVisible()
    expect(await visibleNotes.evaluate(element => Number.parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(16)
  })

  test('builds each slide in as many fragment steps as it has clicks, ending where the Slidev slide ends', async ({ page }) => {
    // Every slide of the deck scrolled through in one page: more than Playwright's default 30 s on two busy cores.
    test.setTimeout(90_000)
    const slidev = await slidevSlides(page)
    await openReader(page)
    await page.addStyleTag({ content: WITHOUT_EDITION_LINK })
    for (const slide of deck.slides) {
      const section = page.locator(`#slide-${slide.no}`)
      // Fragments shown together share an index: the click they come on.
      const groups = await section.evaluate(element => new Set([...element.querySelectorAll('.fragment')].map(fragment => fragment.getAttribute('data-fragment-index'))).size)
      expect(groups, `slide ${slide.no}`).toBe(slide.clicks)
      // Scrolled to the end of its pinned scroll: every step shown.
      await scrollToPageEnd(page, slide.no)
      await expect.poll(() => visibleFragmentGroups(page, slide.no), { message: `slide ${slide.no}` }).toBe(slide.clicks)
      // A step fades in: its text counts once it is visible (CSS transitions it from hidden).
      await expect.poll(async () => normalise(await section.locator('.slidev-layout').evaluate(element => (element as HTMLElement).innerText)), { message: `slide ${slide.no}` })
        .toBe(normalise(slidev[slide.no - 1]!.text))
    }
    // The one difference by design: the deck's last slide links to the reader edition, which links back.
    await expect(page.locator('section.reader-slide .reader-edition-link a')).toHaveAttribute('href', '../')
  })

  test('builds a diagram one step per click as its pinned slide scrolls, and announces the slide', async ({ page }) => {
    await openReader(page)
    const architecture = deck.slides.find(slide => slide.title === 'Architecture, side by side')!
    const step = await stepHeight(page, architecture.no, architecture.clicks)
    expect(step).toBeGreaterThan(100)
    const slide = page.locator(`#slide-${architecture.no}`)
    const tops = new Set<number>()
    for (let click = 0; click <= architecture.clicks; click++) {
      await scrollPinned(page, architecture.no, click * step)
      await expect.poll(() => visibleFragmentGroups(page, architecture.no), { message: `click ${click}` }).toBe(click)
      await expect(slide).toHaveClass(/\bpresent\b/)
      await expect(slide).toBeInViewport({ ratio: 1 })
      tops.add(Math.round(await slide.evaluate(element => element.getBoundingClientRect().top)))
    }
    // Pinned: the slide stands still while the page scrolls through its steps.
    expect(tops.size).toBe(1)
    // The last step is announced as it appears: the finished diagram, once, not its earlier steps too.
    const status = page.locator('.reader-status[role="status"]')
    await expect(status).toContainText('VMs duplicate kernels. Containers share the kernel.')
    expect(((await status.textContent()) ?? '').split('Physical hardware').length - 1).toBe(2)
  })

  test('opens at a slide by its link, #/slide-N, and the address follows the reading', async ({ page }) => {
    await openReader(page, '#/slide-20')
    await expect(page.locator('#slide-20')).toHaveClass(/\bpresent\b/)
    await expect(page.locator('#slide-20 h1')).toBeInViewport()
    await expect(page.locator('#slide-20 h1')).toHaveText(deck.slides[19]!.title)
    await scrollToPage(page, 25)
    await expect(page).toHaveURL(/\/reader\/#\/slide-25$/)
    await page.reload()
    await readerReady(page)
    await expect(page.locator('#slide-25')).toHaveClass(/\bpresent\b/)
    await expect(page.locator('#slide-25 h1')).toBeInViewport()
  })

  test('moves on by keyboard, and the slide announcer says where the reader is', async ({ page }) => {
    await openReader(page)
    await page.locator('body').focus()
    await expect(page.locator('#slide-1')).toHaveClass(/\bpresent\b/)
    const status = page.locator('.reader-status[role="status"]')
    // The page's own keys scroll it: a page down or two, and the reader is on a later slide, announced.
    for (let press = 0; press < 6 && await page.locator('#slide-1.present').count() > 0; press++)
      await page.keyboard.press('PageDown')
    await expect(page.locator('#slide-1')).not.toHaveClass(/\bpresent\b/)
    // Page Down scrolls smoothly: where the reader is, once it ends. (Chromium drops a Home pressed
    // while a keyboard scroll still runs, on a plain page too: the reader must wait, as a person would.)
    await scrollSettled(page)
    const reached = Number(await page.locator('section.reader-slide.present').getAttribute('data-slide'))
    expect(reached).toBeGreaterThan(1)
    await expect(status).toContainText(deck.slides[reached - 1]!.title)
    // The right arrow goes click by click, then to the next slide: from the first slide's last click, the second slide.
    await page.keyboard.press('Home')
    // Home scrolls smoothly: the arrow goes from where it ends.
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)
    await expect(page.locator('#slide-1')).toHaveClass(/\bpresent\b/)
    for (let press = 0; press <= deck.slides[0]!.clicks; press++)
      await page.keyboard.press('ArrowRight')
    await expect(page.locator('#slide-2')).toHaveClass(/\bpresent\b/)
    await expect(status).toContainText(deck.slides[1]!.title)
  })

  test('steps click by click with the arrow keys, and the progress bar follows', async ({ page }) => {
    const architecture = deck.slides.find(slide => slide.title === 'Architecture, side by side')!
    await openReader(page, `#/slide-${architecture.no}`)
    await expect(page.locator(`#slide-${architecture.no}`)).toHaveClass(/\bpresent\b/)
    const bar = page.locator('.reader-progress__bar')
    const progress = (): Promise<number> => bar.evaluate(element => new DOMMatrix(getComputedStyle(element).transform).a)
    await expect.poll(progress).toBeGreaterThan(0)
    const before = await progress()
    await page.locator('body').focus()
    for (let click = 1; click <= architecture.clicks; click++) {
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => visibleFragmentGroups(page, architecture.no), { message: `click ${click}` }).toBe(click)
    }
    await expect.poll(progress).toBeGreaterThan(before)
    // Past the last step, the next slide; back, the last step of this one.
    await page.keyboard.press('ArrowRight')
    await expect(page.locator(`#slide-${architecture.no + 1}`)).toHaveClass(/\bpresent\b/)
    await expect(page).toHaveURL(new RegExp(`#/slide-${architecture.no + 1}$`))
    await page.keyboard.press('ArrowLeft')
    await expect(page.locator(`#slide-${architecture.no}`)).toHaveClass(/\bpresent\b/)
    expect(await visibleFragmentGroups(page, architecture.no)).toBe(architecture.clicks)
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => visibleFragmentGroups(page, architecture.no)).toBe(architecture.clicks - 1)
  })

  test('follows a link to another slide on the same page', async ({ page }) => {
    await openReader(page)
    await page.evaluate(() => {
      location.hash = '#/slide-30'
    })
    await expect(page.locator('#slide-30')).toHaveClass(/\bpresent\b/)
    await expect(page.locator('#slide-30 h1')).toBeInViewport()
  })

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no serious accessibility problem, ${colorScheme}`, async ({ page }) => {
      // axe over every slide and step of the deck: 13 s alone on two cores at a load of 16, more beside another test.
      test.setTimeout(60_000)
      await page.emulateMedia({ colorScheme })
      await openReader(page)
      await expect(page.locator('html')).toHaveClass(colorScheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/)
      await page.evaluate(() => document.fonts.ready)
      // Every click step shown, so that the finished diagrams are checked too.
      await scrollToPageEnd(page, 8)
      await expect.poll(() => visibleFragmentGroups(page, 8)).toBe(deck.slides[7]!.clicks)
      // ... and faded in: contrast is measured on the finished colours.
      await expect.poll(() => page.locator('#slide-8 .fragment.visible').evaluateAll(steps => steps.every(step => getComputedStyle(step).opacity === '1'))).toBe(true)
      // Legacy mode: axe in the page alone, without a second page to merge frames (the edition has none).
      const axe = await new AxeBuilder({ page }).setLegacyMode().withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
      const serious = axe.violations
        .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
        .map(violation => `${violation.id}: ${violation.nodes.slice(0, 5).map(node => node.target.join(' ')).join(', ')}`)
      expect(serious).toEqual([])
    })
  }

  test('loads from this host alone, without console errors', async ({ page }) => {
    const problems = watchPage(page, ORIGIN)
    await openReader(page)
    expect(new URL(page.url()).hash).toBe('')
    await page.evaluate(() => document.fonts.ready)
    await scrollToPage(page, deck.slides.length)
    await expect(page.locator(`#slide-${deck.slides.length}`)).toHaveClass(/\bpresent\b/)
    expect(await page.evaluate(() => document.fonts.check('16px Inter'))).toBe(true)
    const { consoleErrors, failedRequests, foreignRequests } = problems
    expect({ consoleErrors, failedRequests, foreignRequests }).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] })
  })

  test('lays out only what is near the screen: slides and notes off screen skip their content', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 })
    await openReader(page)
    // Every slide and every note is drawn only near the screen (reader.css): the page loads without laying out the deck.
    const drawnAlways = await page.locator('section.reader-slide, aside.reader-notes').evaluateAll(all => all
      .filter(element => getComputedStyle(element).contentVisibility !== 'auto')
      .map(element => element.id || element.getAttribute('aria-label')))
    expect(drawnAlways).toEqual([])
    const last = deck.slides.length
    expect(await page.locator(`#slide-${last} h1`).evaluate(title => title.checkVisibility({ contentVisibilityAuto: true }))).toBe(false)
    await scrollToPage(page, last)
    await expect(page.locator(`#slide-${last} h1`)).toBeInViewport()
  })

  test('on a phone, fits a slide to the screen when the reader reaches it, not as the page loads', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 })
    await openReader(page)
    await expect(page.locator('#slide-1')).toHaveAttribute('data-reader-fit', 'narrow')
    // Fitting a slide lays it out, every click step of it: the slides far down wait until the reader gets there.
    const last = deck.slides.length
    await expect(page.locator(`#slide-${last}`)).not.toHaveAttribute('data-reader-fit')
    await scrollToPage(page, last)
    await expect(page.locator(`#slide-${last}`)).toHaveAttribute('data-reader-fit', 'narrow')
  })

  for (const viewport of [{ width: 375, height: 812 }, { width: 1280, height: 800 }]) {
    test(`fits a ${viewport.width}-pixel-wide screen: no sideways scroll, every slide's content inside its slide`, async ({ page }) => {
      await page.setViewportSize(viewport)
      await openReader(page)
      await fitEverySlide(page, viewport.width < 640 ? 'narrow' : 'wide')
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(viewport.width)
      const outside = await page.locator('section.reader-slide').evaluateAll(sections => sections.flatMap((section) => {
        const box = section.getBoundingClientRect()
        return [...section.querySelectorAll('.slidev-layout *')].flatMap((element) => {
          // A wide diagram scrolls sideways inside its own box on a phone ([data-reader-scroll]): that box must fit.
          if (element.parentElement?.closest('[data-reader-scroll]'))
            return []
          const rect = element.getBoundingClientRect()
          const inside = rect.width === 0 || (rect.left >= box.left - 1 && rect.right <= box.right + 1 && rect.bottom <= box.bottom + 1)
          return inside ? [] : [`${section.id} ${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`]
        })
      }))
      expect(outside).toEqual([])
      const notes = await page.locator('aside.reader-notes').evaluateAll(all => all.filter(element => element.getBoundingClientRect().right > window.innerWidth + 1).length)
      expect(notes).toBe(0)
      if (viewport.width < 640) {
        // On a phone the slides reflow into a narrower canvas: a line of the agenda stands 18 pixels or more
        // (Slidev's canvas scaled to the screen would give 13); only slides that do not fit are scaled down.
        const agenda = deck.slides.find(slide => slide.title === 'Agenda')!
        expect(await page.locator(`#slide-${agenda.no} li`).first().evaluate(item => item.getBoundingClientRect().height)).toBeGreaterThanOrEqual(18)
        await expect(page.locator(`#slide-${agenda.no}`)).not.toHaveClass(/reader-slide--scaled/)
        expect(await page.locator('section.reader-slide--scaled').count()).toBeLessThan(deck.slides.length / 3)
      }
    })
  }
})
