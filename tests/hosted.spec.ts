import type { Page } from '@playwright/test'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, test } from '@playwright/test'
import { loadDeck } from '../scripts/lib/deck'
import { CONTENT_SECURITY_POLICY } from '../server/static'
import { openSlide, watchPage } from './support/deck-page'
import { HOSTED_BASE, HOSTED_OUT, HOSTED_PORT, HOSTED_SECRET } from './support/servers'

/**
 * The deck as hosted with `npm run serve`: built for /talk/ without notes (see
 * tests/support/servers.ts). Deep links, refreshes, the security policy,
 * the missing notes and secret, and the offline cache.
 */
const deck = await loadDeck()
const origin = `http://localhost:${HOSTED_PORT}`
const base = `${origin}${HOSTED_BASE}`
test.use({ baseURL: base })

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => join(entry.parentPath, entry.name))
}

/** Records Content-Security-Policy violations from the first script on. */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const violations: string[] = []
    ;(window as unknown as { violations: string[] }).violations = violations
    document.addEventListener('securitypolicyviolation', event => violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`))
  })
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations)
}

/** Waits until the deck's service worker controls the page, which it does once it has cached every file. */
async function serviceWorkerInControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller)
      await new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }))
  })
}

test('deep links and refreshes open the right slide under the base path', async ({ page }) => {
  const problems = watchPage(page, origin)
  const requests: string[] = []
  page.on('request', request => requests.push(new URL(request.url()).pathname))

  const slide = await openSlide(page, 12, undefined, { projector: true })
  await expect(slide.locator('h1').first()).toHaveText(deck.slides[11]!.title)
  await page.reload()
  await expect(page.locator('[data-slidev-no="12"] h1').first()).toHaveText(deck.slides[11]!.title)
  await page.keyboard.press('ArrowDown')
  await expect(page).toHaveURL(new RegExp(`${base}13\\?projector=?$`))
  await page.reload()
  await expect(page.locator('[data-slidev-no="13"] h1').first()).toHaveText(deck.slides[12]!.title)

  await page.goto('presenter/3')
  await expect(page.locator('.slidev-presenter [data-slidev-no="3"]').first()).toBeVisible()
  // The deck's address: the audience page of slide 1.
  await page.goto(origin)
  await expect(page).toHaveURL(base)
  await expect(page.locator('.audience-slide[data-slide="1"] h1')).toHaveText(deck.title)
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', `${HOSTED_BASE}favicon.svg`)

  expect(requests.filter(path => !path.startsWith(HOSTED_BASE) && path !== '/'), 'requests outside the base path').toEqual([])
  expect(problems.failedRequests).toEqual([])
  expect(problems.consoleErrors).toEqual([])
})

test('every slide, click by click, passes the Content-Security-Policy', async ({ page }) => {
  // A key press and a check per step, then the presenter view and the overview, which mounts every slide:
  // a minute, and two seconds for each of the deck's steps (a CI run under load took over one a step).
  test.setTimeout(60_000 + 2_000 * deck.slides.reduce((steps, slide) => steps + 1 + slide.clicks, 0))
  const violations = await watchPolicy(page)
  const problems = watchPage(page, origin)
  const response = await page.goto('1?projector')
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
  await page.locator('[data-slidev-no="1"] .slidev-layout').waitFor()
  const last = deck.slides.at(-1)!
  for (const slide of deck.slides) {
    for (let click = slide.no === 1 ? 1 : 0; click <= slide.clicks; click++) {
      await page.keyboard.press('ArrowRight')
      await expect(page).toHaveURL(new RegExp(`/${slide.no}\\?projector=?${click === 0 ? '(&clicks=0)?' : `&clicks=${click}`}$`))
      // On a new slide, step on once it shows, as a presenter does: its clicks are known once it has
      // mounted (a press within milliseconds of arriving, before that, went on to the next slide).
      if (click === 0)
        await expect(page.locator(`[data-slidev-no="${slide.no}"] .slidev-layout`)).toBeVisible()
      if (slide === last && click === slide.clicks)
        break
    }
  }
  // The presenter view and the overview, too.
  await page.goto('presenter/8')
  await expect(page.locator('.slidev-presenter')).toBeVisible()
  await page.goto('overview')
  await expect(page.locator('[data-slidev-no="37"]').first()).toBeAttached()
  expect(await violations()).toEqual([])
  expect(problems.consoleErrors).toEqual([])
})

test('a public build leaves the speaker notes out', async ({ page }) => {
  // Sentences from the notes of every fifth slide: in the full build, in no file of the public one.
  // The first sentence of each note's first paragraph: a paragraph may end at a colon, and the next one's
  // [click] marker is not in the built file as written.
  const sentences = deck.slides.filter(slide => slide.no % 5 === 1 && slide.note).map(slide => slide.note.split(/\n\s*\n/)[0]!.split(/(?<=[.!?])\s/)[0]!.slice(0, 60))
  expect(sentences.length).toBeGreaterThan(5)
  const contents = (dir: string) => filesUnder(dir).filter(file => /\.(?:js|html|json)$/.test(file)).map(file => readFileSync(file, 'utf8')).join('\n')
  const full = contents('dist')
  const hosted = contents(HOSTED_OUT)
  for (const sentence of sentences) {
    expect(full, 'the full build has the notes').toContain(sentence)
    expect(hosted, 'the public build has no notes').not.toContain(sentence)
  }
  await page.goto('presenter/1')
  await expect(page.locator('.slidev-presenter')).toBeVisible()
  await expect(page.locator('.slidev-presenter [data-slidev-no="1"]').first()).toBeVisible()
  // The full build's presenter view shows this note (tests/sync.spec.ts); the public one shows none.
  await expect(page.locator('.slidev-presenter')).not.toContainText(deck.slides[0]!.note.slice(0, 40))
  await expect(page.locator('.slidev-note')).toHaveText('No notes.')
})

test('the presenter\'s secret is in no built file and no served response', async ({ request }) => {
  // The build ran with DECK_SECRET set (playwright.config.ts), as a presenter's shell may have it.
  const files = filesUnder(HOSTED_OUT)
  expect(files.length).toBeGreaterThan(20)
  for (const file of [...files, ...filesUnder('dist')])
    expect(readFileSync(file).includes(HOSTED_SECRET), file).toBe(false)
  for (const file of files) {
    const path = relative(HOSTED_OUT, file).split('\\').join('/')
    const response = await request.get(`${base}${path}`)
    expect(response.status(), path).toBe(200)
    expect((await response.body()).includes(HOSTED_SECRET), path).toBe(false)
  }
  const page = await request.get(`${base}presenter/1`)
  expect(await page.text()).not.toContain(HOSTED_SECRET)
})

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' })

  test('after a first visit the deck loads and navigates without the network', async ({ page, context }) => {
    await openSlide(page, 1, undefined, { projector: true })
    await serviceWorkerInControl(page)
    await context.setOffline(true)
    await page.reload()
    await expect(page.locator('[data-slidev-no="1"] h1').first()).toHaveText(deck.title)
    const slide = await openSlide(page, 20, undefined, { projector: true })
    await expect(slide.locator('h1').first()).toHaveText(deck.slides[19]!.title)
    await page.keyboard.press('ArrowDown')
    await expect(page.locator('[data-slidev-no="21"] h1').first()).toHaveText(deck.slides[20]!.title)
    expect(await page.evaluate(() => document.fonts.check('16px Inter'))).toBe(true)
    await expect(page.locator('.deck-sync')).not.toHaveAttribute('data-connection', 'open')
  })

  test('the last slide links to the reader edition, with a QR code of its public address, and the service worker leaves it to the server', async ({ page }) => {
    const problems = watchPage(page, origin)
    const violations = await watchPolicy(page)
    await openSlide(page, deck.slides.length, undefined, { projector: true })
    await serviceWorkerInControl(page)
    // The hosted build knows its public address (DECK_PUBLIC_URL, playwright.config.ts): a code for each link, drawn at build time.
    const codes = page.locator(`[data-slidev-no="${deck.slides.length}"] .talk-links__qr`)
    await expect(codes).toHaveCount(2)
    await expect(codes.nth(0)).toHaveAttribute('aria-label', `QR code for ${base}reader/`)
    await expect(codes.nth(1)).toHaveAttribute('aria-label', `QR code for ${base}${deck.exportFilename}-handout.pdf`)
    await expect(codes.locator('svg path')).toHaveCount(2)
    // The worker answers navigations it has no file for with the slides app; the reader edition is not one of them.
    await page.getByRole('link', { name: 'Reader edition' }).click()
    await expect(page).toHaveURL(`${base}reader/`)
    await page.locator('html[data-reader="ready"]').waitFor()
    await expect(page.locator('section.reader-slide')).toHaveCount(deck.slides.length)
    await expect(page.locator('section.reader-slide h1').first()).toHaveText(deck.title)
    // A public build (--without-notes) leaves the notes out of the reader edition too.
    await expect(page.locator('.reader-notes')).toHaveCount(0)
    await page.getByRole('link', { name: 'Open the slides' }).first().click()
    await expect(page.locator('[data-slidev-no="1"] h1').first()).toHaveText(deck.title)
    expect(await violations()).toEqual([])
    const { consoleErrors, failedRequests, foreignRequests } = problems
    expect({ consoleErrors, failedRequests, foreignRequests }).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] })
  })
})
