import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { loadDeck } from '../scripts/lib/deck'
import { PHONE } from './support/servers'

/**
 * The deck on a phone held upright (setup/narrow.ts): the slides reflow into a
 * 480 × 690 canvas instead of shrinking Slidev's 980 × 552 into a band; a slide
 * whose content would not fit is laid out wider and scaled to fit. On the
 * static build (the config's preview server), every slide at its last click.
 */
const deck = await loadDeck()

test.use(PHONE)

/** In the page: what of the slide's content is outside the slide or under its sources line, and the type sizes on the screen. */
function measure(page: Page) {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLElement>('#slide-content')!
    const frame = canvas.getBoundingClientRect()
    const slide = [...canvas.querySelectorAll<HTMLElement>('.slidev-page')].find(element => element.offsetParent !== null)!
    const layout = slide.querySelector<HTMLElement>('.slidev-layout')!
    const footTop = Math.min(...[...layout.querySelectorAll<HTMLElement>('.cite')].map(element => element.getBoundingClientRect().top))
    const outside: string[] = []
    for (const element of layout.querySelectorAll<HTMLElement>('*')) {
      const box = element.getBoundingClientRect()
      if (box.width > 0 && (box.right > frame.right + 1 || box.left < frame.left - 1 || box.bottom > frame.bottom + 1))
        outside.push(`${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 40)}" past the slide`)
    }
    // Under the sources line: a line of text or a picture (not a box that stretches to the slide's foot).
    const text = document.createTreeWalker(layout, NodeFilter.SHOW_TEXT)
    for (let node = text.nextNode(); node; node = text.nextNode()) {
      if (!node.textContent?.trim() || node.parentElement!.closest('.cite'))
        continue
      const range = document.createRange()
      range.selectNodeContents(node)
      if ([...range.getClientRects()].some(line => line.width > 0 && line.bottom > footTop + 1))
        outside.push(`"${node.textContent.trim().slice(0, 40)}" under the sources`)
    }
    for (const picture of layout.querySelectorAll('svg, img')) {
      if (!picture.closest('.cite') && !picture.parentElement?.closest('svg') && picture.getBoundingClientRect().bottom > footTop + 1)
        outside.push(`${picture.tagName} under the sources`)
    }
    // Type as the phone shows it: the font size times every scale on the way (the canvas's, and a wider layout's).
    const sizes: number[] = []
    const walker = document.createTreeWalker(layout, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement!
      const text = (node.textContent ?? '').trim()
      if (!text || element.closest('.deck-secondary, .cite, svg') || element.offsetParent === null)
        continue
      const scale = element.getBoundingClientRect().width / (element.offsetWidth || 1)
      for (let i = 0; i < text.length; i++)
        sizes.push(Number.parseFloat(getComputedStyle(element).fontSize) * scale)
    }
    sizes.sort((a, b) => a - b)
    return { outside, median: sizes[Math.floor(sizes.length / 2)] ?? 0, fitted: layout.dataset.narrowWidth ?? 'canvas', canvasHeight: frame.height }
  })
}

test('every slide reflows into the phone\'s canvas: nothing outside the slide or under its sources, the text larger than on the 16:9 canvas', async ({ page }) => {
  test.setTimeout(180_000)
  const count = deck.slides.length
  const report: string[] = []
  const medians: number[] = []
  for (let no = 1; no <= count; no++) {
    await page.goto(`/${no}?clicks=99`)
    await expect(page.locator('html')).toHaveClass(/\bdeck-narrow\b/)
    await expect(page.locator('html')).toHaveAttribute('data-narrow-fitted', String(no))
    await page.evaluate(() => document.fonts.ready)
    // Fitting runs again as the slide's parts load: wait until it holds.
    await expect.poll(async () => (await measure(page)).outside, { message: `slide ${no}` }).toEqual([])
    const measured = await measure(page)
    // The slide fills most of the phone's height, not a band a quarter of it.
    expect(measured.canvasHeight).toBeGreaterThan(844 * 0.6)
    if (measured.median > 0)
      medians.push(measured.median)
    report.push(`${no}: ${measured.fitted}, median ${measured.median.toFixed(1)} px`)
  }
  test.info().annotations.push({ type: 'narrow layouts', description: report.join('; ') })
  medians.sort((a, b) => a - b)
  // Slidev's canvas at 390 px shows body text (28 canvas px) at about 11 px; the narrow canvas at about 0.8 of it.
  expect(medians[Math.floor(medians.length / 2)]).toBeGreaterThanOrEqual(18)
})

test('turning the phone takes the deck back to Slidev\'s canvas, and paper keeps it', async ({ page }) => {
  await page.goto('/8')
  await expect(page.locator('html')).toHaveClass(/\bdeck-narrow\b/)
  await page.setViewportSize({ width: 844, height: 390 })
  await expect(page.locator('html')).not.toHaveClass(/\bdeck-narrow\b/)
  await expect(page).toHaveURL(/\/8(\?clicks=0)?$/)
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(page.locator('html')).toHaveClass(/\bdeck-narrow\b/)
  await page.goto('/handout')
  await expect(page.locator('main.handout')).toBeAttached()
  await expect(page.locator('html')).not.toHaveClass(/\bdeck-narrow\b/)
})
