import type { Page } from '@playwright/test'
import type { RunningServer } from '../server/serve'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { WebSocket } from 'ws'
import { loadDeck } from '../scripts/lib/deck'
import { startServer } from '../server/serve'
import { HOSTED_BASE, HOSTED_OUT, PHONE } from './support/servers'

/**
 * The audience page (setup/audience/, built by scripts/audience/build.ts):
 * what `npm run serve` gives an audience member at the deck's address and a
 * slide's. Each test has its own server on the hosted build the config's
 * webServer makes (under /talk/), and the presenter is a bare socket that
 * proves the secret and moves, as the presenter view's channel does.
 */
const SECRET = 'the-presenters-secret-for-audience-tests'
const deck = await loadDeck()
/** A slide that builds in two clicks or more, to follow clicks on. */
const stepped = deck.slides.find(slide => slide.clicks >= 2 && slide.no > 3)!

let server: RunningServer
let origin: string

test.beforeEach(async () => {
  server = await startServer({ dir: HOSTED_OUT, base: HOSTED_BASE, secret: SECRET, port: 0, host: 'localhost', log: () => {} })
  origin = `http://localhost:${server.port}`
})

test.afterEach(async () => {
  await server.close()
})

/** The presenter's channel, by hand: proves the secret, then moves the talk. */
async function presenter(): Promise<{ go: (page: number, clicks?: number) => void, close: () => void }> {
  const ws = new WebSocket(`ws://localhost:${server.port}${HOSTED_BASE}sync`)
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { t: string, ok?: boolean }
      if (message.t === 'auth')
        return message.ok ? resolve() : reject(new Error('secret refused'))
    })
    ws.once('open', () => ws.send(JSON.stringify({ t: 'auth', secret: SECRET })))
    ws.once('error', reject)
  })
  return {
    go: (page, clicks = 0) => ws.send(JSON.stringify({ t: 'nav', page, clicks, clicksTotal: deck.slides[page - 1]!.clicks })),
    close: () => ws.terminate(),
  }
}

async function join(page: Page, path = ''): Promise<void> {
  await page.goto(`${origin}${HOSTED_BASE}${path}`)
  await expect(page.locator('html')).toHaveAttribute('data-audience', 'ready')
  await expect(page.locator('.deck-sync')).toHaveAttribute('data-connection', 'open', { timeout: 15_000 })
}

function at(page: Page, no: number, clicks = 0): Promise<void> {
  return expect(page).toHaveURL(new RegExp(`${HOSTED_BASE}${no}${clicks > 0 ? `\\?clicks=${clicks}` : ''}$`))
}

/**
 * The text a reader sees on the slide shown: every text node whose element and ancestors are displayed, visible and
 * not transparent (Slidev hides a click's step with opacity, the audience page with visibility too), the words in
 * order. The link between the editions and what only paper shows are left out, as the reader edition's test does.
 */
function shownText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((root) => {
    const shown = (element: Element | null): boolean => {
      for (let node = element; node && node !== root.parentElement; node = node.parentElement) {
        const style = getComputedStyle(node)
        if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0)
          return false
        if (node.matches('.reader-edition-link, .paper-only, [aria-hidden="true"]'))
          return false
      }
      return true
    }
    const words: string[] = []
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (text.textContent!.trim() && shown(text.parentElement))
        words.push(text.textContent!.trim())
    }
    return words.join(' ').replace(/\s+/g, ' ').trim()
  })
}

test('shows the same text as the Slidev deck, slide by slide and click by click', async ({ browser }) => {
  // Every step of the deck (about 200), in two decks: a bound for two busy cores, where a step can take two seconds.
  test.setTimeout(600_000)
  const slidev = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  const audience = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  // Slidev's deck as the projector shows it: the same build and server, its polls live as the audience page's.
  await slidev.goto(`${origin}${HOSTED_BASE}1?projector`)
  await audience.goto(`${origin}${HOSTED_BASE}1`)
  await expect(audience.locator('html')).toHaveAttribute('data-audience', 'ready')
  const differences: string[] = []
  for (const slide of deck.slides) {
    for (let clicks = 0; clicks <= slide.clicks; clicks++) {
      if (slide.no > 1 || clicks > 0) {
        await slidev.keyboard.press('ArrowRight')
        await audience.keyboard.press('ArrowRight')
      }
      await expect(slidev).toHaveURL(new RegExp(`${HOSTED_BASE}${slide.no}\\?projector=?(&clicks=${clicks})?$`))
      await at(audience, slide.no, clicks)
      // The slide's live components (the poll, the timeline's buttons, the density chart's sliders) mounted over their stills.
      await expect(audience.locator(`.audience-slide[data-slide="${slide.no}"]`)).toHaveAttribute('data-islands', /^(?:none|live)$/)
      // The audience page shows a click at once; Slidev mounts a slide it arrives at and may update its click a moment
      // after its address: wait for its text to come to the audience page's, and keep the last it showed if it never does.
      const got = await shownText(audience, `.audience-slide[data-slide="${slide.no}"] .slidev-layout`)
      let expected = ''
      await expect.poll(async () => {
        expected = await shownText(slidev, `[data-slidev-no="${slide.no}"] .slidev-layout`)
        return expected
      }, { timeout: 5000 }).toBe(got).catch(() => {})
      if (got !== expected)
        differences.push(`slide ${slide.no} click ${clicks}:\n  Slidev:   ${expected}\n  audience: ${got}`)
    }
  }
  expect(differences.join('\n')).toBe('')
})

