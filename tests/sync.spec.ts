import type { Browser, BrowserContext, Dialog, Page } from '@playwright/test'
import type { RunningServer } from '../server/serve'
import { expect, test } from '@playwright/test'
import { loadDeck } from '../scripts/lib/deck'
import { startServer } from '../server/serve'
import { PROJECTOR_QUERY } from '../shared/audience-route'

/** A slide that builds in two clicks or more, to follow clicks on. */
const stepped = (await loadDeck()).slides.find(slide => slide.clicks >= 2)!

/**
 * The hosted presenter mode: `npm run serve` on dist/, started in the test so
 * each test has its own server (and can restart it). Every deck is a separate
 * browser context, as on separate devices: no shared storage, no
 * BroadcastChannel between them.
 */
const SECRET = 'the-presenters-secret-for-tests'

interface Hosted {
  server: RunningServer
  url: string
  log: string[]
  restart: () => Promise<void>
}

async function host(): Promise<Hosted> {
  const log: string[] = []
  const options = { dir: 'dist', base: '/', secret: SECRET, port: 0, host: 'localhost', log: (line: string) => log.push(line) }
  const hosted: Hosted = {
    server: await startServer(options),
    url: '',
    log,
    async restart() {
      const port = hosted.server.port
      await hosted.server.close()
      hosted.server = await startServer({ ...options, port })
    },
  }
  hosted.url = `http://localhost:${hosted.server.port}/`
  return hosted
}

let hosted: Hosted
const contexts: BrowserContext[] = []

test.beforeEach(async () => {
  hosted = await host()
})

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map(context => context.close()))
  await hosted.server.close()
})

async function deck(browser: Browser, path: string): Promise<Page> {
  return (await deckAsking(browser, path)).page
}

/**
 * A deck at path, and the first dialog it opens, listened for from before the
 * page starts loading: the deck may ask for the secret before the load event,
 * and Playwright dismisses a dialog nobody listens for.
 */
async function deckAsking(browser: Browser, path: string): Promise<{ page: Page, dialog: Promise<Dialog> }> {
  const context = await browser.newContext()
  contexts.push(context)
  const page = await context.newPage()
  const dialog = page.waitForEvent('dialog')
  dialog.catch(() => {})
  await page.goto(new URL(path, hosted.url).href)
  return { page, dialog }
}

const badge = (page: Page) => page.locator('.deck-sync')

/** The presenter view, with the secret from the presenter link `npm run serve` prints. */
async function presenterView(browser: Browser, secret = SECRET): Promise<Page> {
  const page = await deck(browser, `presenter/1#secret=${encodeURIComponent(secret)}`)
  await expect(page.locator('.slidev-presenter')).toBeVisible()
  return page
}

async function audience(browser: Browser): Promise<Page> {
  const page = await deck(browser, `1?${PROJECTOR_QUERY}`)
  await expect(badge(page)).toHaveAttribute('data-connection', 'open')
  return page
}

/** Where an audience deck is: the slide number and click in its address. */
function at(page: Page, no: number, clicks = 0): Promise<void> {
  return expect(page).toHaveURL(new RegExp(`/${no}\\?projector=?(&clicks=${clicks})?$`))
}

test('the presenter moves every audience deck, slides and clicks; late joiners start where the talk is', async ({ browser }) => {
  // Four Slidev pages, one reloaded, on two cores that run other tests beside it: 13 to 18 s in CI, 32 s once under load.
  test.setTimeout(60_000)
  const presenter = await presenterView(browser)
  await expect(badge(presenter)).toHaveAttribute('data-role', 'presenter')
  const [a, b] = await Promise.all([audience(browser), audience(browser)])
  await expect(badge(presenter)).toHaveText('Live: 2 following')
  expect(new URL(presenter.url()).hash).toBe('')

  await presenter.keyboard.press('ArrowRight')
  await Promise.all([at(a, 2), at(b, 2)])
  // The presenter reloads on the first slide that builds in two clicks or more: the secret is kept for the tab.
  const no = stepped.no
  await presenter.goto(new URL(`presenter/${no}`, hosted.url).href)
  await Promise.all([at(a, no), at(b, no)])
  await presenter.keyboard.press('ArrowRight')
  await Promise.all([at(a, no, 1), at(b, no, 1)])
  const started = Date.now()
  await presenter.keyboard.press('ArrowRight')
  await Promise.all([at(a, no, 2), at(b, no, 2)])
  test.info().annotations.push({ type: 'follow delay', description: `both audience decks showed the click ${Date.now() - started} ms after the presenter's key press` })
  await expect(a.locator(`[data-slidev-no="${no}"] .slidev-layout`)).toBeVisible()
  await expect(badge(a)).toHaveText('Following the presenter')

  const late = await deck(browser, `1?${PROJECTOR_QUERY}`)
  await at(late, no, 2)
})

