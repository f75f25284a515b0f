import type { Browser, BrowserContextOptions, LaunchOptions, Page } from '@playwright/test'
import type { RunningServer } from '../server/serve'
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect } from '@playwright/test'
import { loadDeck } from '../scripts/lib/deck'
import { startServer } from '../server/serve'
import { PROJECTOR_QUERY } from '../shared/audience-route'
import { HOSTED_BASE, HOSTED_OUT, PHONE } from './support/servers'

/**
 * Following, browsing and back to live: an audience member steps away from the
 * presenter's slide, stays there while the talk goes on, and comes back with
 * one tap (setup/sync/). The deck is the hosted build the config's webServer
 * makes (tests/support/servers.ts, under /talk/), served by `npm run serve`'s
 * server started in each test, as tests/sync.spec.ts does with dist/. Every
 * deck is its own browser context, as on separate devices.
 *
 * The phone opens the deck as `phone.test`, a name for this machine, not
 * `localhost`: Slidev lets a viewer on localhost write its position into the
 * shared sync state, and no other viewer, so the phone sees what a phone on
 * the room's network sees.
 */
const PHONE_HOST = 'phone.test'

const test = base.extend<object, { launchOptions: LaunchOptions }>({
  launchOptions: [async ({ launchOptions }, use) => {
    // playwright.config.ts resolves no host but localhost; this spec adds the phone's name for this machine.
    const args = (launchOptions.args ?? []).map(arg => arg.replace(/^--host-resolver-rules=/, `--host-resolver-rules=MAP ${PHONE_HOST} 127.0.0.1, `))
    await use({ ...launchOptions, args })
  }, { scope: 'worker' }],
})

/** A slide that builds in three clicks or more, two slides or more into the deck. */
const stepped = (await loadDeck()).slides.find(slide => slide.clicks >= 3 && slide.no >= 3)!
const SECRET = 'the-presenters-secret-for-browse-tests'

let server: RunningServer

test.beforeEach(async () => {
  server = await startServer({ dir: HOSTED_OUT, base: HOSTED_BASE, secret: SECRET, port: 0, host: '127.0.0.1' })
})

test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map(context => context.close()))
  await server.close()
})

const url = (host: string, path: string): string => `http://${host}:${server.port}${HOSTED_BASE}${path}`

async function open(page: Page, host: string, path: string): Promise<Page> {
  await page.goto(url(host, path))
  return page
}

const badge = (page: Page) => page.locator('.deck-sync')
const backToLive = (page: Page) => page.getByRole('button', { name: /^Back to live/ })

async function presenterView(browser: Browser): Promise<Page> {
  const page = await open(await (await browser.newContext()).newPage(), 'localhost', `presenter/1#secret=${encodeURIComponent(SECRET)}`)
  // The first page of a fresh browser loads the whole deck: give it longer on a busy machine.
  await expect(badge(page)).toHaveAttribute('data-role', 'presenter', { timeout: 15_000 })
  return page
}

async function audience(browser: Browser, host: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await open(await (await browser.newContext(options)).newPage(), host, `1?${PROJECTOR_QUERY}`)
  await expect(badge(page)).toHaveAttribute('data-connection', 'open', { timeout: 15_000 })
  return page
}

/** The presenter opens slide `no`, and waits until it is shown: Slidev counts a slide's clicks then. */
async function presenterGoes(presenter: Page, no: number): Promise<void> {
  await presenter.goto(url('localhost', `presenter/${no}`))
  await expect(presenter.locator(`.slidev-presenter .grid-section.main [data-slidev-no="${no}"] .slidev-layout`)).toBeVisible()
}

/** Where a deck is: the slide number and click in its address. */
function at(page: Page, no: number, clicks = 0): Promise<void> {
  return expect(page).toHaveURL(new RegExp(`${HOSTED_BASE}${no}\\?projector=?(&clicks=${clicks})?$`))
}

/** Waits until an audience deck has heard that the presenter is at slide `no`, click `clicks`. */
async function heardLive(page: Page, no: number, clicks: number): Promise<void> {
  await expect(badge(page)).toHaveAttribute('data-live-page', String(no))
  await expect(badge(page)).toHaveAttribute('data-live-clicks', String(clicks))
}

