import type { Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { WebSocket } from 'ws'
import { PROJECTOR_QUERY } from '../shared/audience-route'
import { useServeProcess } from './support/serve-process'
import { PHONE } from './support/servers'

/**
 * The phone remote (setup/sync/RemotePanel.vue, setup/remote/, server/remote.ts):
 * `npm run serve` in a child process on the built deck with its notes
 * (`dist/`, base `/`), the presenter's laptop, two audience decks and two
 * phones, each its own browser context.
 */
const SECRET = 'the-presenters-secret-for-remote-tests'
/** "The wrong comparison": no click at first, then "It is useful for intuition" on the first click. */
const MYTH = 7

const { serve } = useServeProcess({ secret: SECRET, name: 'remote', dir: 'dist', base: '/' })

const badge = (page: Page) => page.locator('.deck-sync')
const remote = (page: Page) => page.locator('main.remote')

/** What axe-core finds against WCAG 2.1 AA in `selector` (legacy mode: the deck has no frames). */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).setLegacyMode().include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return axe.violations.map(violation => `${violation.id}: ${violation.nodes.map(node => node.target.join(' ')).join(', ')}`)
}

/** A code from the presenter view's dialog: its link, which the QR code holds. */
async function newCode(presenter: Page): Promise<string> {
  const link = presenter.locator('.deck-remote__link')
  const before = await link.getAttribute('href')
  await presenter.locator('.deck-remote__dialog').getByRole('button', { name: 'New code' }).click()
  await expect(link).not.toHaveAttribute('href', before ?? '')
  await expect(link).toHaveAttribute('href', /#pair=/)
  return (await link.getAttribute('href'))!
}

async function pair(phone: Page, link: string): Promise<void> {
  await phone.goto(link)
  await expect(remote(phone)).toHaveAttribute('data-pairing', 'paired', { timeout: 15_000 })
  // The token is gone from the address bar at once.
  expect(new URL(phone.url()).hash).toBe('')
}

/** What a phone says about a token, sent by hand on a connection of its own; then what a step on it gets. */
async function rawRemote(port: number, token: string): Promise<Record<string, unknown>[]> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/sync`)
  const answers: Record<string, unknown>[] = []
  try {
    return await new Promise((resolve, reject) => {
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>
        if (message.t !== 'remote' && message.t !== 'refused')
          return
        answers.push(message)
        if (answers.length === 1)
          ws.send(JSON.stringify({ t: 'step', direction: 1, page: 1, clicks: 0 }))
        else
          resolve(answers)
      })
      ws.once('open', () => ws.send(JSON.stringify({ t: 'remote', token })))
      ws.once('error', reject)
    })
  }
  finally {
    ws.terminate()
  }
}

test('a phone paired from the presenter view drives two audience decks and the presenter view; two phones agree; a revoked one cannot', async ({ browser }) => {
  test.setTimeout(120_000)
  const running = await serve()
  const origin = `http://localhost:${running.port}`
  const errors: string[] = []
  const presenter = await (await browser.newContext()).newPage()
  const audience = [await (await browser.newContext()).newPage(), await (await browser.newContext(PHONE)).newPage()]
  const phones = [await (await browser.newContext(PHONE)).newPage(), await (await browser.newContext(PHONE)).newPage()] as const
  for (const page of [presenter, ...audience, ...phones])
    page.on('pageerror', error => errors.push(error.message))
  for (const deck of audience) {
    await deck.goto(`${origin}/1?${PROJECTOR_QUERY}`)
    await expect(badge(deck)).toHaveAttribute('data-connection', 'open', { timeout: 15_000 })
  }

  await presenter.goto(`${origin}/presenter/${MYTH}#secret=${encodeURIComponent(SECRET)}`)
  await expect(badge(presenter)).toHaveAttribute('data-role', 'presenter', { timeout: 15_000 })
  for (const deck of audience)
    await expect(deck).toHaveURL(new RegExp(`/${MYTH}\\?projector=?(&clicks=0)?$`))

  // The dialog: a QR code of the link, which carries a token in its fragment, never the secret.
  await presenter.getByRole('button', { name: 'Phone remote' }).click()
  const dialog = presenter.locator('.deck-remote__dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.locator('.deck-remote__code svg')).toBeVisible()
  await expect(dialog.locator('.deck-remote__expiry')).toHaveText(/^Valid for [45]:\d\d, for one phone\.$/)
  expect(await axeViolations(presenter, '.deck-remote__dialog')).toEqual([])
  const first = (await dialog.locator('.deck-remote__link').getAttribute('href'))!
  expect(first).toMatch(new RegExp(`^${origin}/remote#pair=[\\w.-]+$`))
  expect(first).not.toContain(SECRET)

  const [phone, other] = phones
  await pair(phone, first)
  await expect(dialog.locator('.deck-remote__paired')).toHaveText('1 phone paired.')
  await expect(dialog.locator('.deck-remote__expiry')).toHaveText('Paired. New code pairs another phone.')
  await expect(phone.getByTestId('remote-title')).toHaveText('The wrong comparison')
  await expect(phone.getByTestId('remote-where')).toHaveText(/^Slide 7 of \d+ · click 0 of 3$/)
  await expect(phone.getByTestId('remote-notes')).toContainText('This is the myth.')
  await expect(phone.getByTestId('remote-next')).toHaveText('Next: click 1 of 3 on this slide')
  // Controls for one thumb: both large, Next the larger.
  const back = (await phone.getByRole('button', { name: 'Back' }).boundingBox())!
  const next = (await phone.getByRole('button', { name: 'Next' }).boundingBox())!
  expect(back.height).toBeGreaterThanOrEqual(96)
  expect(next.width).toBeGreaterThan(back.width)
  expect(next.y + next.height).toBeGreaterThan(844 * 0.85)
  expect(await axeViolations(phone, 'main.remote')).toEqual([])

  // Next: every deck, the presenter's included, goes to the click; the phone shows that click's notes.
  await phone.getByRole('button', { name: 'Next' }).tap()
  for (const deck of audience)
    await expect(deck).toHaveURL(new RegExp(`/${MYTH}\\?projector=?&clicks=1$`))
  await expect(presenter).toHaveURL(new RegExp(`/presenter/${MYTH}\\?clicks=1$`))
  await expect(phone.getByTestId('remote-notes')).toContainText('It is useful for intuition')
  await expect(phone.getByTestId('remote-notes')).not.toContainText('This is the myth.')

  // A second phone: both show where the talk is, whichever moves it.
  await pair(other, await newCode(presenter))
  await expect(dialog.locator('.deck-remote__paired')).toHaveText('2 phones paired.')
  await expect(other.getByTestId('remote-where')).toHaveText(/click 1 of 3$/)
  await other.getByRole('button', { name: 'Next' }).tap()
  await expect(phone.getByTestId('remote-where')).toHaveText(/click 2 of 3$/)
  await phone.getByRole('button', { name: 'Back' }).tap()
  await expect(other.getByTestId('remote-where')).toHaveText(/click 1 of 3$/)
  for (const deck of audience)
    await expect(deck).toHaveURL(new RegExp(`/${MYTH}\\?projector=?&clicks=1$`))

  // The dialog closed, the presenter's own keys still lead, and the phones follow.
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()
  await presenter.keyboard.press('ArrowRight')
  await expect(phone.getByTestId('remote-where')).toHaveText(/click 2 of 3$/)
  await presenter.getByRole('button', { name: 'Phone remote' }).click()
  await expect(dialog.locator('.deck-remote__paired')).toHaveText('2 phones paired.')

  // Revoke: both phones are told, their sessions are refused, and a step on one moves no deck.
  const session = await phone.evaluate(() => localStorage.getItem('deck-remote-session'))
  expect(session).toMatch(/^s\./)
  await dialog.getByRole('button', { name: 'Revoke every phone' }).click()
  await expect(dialog.locator('.deck-remote__paired')).toHaveText('No phone paired.')
  for (const page of phones) {
    await expect(remote(page)).toHaveAttribute('data-pairing', 'refused')
    await expect(page.getByRole('status')).toHaveText('The presenter revoked this remote. Scan a new code on the presenter view.')
    await expect(page.getByRole('button', { name: 'Next' })).toHaveCount(0)
  }
  expect(await rawRemote(running.port, session!)).toEqual([
    { t: 'remote', ok: false, reason: 'revoked' },
    { t: 'refused', code: 'not-paired', reason: 'only a paired remote steps the deck', about: 'remotes' },
  ])
  // The code shown before the revocation is refused too; the dialog has a fresh one.
  await phones[0].goto(first)
  await expect(remote(phones[0])).toHaveAttribute('data-pairing', 'refused')
  for (const deck of audience)
    await expect(deck).toHaveURL(new RegExp(`/${MYTH}\\?projector=?&clicks=2$`))
  expect(errors).toEqual([])
})

test('the remote page without the server says it needs the hosted talk', async ({ page }) => {
  // The static build (the config's preview server) has no sync channel.
  await page.goto('/remote')
  await expect(page.locator('main.remote')).toContainText('The phone remote works with the hosted talk (npm run serve)')
})