test('an audience deck moves only itself, and cannot move others even over the channel', async ({ browser }) => {
  const presenter = await presenterView(browser)
  await expect(badge(presenter)).toHaveAttribute('data-role', 'presenter')
  const [intruder, watcher] = await Promise.all([audience(browser), audience(browser)])
  // The watcher records every position the server sends it from now on.
  await watcher.evaluate(() => {
    const received: string[] = []
    ;(window as unknown as { received: string[] }).received = received
    const ws = new WebSocket(new URL('sync', location.href).href.replace(/^http/, 'ws'))
    ws.addEventListener('message', event => received.push(String(event.data)))
    return new Promise(resolve => ws.addEventListener('open', resolve))
  })

  await intruder.keyboard.press('ArrowRight')
  await at(intruder, 2)
  const refused = await intruder.evaluate(() => new Promise<string>((resolve) => {
    const ws = new WebSocket(new URL('/sync', location.href).href.replace(/^http/, 'ws'))
    ws.addEventListener('open', () => ws.send(JSON.stringify({ t: 'nav', page: 9, clicks: 0, clicksTotal: 0 })))
    ws.addEventListener('message', (event) => {
      if (String(event.data).includes('"refused"'))
        resolve(String(event.data))
    })
  }))
  expect(JSON.parse(refused)).toEqual({ t: 'refused', code: 'not-presenter', reason: 'only the presenter moves the deck', about: 'position' })

  await presenter.keyboard.press('ArrowRight')
  await at(watcher, 2)
  // The position the presenter had when the watcher connected, then the presenter's next: never the intruder's.
  // (The server also sends the deck's polls and questions; only positions count here.)
  await expect.poll(() => watcher.evaluate(() => (window as unknown as { received: string[] }).received.map(text => JSON.parse(text) as { t: string }).filter(message => message.t === 'state'))).toEqual([
    { t: 'state', page: 1, clicks: 0, clicksTotal: 0 },
    { t: 'state', page: 2, clicks: 0, clicksTotal: 0 },
  ])
  expect(hosted.log.join('\n')).toContain('nav without the secret')
})

test('a presenter view without the secret, or with a wrong one, does not move the audience', async ({ browser }) => {
  // Four browser contexts, two of them answering a prompt: more than the default 30 s on a busy 2-core machine.
  test.setTimeout(60_000)
  const watcher = await audience(browser)
  const { page: impostor, dialog: asked } = await deckAsking(browser, `presenter/1#secret=${encodeURIComponent('a-wrong-secret-guess')}`)
  // The stored secret is refused; the deck asks again, and the impostor gives up.
  const dialog = await asked
  expect(dialog.message()).toContain('refused')
  await dialog.dismiss()
  await expect(badge(impostor)).toHaveText('Secret refused: this view does not move the audience')
  await impostor.keyboard.press('ArrowRight')
  await expect(impostor).toHaveURL(/\/presenter\/2/)
  expect(hosted.log.join('\n')).toContain('wrong presenter secret')

  // The real presenter still drives, and the watcher follows the presenter only.
  const presenter = await presenterView(browser)
  await expect(badge(presenter)).toHaveAttribute('data-role', 'presenter')
  await presenter.goto(new URL('presenter/4', hosted.url).href)
  await at(watcher, 4)

  // Opened without a secret, the presenter view asks for one; typing it makes this view the presenter.
  const { page: second, dialog: asking } = await deckAsking(browser, 'presenter/1')
  const ask = await asking
  expect(ask.message()).toContain('secret')
  await ask.accept(SECRET)
  await expect(badge(second)).toHaveAttribute('data-role', 'presenter')
})

test('decks reconnect after a server restart and jump to where the presenter is', async ({ browser }) => {
  const presenter = await presenterView(browser)
  await expect(badge(presenter)).toHaveAttribute('data-role', 'presenter')
  const watcher = await audience(browser)
  await presenter.keyboard.press('ArrowRight')
  await at(watcher, 2)

  await hosted.server.close()
  await expect(badge(watcher)).not.toHaveAttribute('data-connection', 'open')
  await expect(badge(presenter)).toHaveText('Reconnecting…')
  // The presenter goes on while the server is down.
  await presenter.keyboard.press('ArrowRight')
  await expect(presenter).toHaveURL(/\/presenter\/3/)

  await hosted.restart()
  await expect(badge(presenter)).toHaveAttribute('data-role', 'presenter')
  await at(watcher, 3)
  await expect(badge(watcher)).toHaveAttribute('data-connection', 'open')
})

test('the presenter view works from the hosted deck: notes, next slide, timer', async ({ browser }) => {
  const presenter = await presenterView(browser)
  await expect(presenter.locator('.slidev-note')).toContainText('Welcome')
  await expect(presenter.locator('.slidev-presenter .grid-section.next [data-slidev-no="2"]')).toBeVisible()
  const timer = presenter.locator('.slidev-presenter .font-mono.text-3xl')
  await expect(timer).toHaveText('-:--')
  await timer.hover()
  await presenter.locator('.slidev-presenter .i-carbon\\:play').click()
  // Running: it ticks past zero.
  await expect(timer).toHaveText(/^0:0[1-9]$/)
})