test('follows the presenter click by click, browses away, and goes back to live', async ({ browser }) => {
  const talk = await presenter()
  const phone = await (await browser.newContext(PHONE)).newPage()
  await join(phone)
  talk.go(stepped.no, 0)
  await at(phone, stepped.no)
  talk.go(stepped.no, 1)
  await at(phone, stepped.no, 1)
  await expect(phone.locator(`.audience-slide[data-slide="${stepped.no}"] .fragment.visible`).first()).toBeAttached()

  // The reader steps back on their own: browsing, with the way back to live.
  await phone.locator('.audience__stage').click({ position: { x: 5, y: 5 } })
  await phone.keyboard.press('ArrowLeft')
  await at(phone, stepped.no)
  const back = phone.locator('.deck-sync-bar__live')
  await expect(back).toBeVisible()
  talk.go(stepped.no, 2)
  await expect(back).toContainText(`slide ${stepped.no}`)
  await at(phone, stepped.no)
  await back.click()
  await at(phone, stepped.no, 2)
  await expect(back).toBeHidden()
  // Following again: the next move arrives.
  talk.go(stepped.no + 1, 0)
  await at(phone, stepped.no + 1)
  talk.close()
})

test('votes in the opening poll and asks a question, both saved by the server', async ({ browser }) => {
  const talk = await presenter()
  const phone = await (await browser.newContext(PHONE)).newPage()
  await join(phone)
  talk.go(2)
  await at(phone, 2)
  const option = phone.locator('.audience-slide .poll__choose', { hasText: 'Sort of' })
  await option.click()
  await expect(option).toHaveAttribute('aria-pressed', 'true')
  const polls = await (await fetch(`${origin}${HOSTED_BASE}api/polls.json`, { headers: { Authorization: `Bearer ${SECRET}` } })).json() as Array<{ id: string, options: Array<{ votes: number }> }>
  expect(polls.find(poll => poll.id === 'lightweight-vms')!.options.map(option => option.votes)).toEqual([0, 1, 0])

  await phone.locator('.deck-questions__open').click()
  await phone.locator('.deck-questions__field').fill('Does <b>gVisor</b> count as a VM?')
  await phone.locator('.deck-questions__send').click()
  await expect(phone.locator('.deck-questions__text').first()).toHaveText('Does <b>gVisor</b> count as a VM?')
  const questions = await (await fetch(`${origin}${HOSTED_BASE}api/questions.json`, { headers: { Authorization: `Bearer ${SECRET}` } })).json() as Array<{ text: string }>
  expect(questions.map(question => question.text)).toEqual(['Does <b>gVisor</b> count as a VM?'])
  talk.close()
})

test('keeps the talk readable offline after the first visit', async ({ browser }) => {
  const context = await browser.newContext({ ...PHONE, serviceWorkers: 'allow' })
  const phone = await context.newPage()
  await join(phone)
  await phone.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await context.setOffline(true)
  await phone.goto(`${origin}${HOSTED_BASE}${stepped.no}?clicks=1`)
  await expect(phone.locator(`.audience-slide[data-slide="${stepped.no}"]`)).toBeVisible()
  await expect(phone).toHaveTitle(new RegExp(stepped.title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
  // Moving on, offline: the next slide's fragment is kept too.
  await phone.keyboard.press('ArrowRight')
  await phone.keyboard.press('ArrowRight')
  await expect(phone.locator('.audience-slide')).toHaveCount(1)
  await context.close()
})

test('follows the dark scheme and reduced motion, and has no serious accessibility problem', async ({ browser }) => {
  test.setTimeout(90_000)
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await (await browser.newContext({ ...PHONE, colorScheme, reducedMotion: 'reduce' })).newPage()
    await join(page, String(stepped.no))
    await expect(page.locator('html')).toHaveClass(colorScheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/)
    const fragment = page.locator('.audience-slide .fragment').first()
    expect(await fragment.evaluate(element => getComputedStyle(element).transitionDuration)).toBe('0s')
    const results = await new AxeBuilder({ page }).analyze()
    expect(results.violations.filter(violation => violation.impact === 'serious' || violation.impact === 'critical').map(violation => `${violation.id}: ${violation.nodes.map(node => node.target.join(' ')).join(', ')}`), colorScheme).toEqual([])
    await page.context().close()
  }
})

test('gives Slidev\'s deck to the projector (?projector) and keeps the presenter view Slidev\'s', async ({ page }) => {
  await page.goto(`${origin}${HOSTED_BASE}3?projector`)
  await expect(page.locator('#slide-content [data-slidev-no="3"] .slidev-layout')).toBeVisible()
  await page.goto(`${origin}${HOSTED_BASE}presenter/3`)
  await expect(page.locator('.slidev-presenter')).toBeVisible()
  // The audience page at the deck's address, and none at a slide the deck does not have.
  const response = await page.request.get(`${origin}${HOSTED_BASE}`)
  expect(await response.text()).toContain('class="audience-page"')
  const past = await page.request.get(`${origin}${HOSTED_BASE}${deck.slides.length + 1}`)
  expect(await past.text()).not.toContain('class="audience-page"')
})