test('a phone steps back two slides, stays there while the presenter goes on, and one tap takes it back to live', async ({ browser }) => {
  const no = stepped.no
  const presenter = await presenterView(browser)
  const phone = await audience(browser, PHONE_HOST, PHONE)
  expect(await phone.evaluate(() => location.hostname)).toBe(PHONE_HOST)

  // Following: the presenter advances, the phone comes along, slides and clicks.
  await presenter.keyboard.press('ArrowRight')
  await at(phone, 2)
  await presenterGoes(presenter, no)
  await at(phone, no)
  await presenter.keyboard.press('ArrowRight')
  await at(phone, no, 1)
  await expect(badge(phone)).toHaveText('Following the presenter')
  await expect(backToLive(phone)).toBeHidden()

  // Two slides back (Slidev's up arrow: the previous slide): browsing, and the control says where live is.
  await phone.keyboard.press('ArrowUp')
  await at(phone, no - 1)
  await phone.keyboard.press('ArrowUp')
  await at(phone, no - 2)
  await expect(badge(phone)).toHaveText(`Browsing — slide ${no - 2}`)
  await expect(badge(phone)).toHaveAttribute('data-browsing', 'true')
  await expect(backToLive(phone)).toHaveText(`Back to live (slide ${no})`)

  // The presenter goes on: the phone hears it and stays where its reader is.
  await presenter.keyboard.press('ArrowRight')
  await expect(presenter).toHaveURL(new RegExp(`/presenter/${no}\\?clicks=2$`))
  await heardLive(phone, no, 2)
  await at(phone, no - 2)
  await expect(backToLive(phone)).toBeVisible()
  // The presenter's own views never show the control.
  await expect(presenter.locator('.deck-sync-bar__live')).toBeHidden()

  // One tap: the presenter's slide and click, following again.
  await backToLive(phone).tap()
  await at(phone, no, 2)
  await expect(phone.locator(`[data-slidev-no="${no}"] .slidev-layout`)).toBeVisible()
  await expect(badge(phone)).toHaveText('Following the presenter')
  await expect(badge(phone)).toHaveAttribute('data-browsing', 'false')
  await expect(backToLive(phone)).toBeHidden()
  await expect(phone.locator('html')).not.toHaveClass(/deck-sync-browsing/)

  // And the presenter's next move brings it along again.
  await presenter.keyboard.press('ArrowRight')
  await at(phone, no, 3)
})

test('on a laptop: a click back is browsing, L goes back to live, and stepping onto the live click oneself is live again', async ({ browser }) => {
  const no = stepped.no
  const presenter = await presenterView(browser)
  const laptop = await audience(browser, 'localhost')
  await presenterGoes(presenter, no)
  await at(laptop, no)
  await presenter.keyboard.press('ArrowRight')
  await presenter.keyboard.press('ArrowRight')
  await at(laptop, no, 2)

  await laptop.keyboard.press('ArrowLeft')
  await at(laptop, no, 1)
  await expect(badge(laptop)).toHaveText(`Browsing — slide ${no}, step 1`)
  await expect(backToLive(laptop)).toHaveText(`Back to live (slide ${no}, step 2)`)
  await expect(backToLive(laptop)).toHaveAttribute('aria-keyshortcuts', 'L')
  await laptop.keyboard.press('l')
  await at(laptop, no, 2)
  await expect(badge(laptop)).toHaveText('Following the presenter')

  // Away and back by hand: on the presenter's click it follows again, without the control.
  await laptop.keyboard.press('ArrowLeft')
  await expect(backToLive(laptop)).toBeVisible()
  await laptop.keyboard.press('ArrowRight')
  await at(laptop, no, 2)
  await expect(badge(laptop)).toHaveText('Following the presenter')
  await expect(backToLive(laptop)).toBeHidden()
  await presenter.keyboard.press('ArrowRight')
  await at(laptop, no, 3)
})

