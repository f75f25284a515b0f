import process from 'node:process'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { loadDeck } from '../scripts/lib/deck'
import { openSlide } from './support/deck-page'
import { measureSlideTypography, READER_PHONE, TYPE_TARGETS, typographyProblems } from './support/typography'

const deck = await loadDeck()

/** Every slide at its final click, measured as the room sees it (tests/support/typography.ts); the table of all slides is printed. */
test.describe('every slide reads from the back row', () => {
  test.use({ reducedMotion: 'reduce' })
  // A bound for a walk over every slide (65 of them), on a machine that may be running other tests beside it.
  test.describe.configure({ timeout: 300_000 })

  test(`type at least ${TYPE_TARGETS.median} px, nothing under ${TYPE_TARGETS.smallest} px but sources, content over half the height`, async ({ page }) => {
    const rows: string[] = []
    const failures: string[] = []
    for (const slide of deck.slides) {
      await openSlide(page, slide.no, slide.clicks)
      const measured = await measureSlideTypography(page, slide.no)
      const problems = typographyProblems(measured)
      rows.push(`${String(slide.no).padStart(2)} | ${String(measured.median).padStart(6)} | ${String(measured.smallest).padStart(8)} | ${String(measured.smallestSecondary).padStart(9)} | ${String(Math.round(measured.span * 100)).padStart(4)}% | ${problems.length ? '✗' : '✓'} ${slide.title.slice(0, 48)}`)
      if (problems.length)
        failures.push(`slide ${slide.no} (${slide.title}): ${problems.join('; ')}`)
    }
    process.stdout.write(`${['no | median | smallest | secondary | span  | slide', ...rows].join('\n')}\n`)
    expect(failures).toEqual([])
  })
})

/** The dark scheme is drawn with the same care: every slide's text against its background at WCAG AA (the site tests audit light). */
test.describe('every slide in the dark scheme', () => {
  test.use({ reducedMotion: 'reduce', colorScheme: 'dark' })
  // A bound for a walk over every slide (65 of them), on a machine that may be running other tests beside it.
  test.describe.configure({ timeout: 300_000 })

  // In four tests of a quarter of the slides each, so that the two workers share the walk.
  const quarter = Math.ceil(deck.slides.length / 4)
  const quarters = Array.from({ length: 4 }, (_, index) => deck.slides.slice(index * quarter, (index + 1) * quarter)).filter(slides => slides.length > 0)
  for (const slides of quarters) {
    test(`keeps AA contrast on slides ${slides[0]!.no}-${slides.at(-1)!.no} at their final click`, async ({ page }) => {
      const failures: string[] = []
      for (const slide of slides) {
        await openSlide(page, slide.no, slide.clicks)
        await expect(page.locator('html')).toHaveClass(/\bdark\b/)
        const axe = await new AxeBuilder({ page }).setLegacyMode().include(`[data-slidev-no="${slide.no}"]`).withRules(['color-contrast']).analyze()
        for (const violation of axe.violations)
          failures.push(`slide ${slide.no} (${slide.title}): ${violation.nodes.map(node => `${node.target.join(' ')} ${node.any[0]?.message ?? ''}`).join('; ')}`)
      }
      expect(failures).toEqual([])
    })
  }
})

/** The reader edition on a phone: every slide, every click step, measured in CSS pixels. */
test.describe('the reader edition reads on a phone', () => {
  test.use({ viewport: { width: READER_PHONE.width, height: READER_PHONE.height }, reducedMotion: 'reduce' })

  test(`no text under ${READER_PHONE.smallest} CSS px but sources, at ${READER_PHONE.width} px wide`, async ({ page }) => {
    await page.goto('reader/')
    await expect(page.locator('html')).toHaveAttribute('data-reader', 'ready')
    const rows: string[] = []
    const failures: string[] = []
    for (const slide of deck.slides) {
      // A slide is fitted to the phone as it comes near the screen (scripts/reader/client.ts): measured as the reader sees it.
      await page.locator(`#slide-${slide.no}`).evaluate(section => section.scrollIntoView())
      await expect(page.locator(`#slide-${slide.no}`)).toHaveAttribute('data-reader-fit', 'narrow')
      const measured = await measureSlideTypography(page, slide.no, 'reader')
      const short = measured.smallest > 0 && measured.smallest < READER_PHONE.smallest
      rows.push(`${String(slide.no).padStart(2)} | ${String(measured.median).padStart(6)} | ${String(measured.smallest).padStart(8)} | ${String(measured.smallestSecondary).padStart(9)} | ${short ? '✗' : '✓'} ${slide.title.slice(0, 48)}`)
      if (short)
        failures.push(`slide ${slide.no} (${slide.title}): "${measured.smallestText}" at ${measured.smallest} CSS px`)
    }
    process.stdout.write(`${['no | median | smallest | secondary | slide (CSS px at 375 px)', ...rows].join('\n')}\n`)
    expect(failures).toEqual([])
  })
})
