import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { containerStack, vmStack } from '../components/architecture-compare'
import { boundDiagrams } from '../components/clicks'
import { downAt } from '../components/failure-domains'
import { loadDeck } from '../scripts/lib/deck'
import { openSlide } from './support/deck-page'

const deck = await loadDeck()
const diagramSlides = deck.slides.filter(slide => boundDiagrams(slide.content).length > 0)

type DeckSlide = (typeof deck.slides)[number]

/**
 * Opens the slide at click 0 by its URL, then steps with the arrow key as a
 * presenter does, running check after each step; then opens the last click by
 * its URL again, a deep link, and checks that too. One page load per way in,
 * not one per click.
 */
async function stepThrough(page: Page, slide: DeckSlide, check: (clicks: number) => Promise<void>): Promise<void> {
  await openSlide(page, slide.no, 0)
  await check(0)
  for (let clicks = 1; clicks <= slide.clicks; clicks++) {
    await page.keyboard.press('ArrowRight')
    await expect(page).toHaveURL(new RegExp(`/${slide.no}\\?clicks=${clicks}$`))
    await check(clicks)
  }
  await openSlide(page, slide.no, slide.clicks)
  await check(slide.clicks)
}

/**
 * Each stepped element of the slide: its step, and whether it is shown: no hidden ancestor, and for a
 * mermaid diagram's step, which is faded by opacity alone (components/MermaidDiagram.vue), not transparent.
 */
async function steppedElements(page: Page, no: number) {
  return page.locator(`[data-slidev-no="${no}"] [data-step]`).evaluateAll(elements => elements.map(element => ({
    step: Number(element.getAttribute('data-step')),
    shown: !element.closest('.is-hidden') && !(element.classList.contains('mermaid-step') && Number(getComputedStyle(element).opacity) === 0),
    text: (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40),
  })))
}

test.describe('diagrams build one step per click, from the arrow key and from the URL', () => {
  test('every diagram slide is covered', () => {
    expect(diagramSlides.length).toBeGreaterThanOrEqual(18)
  })

  for (const slide of diagramSlides) {
    test(`slide ${slide.no}: ${slide.title}`, async ({ page }) => {
      // What each step added, in words (components/StepCaptions.vue): one sentence a click, each new.
      const captions = new Map<number, string>()
      const caption = page.locator(`[data-slidev-no="${slide.no}"] .step-caption[role="status"]`)
      await stepThrough(page, slide, async (clicks) => {
        expect((await steppedElements(page, slide.no)).length, 'stepped elements').toBeGreaterThan(0)
        await expect.poll(async () => (await steppedElements(page, slide.no)).filter(element => element.shown !== (element.step <= clicks)), `at /${slide.no}?clicks=${clicks}`).toEqual([])
        await expect(caption, 'one live caption for the slide\'s steps').toHaveCount(1)
        await expect(caption).toHaveAttribute('aria-live', 'polite')
        await expect(caption).toContainText(clicks === 0 ? 'Before the first click:' : `Step ${clicks} of ${slide.clicks}:`)
        const text = (await caption.textContent() ?? '').trim()
        expect(captions.get(clicks) ?? text, `the caption at click ${clicks} is the same by arrow key and by URL`).toBe(text)
        captions.set(clicks, text)
      })
      expect(new Set(captions.values()).size, 'a different caption for every step').toBe(slide.clicks + 1)
    })
  }

  test('the architecture slide shows exactly the layers whose step has come', async ({ page }) => {
    const slide = deck.slides.find(candidate => candidate.content.includes('<ArchitectureCompare'))!
    await stepThrough(page, slide, async (clicks) => {
      const expected = [vmStack, containerStack].flatMap(stack =>
        [...stack.layers].reverse().filter(layer => layer.step <= clicks).map(layer => layer.label))
      await expect(page.locator(`[data-slidev-no="${slide.no}"] .layer-stack__layer:not(.is-hidden) .layer-stack__label`), `at click ${clicks}`).toHaveText(expected)
    })
  })

  test('the failure-domains slide marks exactly what each failure takes down', async ({ page }) => {
    const slide = deck.slides.find(candidate => candidate.content.includes('<FailureDomains'))!
    await stepThrough(page, slide, async (clicks) => {
      await expect.poll(async () => (await page.locator(`[data-slidev-no="${slide.no}"] .failure__box.is-down`).evaluateAll(elements =>
        elements.map(element => element.getAttribute('data-instance')))).sort(), `at click ${clicks}`).toEqual([...downAt(clicks)].sort())
    })
  })

  test('with reduced motion the steps are the same and nothing moves', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    const slide = deck.slides.find(candidate => candidate.content.includes('<ArchitectureCompare'))!
    await openSlide(page, slide.no, 2)
    const layers = page.locator(`[data-slidev-no="${slide.no}"] .layer-stack__layer`)
    await expect(layers.and(page.locator('.is-hidden'))).toHaveCount(6)
    const motion = await layers.evaluateAll(elements => elements.map(element => ({
      transition: getComputedStyle(element).transitionDuration,
      transform: getComputedStyle(element).transform,
    })))
    expect(motion.filter(style => style.transition !== '0s' || style.transform !== 'none')).toEqual([])
  })
})
