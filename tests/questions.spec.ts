import type { BrowserContextOptions, Page } from '@playwright/test'
import type { RunningServer } from '../server/serve'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { startServer } from '../server/serve'
import { QUESTIONS_FILE } from '../server/store'
import { PROJECTOR_QUERY } from '../shared/audience-route'
import { useServeProcess } from './support/serve-process'
import { HOSTED_BASE, HOSTED_OUT, PHONE } from './support/servers'

/**
 * Audience questions on the hosted deck (setup/sync/QuestionsPanel.vue,
 * server/questions.ts, server/store.ts): two audience devices and the
 * presenter, each its own browser context. The deck is the hosted build the
 * config's webServer makes (tests/support/servers.ts, under /talk/), served
 * by `npm run serve` itself (server/cli.ts) in a child process with a data
 * directory of its own, so the test can kill it as a crash would and start
 * it again on the same directory.
 */
const SECRET = 'the-presenters-secret-for-question-tests'
const XSS = '<script>alert(1)</script><b>x</b>'
const PLAIN = 'Does a container share the host kernel?'

const { dataDir, serve } = useServeProcess({ secret: SECRET, name: 'questions' })
let server: RunningServer | undefined

test.afterEach(async () => {
  await server?.close()
  server = undefined
})

const badge = (page: Page) => page.locator('.deck-sync')
const openButton = (page: Page) => page.locator('.deck-questions__open')
const item = (page: Page, text: string) => page.locator('.deck-questions__item').filter({ has: page.locator('.deck-questions__text').getByText(text, { exact: true }) })

/** Every dialog a page opens (an `alert` from an injected script would be one). */
function watchDialogs(page: Page, dialogs: string[]): void {
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
}

async function presenterView(page: Page, origin: string): Promise<Page> {
  await page.goto(`${origin}${HOSTED_BASE}presenter/1#secret=${encodeURIComponent(SECRET)}`)
  await expect(badge(page)).toHaveAttribute('data-role', 'presenter', { timeout: 15_000 })
  return page
}

async function audience(page: Page, origin: string): Promise<Page> {
  await page.goto(`${origin}${HOSTED_BASE}1?${PROJECTOR_QUERY}`)
  await expect(badge(page)).toHaveAttribute('data-connection', 'open', { timeout: 15_000 })
  return page
}

async function ask(page: Page, text: string): Promise<void> {
  await page.locator('.deck-questions__field').fill(text)
  await expect(page.locator('.deck-questions__count')).toHaveText(`${text.length} / 280`)
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.locator('.deck-questions__note')).toHaveText('Sent. Thank you!')
  await expect(page.locator('.deck-questions__field')).toHaveValue('')
}

/** The questions' texts in the order a page shows them. */
const order = (page: Page) => page.locator('.deck-questions__text')

