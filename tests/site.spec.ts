import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { loadDeck } from '../scripts/lib/deck'
import { normalise, openSlide, overflowingElements, watchPage } from './support/deck-page'

const deck = await loadDeck()

test.describe('the built deck, served locally', () => {
  for (const slide of deck.slides) {
    test(`slide ${slide.no}: ${slide.title}`, async ({ page, baseURL }) => {
      const problems = watchPage(page, baseURL!)

      // Opened at its final click: what overview, print and the audience end on.
      const rendered = await openSlide(page, slide.no, slide.clicks)
      await expect(rendered.locator('h1').first()).toHaveText(slide.title)
      expect(await overflowingElements(page, slide.no), 'elements outside the slide canvas').toEqual([])

      const axe = await new AxeBuilder({ page })
        .include(`[data-slidev-no="${slide.no}"]`)
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze()
      const serious = axe.violations
        .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
        .map(violation => `${violation.id}: ${violation.nodes.map(node => node.target.join(' ')).join(', ')}`)
      expect(serious, 'serious or critical accessibility violations').toEqual([])

      expect(problems.consoleErrors, 'console errors').toEqual([])
      expect(problems.failedRequests, 'failed requests').toEqual([])
      expect(problems.foreignRequests, 'requests to other hosts').toEqual([])
    })
  }

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
