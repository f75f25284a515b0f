import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { loadDeck } from '../scripts/lib/deck'
import { normalise, openSlide, overflowingElements, watchPage } from './support/deck-page'

const deck = await loadDeck()

/** Slides checked in one page, one after another: a page per slide would spend most of its time loading the deck again. */
const GROUP_SIZE = 7
const groups = Array.from({ length: Math.ceil(deck.slides.length / GROUP_SIZE) }, (_, index) => deck.slides.slice(index * GROUP_SIZE, (index + 1) * GROUP_SIZE))

test.describe('the built deck, served locally', () => {
  test.describe('every slide at its final click', () => {
    // The end state at once: with motion, axe can read a step mid-fade (the race on the startup
    // slide fades its totals in for 26 s), and the end state is what is checked.
    test.use({ reducedMotion: 'reduce' })
    // Seven slides a test, each loaded, measured and audited: a few seconds each on a 2-core machine.
    test.describe.configure({ timeout: 120_000 })
    for (const group of groups) {
      test(`slides ${group[0]!.no}-${group.at(-1)!.no}: title, nothing outside the canvas, accessible, nothing failed or left the host`, async ({ page, baseURL }) => {
        for (const slide of group) {
          await test.step(`slide ${slide.no}: ${slide.title}`, async () => {
            const problems = watchPage(page, baseURL!)

            // Opened at its final click: what overview, print and the audience end on.
            const rendered = await openSlide(page, slide.no, slide.clicks)
            await expect(rendered.locator('h1').first()).toHaveText(slide.title)
            expect.soft(await overflowingElements(page, slide.no), `slide ${slide.no}: elements outside the slide canvas`).toEqual([])

            // Legacy mode runs axe in the page alone; the default opens a second page for every run to
            // merge results across frames, and the deck has no frames.
            const axe = await new AxeBuilder({ page })
              .setLegacyMode()
              .include(`[data-slidev-no="${slide.no}"]`)
              .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
              .analyze()
            const serious = axe.violations
              .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
              .map(violation => `${violation.id}: ${violation.nodes.map(node => node.target.join(' ')).join(', ')}`)
            expect.soft(serious, `slide ${slide.no}: serious or critical accessibility violations`).toEqual([])

            expect.soft(problems.consoleErrors, `slide ${slide.no}: console errors`).toEqual([])
            expect.soft(problems.failedRequests, `slide ${slide.no}: failed requests`).toEqual([])
            expect.soft(problems.foreignRequests, `slide ${slide.no}: requests to other hosts`).toEqual([])
            problems.stop()
          })
        }
      })
    }
  })

  test('the title slide names the talk and the page title follows it', async ({ page }) => {
    await openSlide(page, 1)
    await expect(page).toHaveTitle(deck.title)
    expect(normalise(await page.locator('[data-slidev-no="1"] h1').textContent() ?? '')).toBe(deck.title)
    // What search results and link previews show: the headmatter's words, without quotes around them.
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', deck.info)
    await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', deck.info)
    await expect(page.locator('meta[name="author"]')).toHaveAttribute('content', deck.author)
  })

  test('the favicon is served by the deck itself', async ({ page, baseURL }) => {
    await openSlide(page, 1)
    const href = await page.locator('link[rel="icon"]').getAttribute('href')
    expect(new URL(href!, baseURL).origin).toBe(new URL(baseURL!).origin)
    const response = await page.request.get(new URL(href!, baseURL).href)
    expect(response.ok()).toBe(true)
  })

  test('the download button hands over the slides PDF, from the presenter view too', async ({ page }) => {
    await page.goto('/presenter/2')
    const download = page.waitForEvent('download')
    await page.getByTitle('Download as PDF').first().click()
    const file = await (await download).path()
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
  })

  test('the reading handout page shows every slide with its notes', async ({ page }) => {
    await page.goto('/handout')
    await expect(page.locator('[data-handout-no]')).toHaveCount(deck.slides.length)
    await expect(page.locator('.handout__notes')).toHaveCount(deck.slides.length)
    await expect(page.locator('h1.handout__title').first()).toHaveText(deck.title)
  })

  test('the arrow keys step through clicks, then to the next slide', async ({ page }) => {
    const architecture = deck.slides.find(slide => slide.content.includes('<ArchitectureCompare'))!
    await openSlide(page, architecture.no)
    const layers = page.locator(`[data-slidev-no="${architecture.no}"] .layer-stack__layer`)
    await expect(layers.and(page.locator('.is-hidden'))).toHaveCount(10)
    await page.keyboard.press('ArrowRight')
    await expect(layers.and(page.locator('.is-hidden'))).toHaveCount(8)
    for (let click = 1; click < architecture.clicks; click++)
      await page.keyboard.press('ArrowRight')
    await expect(layers.and(page.locator('.is-hidden'))).toHaveCount(0)
    await page.keyboard.press('ArrowRight')
    await expect(page).toHaveURL(new RegExp(`/${architecture.no + 1}(\\?|$)`))
  })
})
