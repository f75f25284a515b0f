import type { Result } from 'lighthouse'
import { expect, test } from '@playwright/test'
import { HOST_RULES } from '../scripts/bench/starter'
import { locateChromium } from '../scripts/lib/chromium'
import { describeFailingAudits, failingAudits, launchLighthouseChromium, NON_TIMING_CATEGORIES, runLighthouse } from '../scripts/lib/lighthouse'
import { HOSTED_BASE, HOSTED_PORT } from './support/servers'

/**
 * Lighthouse's categories that do not depend on the machine's speed
 * (accessibility, best practices, SEO) on the hosted deck, as a phone opens
 * it (Lighthouse's mobile defaults): each must score 100, and links must be
 * crawlable and text legible. A page's audit runs once, in a Chromium of its
 * own, before its tests; a failure prints every failing audit with its id and
 * the elements it found.
 */
const base = `http://localhost:${HOSTED_PORT}${HOSTED_BASE}`

interface AuditedPage {
  name: string
  path: string
}

/** An audience member's first page (the audience page, shared/audience-route.ts), a deep link, and the reader edition. */
const PAGES: readonly AuditedPage[] = [
  { name: 'the talk\'s address', path: '' },
  { name: 'a deep link to slide 18', path: '18' },
  { name: 'the reader edition', path: 'reader/' },
]

/** Audits asserted on their own, beside their category's score, with the category they are in. */
const EXPLICIT_AUDITS: Record<string, typeof NON_TIMING_CATEGORIES[number]> = {
  'crawlable-anchors': 'seo',
  'font-size': 'best-practices',
}

/** Lighthouse on one page, for its three categories: about 15 s, 40 s for the reader edition on two busy cores. */
const AUDIT_TIMEOUT_MS = 180_000

for (const page of PAGES) {
  test.describe(`Lighthouse on ${page.name} (${HOSTED_BASE}${page.path})`, () => {
    // In order in one worker, so the page is audited once for its tests.
    test.describe.configure({ mode: 'default' })
    let report: Result

    test.beforeAll(async () => {
      test.setTimeout(AUDIT_TIMEOUT_MS)
      const chromium = await launchLighthouseChromium((await locateChromium()).path, [HOST_RULES])
      try {
        report = await runLighthouse(`${base}${page.path}`, chromium.port, NON_TIMING_CATEGORIES)
      }
      finally {
        chromium.close()
      }
    })

    for (const category of NON_TIMING_CATEGORIES) {
      test(`${category} scores 100`, () => {
        const failing = failingAudits(report, [category])
        expect(report.categories[category]?.score, `${category} on ${HOSTED_BASE}${page.path}:\n${describeFailingAudits(failing)}`).toBe(1)
        for (const [id, of] of Object.entries(EXPLICIT_AUDITS).filter(([, of]) => of === category)) {
          const audit = report.audits[id]
          expect(audit?.score, `${id} in ${of}:\n${describeFailingAudits(failingAudits(report, [of]).filter(failed => failed.id === id))}`).toBe(1)
        }
      })
    }
  })
}