test('the control: a 44 px button, AA contrast in light and dark, clear of the slide on a phone', async ({ browser }, testInfo) => {
  test.setTimeout(120_000)
  const no = stepped.no
  const presenter = await presenterView(browser)
  await presenterGoes(presenter, no)
  await presenter.keyboard.press('ArrowRight')
  await expect(presenter).toHaveURL(new RegExp(`/presenter/${no}\\?clicks=1$`))
  const looks: { name: string, options: BrowserContextOptions }[] = [
    { name: 'laptop-1280x720', options: { viewport: { width: 1280, height: 720 } } },
    { name: 'phone-390x844', options: PHONE },
  ]
  for (const { name, options } of looks) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await test.step(`${name}, ${colorScheme}`, async () => {
        const page = await audience(browser, name.startsWith('phone') ? PHONE_HOST : 'localhost', { ...options, colorScheme })
        await at(page, no, 1)
        await page.keyboard.press('ArrowUp')
        await page.keyboard.press('ArrowUp')
        await at(page, no - 2)
        const button = backToLive(page)
        await expect(button).toBeVisible()
        await expect(page.locator('html')).toHaveClass(colorScheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/)
        await page.evaluate(() => document.fonts.ready)

        const box = (await button.boundingBox())!
        expect(box.width, 'the button is wide enough for a thumb').toBeGreaterThanOrEqual(44)
        expect(box.height, 'the button is tall enough for a thumb').toBeGreaterThanOrEqual(44)
        const bar = (await page.locator('.deck-sync-bar').boundingBox())!
        const viewport = page.viewportSize()!
        expect(bar.x, 'the pill is inside the screen').toBeGreaterThanOrEqual(0)
        expect(bar.x + bar.width).toBeLessThanOrEqual(viewport.width)
        expect(bar.y + bar.height).toBeLessThanOrEqual(viewport.height)
        // Below the slide: in the space under it on a phone held upright, in a strip the slide makes room for on a laptop.
        const slide = (await page.locator('#slide-content').boundingBox())!
        expect(bar.y, 'the pill is below the slide').toBeGreaterThanOrEqual(slide.y + slide.height - 0.5)
        expect(slide.x, 'the whole slide is on the screen').toBeGreaterThanOrEqual(-0.5)
        expect(slide.y).toBeGreaterThanOrEqual(-0.5)
        // And clear of Slidev's navigation bar (always shown on a phone held upright, on hover on a laptop).
        const nav = page.locator('#slide-container nav')
        await nav.hover()
        const controls = (await nav.boundingBox())!
        const apart = controls.x + controls.width <= bar.x || bar.x + bar.width <= controls.x || controls.y + controls.height <= bar.y || bar.y + bar.height <= controls.y
        expect(apart, `the pill ${JSON.stringify(bar)} is clear of Slidev's navigation ${JSON.stringify(controls)}`).toBe(true)

        // Legacy mode runs axe in the page alone (the deck has no frames).
        const axe = await new AxeBuilder({ page }).setLegacyMode().include('.deck-sync-bar').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
        expect(axe.violations.map(violation => `${violation.id}: ${violation.nodes.map(node => node.target.join(' ')).join(', ')}`)).toEqual([])

        const path = testInfo.outputPath(`browsing-${name}-${colorScheme}.png`)
        await page.screenshot({ path })
        await testInfo.attach(`browsing-${name}-${colorScheme}`, { path, contentType: 'image/png' })
        // The keyboard reaches it (Tab, past Slidev's own controls), and it shows a ring of its own.
        for (let tabs = 0; tabs < 40 && !await button.evaluate(element => element === document.activeElement); tabs++)
          await page.keyboard.press('Tab')
        await expect(button).toBeFocused()
        const focusPath = testInfo.outputPath(`browsing-${name}-${colorScheme}-focus.png`)
        await page.locator('.deck-sync-bar').screenshot({ path: focusPath })
        await testInfo.attach(`browsing-${name}-${colorScheme}-focus`, { path: focusPath, contentType: 'image/png' })
        await page.context().close()
      })
    }
  }
})
