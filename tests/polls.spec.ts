import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { WebSocket } from 'ws'
import { POLLS_FILE } from '../server/store'
import { PROJECTOR_QUERY } from '../shared/audience-route'
import { useServeProcess } from './support/serve-process'
import { HOSTED_BASE, HOSTED_OUT, PHONE } from './support/servers'

/**
 * Audience polls on the hosted deck (components/Poll.vue, setup/sync/PollPanel.vue,
 * server/polls.ts): the presenter and three audience devices (two phones held
 * upright, one laptop), each its own browser context, on the hosted build the
 * config's webServer makes, served by `npm run serve` (server/cli.ts) in a
 * child process with a data directory of its own, so the test can kill it as a
 * crash would and start it again on the same directory.
 */
const SECRET = 'the-presenters-secret-for-poll-tests'
const OPTIONS = ['Yes, lightweight VMs', 'Sort of', 'No, something else']
const OPENING = 2
/** The closing poll's slide, from the build's list of polls (read in the test: the config's webServer builds it first). */
const closingSlide = (): number => (JSON.parse(readFileSync(join(HOSTED_OUT, 'deck-polls.json'), 'utf8')) as { polls: Array<{ id: string, slide: number }> }).polls.find(poll => poll.id === 'lightweight-vms-again')!.slide

const { dataDir, serve } = useServeProcess({ secret: SECRET, name: 'polls' })

const badge = (page: Page) => page.locator('.deck-sync')
const sheet = (page: Page) => page.locator('.deck-poll')
const onSlide = (page: Page, id: string) => page.locator(`[data-poll="${id}"]:visible`)

async function audience(page: Page, origin: string): Promise<Page> {
  await page.goto(`${origin}${HOSTED_BASE}1?${PROJECTOR_QUERY}`)
  await expect(badge(page)).toHaveAttribute('data-connection', 'open', { timeout: 15_000 })
  return page
}