test('a question is asked, shown as text everywhere, upvoted, answered, and still there after the server is killed and restarted', async ({ browser }) => {
  test.setTimeout(120_000)
  let running = await serve()
  const origin = `http://localhost:${running.port}`
  const dialogs: string[] = []
  const pages: Page[] = []
  for (let i = 0; i < 3; i++) {
    const page = await (await browser.newContext()).newPage()
    watchDialogs(page, dialogs)
    pages.push(page)
  }
  const [presenter, first, second] = [await presenterView(pages[0]!, origin), await audience(pages[1]!, origin), await audience(pages[2]!, origin)]

  // Nothing of it on the presenter view until a question comes, then a count.
  await expect(openButton(presenter)).toHaveText('Questions (0)')
  await expect(openButton(first)).toHaveText('Ask a question')

  // The first device asks two questions, the second one an attempt at markup.
  await openButton(first).click()
  await expect(first.locator('.deck-questions__field')).toBeFocused()
  await ask(first, PLAIN)
  await ask(first, XSS)

  await openButton(second).click()
  await openButton(presenter).click()
  for (const page of [first, second, presenter]) {
    await expect(order(page)).toHaveText([PLAIN, XSS])
    // The literal text, and no element made of it.
    await expect(page.locator('.deck-questions b, .deck-questions script')).toHaveCount(0)
    await expect(page.locator('b', { hasText: /^x$/ })).toHaveCount(0)
    await expect(item(page, XSS).locator('.deck-questions__votes')).toHaveText('0 votes')
  }
  await expect(openButton(presenter)).toHaveText('Questions (2)')

  // The second device upvotes it: first on every list, with its vote.
  await item(second, XSS).getByRole('button', { name: /^Upvote/ }).click()
  for (const page of [first, second, presenter]) {
    await expect(order(page)).toHaveText([XSS, PLAIN])
    await expect(item(page, XSS).locator('.deck-questions__votes')).toHaveText('1 vote')
  }
  // One upvote per device: its button is spent.
  await expect(item(second, XSS).getByRole('button', { name: /^Upvoted/ })).toBeDisabled()

  // The presenter marks it answered, and hides the other: the audience no longer sees that one.
  await item(presenter, XSS).getByRole('button', { name: 'Answered' }).click()
  await item(presenter, PLAIN).getByRole('button', { name: 'Hide' }).click()
  for (const page of [first, second])
    await expect(order(page)).toHaveText([XSS])
  for (const page of [first, second, presenter])
    await expect(item(page, XSS)).toHaveAttribute('data-answered', 'true')
  await expect(item(presenter, PLAIN)).toHaveAttribute('data-hidden', 'true')
  await expect(item(presenter, PLAIN).locator('.deck-questions__state')).toHaveText('Hidden')

  // Every event is in the file, one line each, before the server is killed as a crash would.
  const file = join(dataDir(), QUESTIONS_FILE)
  await expect.poll(() => readFileSync(file, 'utf8').trim().split('\n').map(line => (JSON.parse(line) as { e: string }).e)).toEqual(['asked', 'asked', 'upvoted', 'answered', 'hidden'])
  running.process.kill('SIGKILL')
  await running.exited
  await expect(badge(second)).toHaveAttribute('data-connection', /connecting|closed/)
  running = await serve(running.port)

  // The decks reconnect by themselves and get the list back from the file; a fresh page does too.
  await expect(badge(second)).toHaveAttribute('data-connection', 'open', { timeout: 15_000 })
  await expect(order(second)).toHaveText([XSS])
  await expect(item(second, XSS)).toHaveAttribute('data-answered', 'true')
  await expect(item(second, XSS).locator('.deck-questions__votes')).toHaveText('1 vote')
  await first.reload()
  await expect(badge(first)).toHaveAttribute('data-connection', 'open', { timeout: 15_000 })
  await openButton(first).click()
  await expect(order(first)).toHaveText([XSS])
  await expect(item(presenter, PLAIN)).toHaveAttribute('data-hidden', 'true', { timeout: 15_000 })
  await expect(order(presenter)).toHaveText([XSS, PLAIN])

  // The export, with the presenter's secret only.
  const exportUrl = `${origin}${HOSTED_BASE}api/questions.json`
  expect((await fetch(exportUrl)).status).toBe(401)
  expect((await fetch(exportUrl, { headers: { Authorization: 'Bearer not-the-secret' } })).status).toBe(401)
  const exported = await fetch(exportUrl, { headers: { Authorization: `Bearer ${SECRET}` } })
  expect(exported.status).toBe(200)
  expect(await exported.json()).toEqual([
    { id: 2, text: XSS, votes: 1, answered: true, hidden: false, askedAt: expect.any(String), slide: 1 },
    { id: 1, text: PLAIN, votes: 0, answered: false, hidden: true, askedAt: expect.any(String), slide: 1 },
  ])
  expect(dialogs).toEqual([])
})

