import { expect, test } from '@playwright/test'
import { loadDeck } from '../scripts/lib/deck'
import { openSlide } from './support/deck-page'
import { measureSlideTypography, TYPE_TARGETS, typographyProblems } from './support/typography'

const deck = await loadDeck()

/** Every slide at its final click, measured as the room sees it (tests/support/typography.ts); the table of all slides is printed. */
test.describe('every slide reads from the back row', () => {
  test.use({ reducedMotion: 'reduce' })
  test.describe.configure({ timeout: 180_000 })

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
    console.log(['no | median | smallest | secondary | span  | slide', ...rows].join('\n'))
    expect(failures).toEqual([])
  })
})