/** A vote sent by hand, as a device the deck never made would: the server's answer about polls. */
async function rawVote(port: number, option: number): Promise<Record<string, unknown>> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${HOSTED_BASE}sync`)
  try {
    return await new Promise((resolve, reject) => {
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>
        if (message.t === 'refused' || message.t === 'voted')
          resolve(message)
      })
      ws.once('open', () => ws.send(JSON.stringify({ t: 'vote', device: 'a-device-the-deck-never-made', poll: 'lightweight-vms', option })))
      ws.once('error', reject)
    })
  }
  finally {
    ws.terminate()
  }
}

test('the room votes on the opening poll, one vote a device, the presenter closes it, the results survive a restart, and the closing poll shows before and now', async ({ browser }) => {
  test.setTimeout(150_000)
  const CLOSING = closingSlide()
  let running = await serve()
  const origin = `http://localhost:${running.port}`
  const errors: string[] = []
  const presenter = await (await browser.newContext()).newPage()
  const devices = [
    await (await browser.newContext(PHONE)).newPage(),
    await (await browser.newContext(PHONE)).newPage(),
    await (await browser.newContext()).newPage(),
  ]
  for (const page of [presenter, ...devices])
    page.on('pageerror', error => errors.push(error.message))
  const [first, second, laptop] = devices as [Page, Page, Page]
  for (const device of devices)
    await audience(device, origin)

  // The presenter goes to the opening poll; every device follows.
  await presenter.goto(`${origin}${HOSTED_BASE}presenter/${OPENING}#secret=${encodeURIComponent(SECRET)}`)
  await expect(badge(presenter)).toHaveAttribute('data-role', 'presenter', { timeout: 15_000 })
  for (const device of devices)
    await expect(device).toHaveURL(new RegExp(`${HOSTED_BASE}${OPENING}\\?projector=?(&clicks=0)?$`))

  // A phone held upright: the slide, on the narrow canvas (setup/narrow.ts), fills the screen, and its options are
  // the buttons, large enough for a thumb; the sheet that would sit under a 16:9 slide stays away.
  for (const phone of [first, second]) {
    await expect(phone.locator('html')).toHaveClass(/\bdeck-narrow\b/)
    await expect(sheet(phone)).toBeHidden()
    const buttons = onSlide(phone, 'lightweight-vms').locator('button.poll__choose')
    await expect(buttons).toHaveText(OPTIONS)
    for (const button of await buttons.all())
      expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44)
  }
  // A laptop: the slide's own options are the buttons, and the sheet stays away.
  await expect(sheet(laptop)).toBeHidden()
  await expect(onSlide(laptop, 'lightweight-vms').locator('button.poll__choose')).toHaveText(OPTIONS)

  await onSlide(first, 'lightweight-vms').getByRole('button', { name: 'Sort of' }).tap()
  await onSlide(second, 'lightweight-vms').getByRole('button', { name: 'Sort of' }).tap()
  await onSlide(laptop, 'lightweight-vms').getByRole('button', { name: 'Yes, lightweight VMs' }).click()
  await expect(onSlide(laptop, 'lightweight-vms').getByRole('button', { name: 'Yes, lightweight VMs' })).toHaveAttribute('aria-pressed', 'true')
  // The laptop changes its mind: still one vote.
  await onSlide(laptop, 'lightweight-vms').getByRole('button', { name: 'No, something else' }).click()
  await expect(onSlide(first, 'lightweight-vms').getByRole('button', { name: 'Sort of' })).toHaveAttribute('aria-pressed', 'true')

  const counts = ['0 · 0%', '2 · 67%', '1 · 33%']
  for (const page of [presenter, ...devices])
    await expect(onSlide(page, 'lightweight-vms').locator('[data-poll-count]')).toHaveText(counts)
  await expect(presenter.locator('.deck-poll__summary')).toHaveText('3 votes · open')

  // The presenter closes the poll: every device shows it closed, and a further vote is refused.
  await presenter.getByRole('button', { name: 'Close poll' }).click()
  await expect(presenter.locator('.deck-poll__summary')).toHaveText('3 votes · closed')
  await expect(presenter.getByRole('button', { name: 'Reopen poll' })).toBeVisible()
  for (const device of devices) {
    await expect(onSlide(device, 'lightweight-vms').locator('.poll__status')).toHaveText('3 votes · poll closed')
    await expect(onSlide(device, 'lightweight-vms').locator('button')).toHaveCount(0)
  }
  expect(await rawVote(running.port, 0)).toMatchObject({ t: 'refused', about: 'polls', reason: 'This poll is closed.' })

  // Every event is in the file before the server is killed as a crash would; a new one brings it all back.
  const file = join(dataDir(), POLLS_FILE)
  await expect.poll(() => readFileSync(file, 'utf8').trim().split('\n').map(line => (JSON.parse(line) as { e: string }).e)).toEqual(['voted', 'voted', 'voted', 'voted', 'closed'])
  running.process.kill('SIGKILL')
  await running.exited
  await expect(badge(first)).toHaveAttribute('data-connection', /connecting|closed/)
  running = await serve(running.port)
  for (const page of [presenter, ...devices])
    await expect(badge(page)).toHaveAttribute('data-connection', 'open', { timeout: 15_000 })
  await second.reload()
  await expect(badge(second)).toHaveAttribute('data-connection', 'open', { timeout: 15_000 })
  for (const page of [presenter, ...devices])
    await expect(onSlide(page, 'lightweight-vms').locator('[data-poll-count]')).toHaveText(counts)
  await expect(onSlide(second, 'lightweight-vms').locator('.poll__status')).toHaveText('3 votes · poll closed')
  expect(await rawVote(running.port, 1)).toMatchObject({ t: 'refused', reason: 'This poll is closed.' })

  // The closing poll: the same question again, the opening results as "before".
  await presenter.goto(`${origin}${HOSTED_BASE}presenter/${CLOSING}`)
  await expect(badge(presenter)).toHaveAttribute('data-role', 'presenter', { timeout: 15_000 })
  for (const device of devices)
    await expect(device).toHaveURL(new RegExp(`${HOSTED_BASE}${CLOSING}\\?projector=?(&clicks=0)?$`))
  await onSlide(first, 'lightweight-vms-again').getByRole('button', { name: 'No, something else' }).tap()
  await onSlide(second, 'lightweight-vms-again').getByRole('button', { name: 'No, something else' }).tap()
  await onSlide(laptop, 'lightweight-vms-again').getByRole('button', { name: 'Sort of' }).click()
  for (const page of [presenter, ...devices]) {
    const closing = onSlide(page, 'lightweight-vms-again')
    await expect(closing.locator('[data-poll-before]')).toHaveText(counts)
    await expect(closing.locator('[data-poll-now]')).toHaveText(['0 · 0%', '1 · 33%', '2 · 67%'])
    await expect(closing.locator('.poll__status')).toHaveText('Before: 3 votes · now: 3 votes')
  }
  await expect(presenter.locator('.deck-poll__summary')).toHaveText('3 votes · open')

  // The export has both polls' results.
  const exported = await fetch(`${origin}${HOSTED_BASE}api/polls.json`, { headers: { Authorization: `Bearer ${SECRET}` } })
  expect(exported.status).toBe(200)
  expect(((await exported.json()) as Array<{ id: string, open: boolean, votes: number }>).map(({ id, open, votes }) => ({ id, open, votes }))).toEqual([
    { id: 'lightweight-vms', open: false, votes: 3 },
    { id: 'lightweight-vms-again', open: true, votes: 3 },
  ])
  expect(errors).toEqual([])
})