test('the panel and the presenter list: 44 px controls, clear of the slide, in light and dark, on a laptop and a phone', async ({ browser }, testInfo) => {
  test.setTimeout(120_000)
  server = await startServer({ dir: HOSTED_OUT, base: HOSTED_BASE, secret: SECRET, port: 0, host: '127.0.0.1', dataDir: dataDir() })
  const origin = `http://localhost:${server.port}`
  // A few questions of different lengths, one answered, for the lists to show.
  const asker = await audience(await (await browser.newContext()).newPage(), origin)
  await openButton(asker).click()
  for (const text of ['How much memory does an idle container use compared with an idle VM running the same service?', 'Is gVisor a VM?', `Why ${'very '.repeat(40)}long?`])
    await ask(asker, text)
  const presenter = await presenterView(await (await browser.newContext()).newPage(), origin)
  await openButton(presenter).click()
  await item(presenter, 'Is gVisor a VM?').getByRole('button', { name: 'Answered' }).click()
  await expect(item(presenter, 'Is gVisor a VM?')).toHaveAttribute('data-answered', 'true')
  const presenterShot = testInfo.outputPath('questions-presenter.png')
  await presenter.screenshot({ path: presenterShot })
  await testInfo.attach('questions-presenter', { path: presenterShot, contentType: 'image/png' })

  const looks: { name: string, options: BrowserContextOptions }[] = [
    { name: 'laptop-1280x720', options: { viewport: { width: 1280, height: 720 } } },
    { name: 'phone-390x844', options: PHONE },
  ]
  for (const { name, options } of looks) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await test.step(`${name}, ${colorScheme}`, async () => {
        const page = await audience(await (await browser.newContext({ ...options, colorScheme })).newPage(), origin)
        await expect(page.locator('html')).toHaveClass(colorScheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/)
        await page.evaluate(() => document.fonts.ready)
        const button = openButton(page)
        await expect(button).toBeVisible()
        const box = (await button.boundingBox())!
        expect(box.width).toBeGreaterThanOrEqual(44)
        expect(box.height).toBeGreaterThanOrEqual(44)
        // Clear of the slide: below it on a laptop (the slide makes room), above it on a phone held upright.
        const slide = (await page.locator('#slide-content').boundingBox())!
        const clear = box.y >= slide.y + slide.height - 0.5 || box.y + box.height <= slide.y + 0.5
        expect(clear, `the button ${JSON.stringify(box)} is clear of the slide ${JSON.stringify(slide)}`).toBe(true)
        const closedShot = testInfo.outputPath(`questions-${name}-${colorScheme}-closed.png`)
        await page.screenshot({ path: closedShot })
        await testInfo.attach(`questions-${name}-${colorScheme}-closed`, { path: closedShot, contentType: 'image/png' })

        // The keyboard reaches it.
        for (let tabs = 0; tabs < 40 && !await button.evaluate(element => element === document.activeElement); tabs++)
          await page.keyboard.press('Tab')
        await expect(button).toBeFocused()
        await page.keyboard.press('Enter')
        await expect(page.locator('.deck-questions__panel')).toBeVisible()
        await expect(page.locator('.deck-questions__field')).toBeFocused()
        await page.keyboard.type('Typing here moves no slide')
        await expect(page).toHaveURL(new RegExp(`${HOSTED_BASE}1\\?projector=?$`))
        await expect(order(page)).toHaveCount(3)
        const panel = (await page.locator('.deck-questions__panel').boundingBox())!
        const viewport = page.viewportSize()!
        expect(panel.x).toBeGreaterThanOrEqual(0)
        expect(panel.x + panel.width).toBeLessThanOrEqual(viewport.width)
        expect(panel.y).toBeGreaterThanOrEqual(0)
        expect(panel.y + panel.height).toBeLessThanOrEqual(viewport.height)
        for (const control of await page.locator('.deck-questions__panel button').all()) {
          const size = (await control.boundingBox())!
          expect(size.height, await control.textContent() ?? '').toBeGreaterThanOrEqual(44)
        }
        // Legacy mode runs axe in the page alone (the deck has no frames).
        const axe = await new AxeBuilder({ page }).setLegacyMode().include('.deck-questions').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
        expect(axe.violations.map(violation => `${violation.id}: ${violation.nodes.map(node => node.target.join(' ')).join(', ')}`)).toEqual([])
        const openShot = testInfo.outputPath(`questions-${name}-${colorScheme}-open.png`)
        await page.screenshot({ path: openShot })
        await testInfo.attach(`questions-${name}-${colorScheme}-open`, { path: openShot, contentType: 'image/png' })
        await page.keyboard.press('Escape')
        await expect(page.locator('.deck-questions__panel')).toBeHidden()
        await expect(button).toBeFocused()

        // Browsing away: the pill back to live and the button are both there, apart, and both clear of the slide.
        // (Slidev leaves the arrows alone while a button has the focus.)
        await button.blur()
        await page.keyboard.press('ArrowRight')
        await expect(page).toHaveURL(new RegExp(`${HOSTED_BASE}2\\?projector=?$`))
        const pill = page.locator('.deck-sync-bar[data-browsing="true"]')
        await expect(pill).toBeVisible()
        const pillBox = (await pill.boundingBox())!
        const buttonBox = (await button.boundingBox())!
        const apart = pillBox.x + pillBox.width <= buttonBox.x || buttonBox.x + buttonBox.width <= pillBox.x || pillBox.y + pillBox.height <= buttonBox.y || buttonBox.y + buttonBox.height <= pillBox.y
        expect(apart, `the pill ${JSON.stringify(pillBox)} and the button ${JSON.stringify(buttonBox)} are apart`).toBe(true)
        const browsingSlide = (await page.locator('#slide-content').boundingBox())!
        expect(buttonBox.y >= browsingSlide.y + browsingSlide.height - 0.5 || buttonBox.y + buttonBox.height <= browsingSlide.y + 0.5).toBe(true)
        const browsingShot = testInfo.outputPath(`questions-${name}-${colorScheme}-browsing.png`)
        await page.screenshot({ path: browsingShot })
        await testInfo.attach(`questions-${name}-${colorScheme}-browsing`, { path: browsingShot, contentType: 'image/png' })
        await page.context().close()
      })
    }
  }
})

test('nothing of it on paper: not in print mode, not in the browser\'s print', async ({ browser }) => {
  server = await startServer({ dir: HOSTED_OUT, base: HOSTED_BASE, secret: SECRET, port: 0, host: '127.0.0.1', dataDir: dataDir() })
  const origin = `http://localhost:${server.port}`
  const printing = await (await browser.newContext()).newPage()
  await printing.goto(`${origin}${HOSTED_BASE}1?print`)
  // The channel's controls are built (hidden), so the questions' would be too.
  await expect(printing.locator('.deck-sync-bar')).toBeAttached({ timeout: 15_000 })
  await expect(printing.locator('.deck-questions')).toBeAttached()
  await expect(printing.locator('.deck-questions')).toBeHidden()
  const page = await audience(await (await browser.newContext()).newPage(), origin)
  await expect(openButton(page)).toBeVisible()
  await page.emulateMedia({ media: 'print' })
  await expect(openButton(page)).toBeHidden()
})
