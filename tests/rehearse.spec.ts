import type { Page } from '@playwright/test'
import type { Rehearsal } from '../shared/rehearsal'
import { mkdirSync, readFileSync, rmdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { RUNNING_REHEARSAL_KEY } from '../setup/rehearse/running-rehearsal'
import { PROJECTOR_QUERY } from '../shared/audience-route'
import { useServeProcess } from './support/serve-process'
import { PHONE } from './support/servers'

/**
 * Rehearsing and the pace (setup/rehearse/, server/rehearsals.ts,
 * server/hub-pace.ts): `npm run serve` in a child process on the built deck
 * (`dist/`, base `/`) with a fresh data directory; the presenter's laptop, an
 * audience deck and a phone remote, each its own browser context, each on a
 * clock the test sets (Date.now stands still between the test's moves; the
 * timers run).
 */
const SECRET = 'the-presenters-secret-for-rehearse-tests'
/** Slide 6 has no clicks; slide 7, "The wrong comparison", three; both are in part 1, "The myth". */
const BEFORE = 6
const MYTH = 7
const START = new Date('2025-05-12T14:00:00.000Z').getTime()
const MIN = 60_000

const { serve, dataDir } = useServeProcess({ secret: SECRET, name: 'rehearse', dir: 'dist', base: '/' })

const paceLine = (page: Page) => page.getByTestId('pace-line')
const rehearse = (page: Page) => page.getByRole('switch', { name: 'Rehearse' })

test('the Rehearse switch times every slide and click and saves the rehearsal on the server\'s disk; the presenter view and the phone then pace the talk by it', async ({ browser }) => {
  test.setTimeout(120_000)
  const running = await serve()
  const origin = `http://localhost:${running.port}`
  const errors: string[] = []
  const presenter = await (await browser.newContext()).newPage()
  const audience = await (await browser.newContext()).newPage()
  const phone = await (await browser.newContext(PHONE)).newPage()
  for (const page of [presenter, audience, phone])
    page.on('pageerror', error => errors.push(error.message))
  // What the audience's deck hears: neither the presenter's timer nor a rehearsal.
  const heard: string[] = []
  audience.on('websocket', socket => socket.on('framereceived', frame => heard.push(String(frame.payload))))

  await presenter.clock.setFixedTime(START)
  await audience.goto(`${origin}/${BEFORE}`)
  await expect(audience.locator('.deck-sync')).toHaveAttribute('data-connection', 'open', { timeout: 15_000 })
  await presenter.goto(`${origin}/presenter/${BEFORE}#secret=${encodeURIComponent(SECRET)}`)
  await expect(presenter.locator('.deck-sync')).toHaveAttribute('data-role', 'presenter', { timeout: 15_000 })
  await expect(paceLine(presenter)).toHaveText('Pace: start the timer')
  await expect(rehearse(presenter)).toHaveAttribute('aria-checked', 'false')

  // A minute on slide 6, half a minute on slide 7, a minute and a half on its first click.
  await rehearse(presenter).click()
  await expect(rehearse(presenter)).toHaveAttribute('aria-checked', 'true')
  // No rehearsal yet: every slide an equal share of 45 minutes, so slide 6 is some 3 minutes in.
  await expect(paceLine(presenter)).toHaveText('Should be at slide 1 3 min ahead')
  await presenter.clock.setFixedTime(START + MIN)
  await presenter.keyboard.press('ArrowRight')
  await expect(presenter).toHaveURL(new RegExp(`/presenter/${MYTH}$`))
  await presenter.clock.setFixedTime(START + 1.5 * MIN)
  await presenter.keyboard.press('ArrowRight')
  await expect(presenter).toHaveURL(new RegExp(`/presenter/${MYTH}\\?clicks=1$`))
  await presenter.clock.setFixedTime(START + 3 * MIN)

  // The disk refuses it: the presenter is told, and saves it again once it takes it.
  const file = join(dataDir(), 'rehearsals.jsonl')
  mkdirSync(file)
  await rehearse(presenter).click()
  await expect(presenter.getByRole('status').filter({ hasText: 'Not saved' })).toContainText('Not saved: EISDIR')
  rmdirSync(file)
  await presenter.getByRole('button', { name: 'Save again' }).click()
  await expect(presenter.getByRole('status').filter({ hasText: 'Rehearsal saved' })).toHaveText('Rehearsal saved: 3:00 of 45:00')
  const lines = readFileSync(file, 'utf8').trim().split('\n')
  expect(lines).toHaveLength(1)
  const saved = JSON.parse(lines[0]!) as Rehearsal
  expect(saved).toMatchObject({ v: 1, at: new Date(START).toISOString(), target: 2700 })
  expect(saved.slides).toHaveLength(65)
  expect(saved.slides.flatMap((steps, index) => steps.length > 0 ? [[index + 1, steps]] : [])).toEqual([[BEFORE, [MIN]], [MYTH, [0.5 * MIN, 1.5 * MIN]]])

  // The talk itself, paced by that rehearsal: slide 6 takes its first third (15 of 45 minutes), slide 7 the rest.
  await rehearse(presenter).click()
  await presenter.keyboard.press('ArrowLeft')
  await presenter.keyboard.press('ArrowLeft')
  await expect(presenter).toHaveURL(new RegExp(`/presenter/${BEFORE}$`))
  await expect(paceLine(presenter)).toHaveText('Should be at slide 6 · The myth on time')
  await presenter.clock.setFixedTime(START + 20 * MIN)
  await expect(paceLine(presenter)).toHaveText('Should be at slide 7 · The myth 2 min behind')
  await expect(presenter.locator('.deck-pace')).toHaveAttribute('data-pace', 'behind')
  await expect(paceLine(presenter)).toHaveAttribute('title', 'Pace from the rehearsal of 12 May, scaled to 45 min')

  // The phone: the same plan and the presenter's timer, on its own clock. The server's clock runs on meanwhile
  // (the time this test takes), so the phone's pace is some minutes behind, whatever that time is.
  await presenter.getByRole('button', { name: 'Phone remote' }).click()
  const link = presenter.locator('.deck-remote__dialog .deck-remote__link')
  await expect(link).toHaveAttribute('href', /#pair=/)
  await phone.clock.setFixedTime(START)
  await phone.goto((await link.getAttribute('href'))!)
  await expect(phone.locator('main.remote')).toHaveAttribute('data-pairing', 'paired', { timeout: 15_000 })
  await expect(phone.getByTestId('remote-pace')).toHaveText(/^Should be at slide 6 · The myth /)
  await phone.clock.setFixedTime(START + 17 * MIN)
  await expect(phone.getByTestId('remote-pace')).toHaveText(/^Should be at slide 7 · The myth \d+ min behind$/)
  await expect(phone.getByTestId('remote-pace')).toHaveAttribute('data-pace', 'behind')
  await expect(phone.getByLabel('Time since the talk started')).toHaveText(/^1\d:\d\d$/)

  // The audience saw none of it, and heard none of it.
  await expect(audience).toHaveURL(new RegExp(`/${BEFORE}(\\?clicks=0)?$`))
  await expect(audience.locator('.deck-pace')).toHaveCount(0)
  await expect(audience.getByText('Rehearse')).toHaveCount(0)
  expect(heard.filter(text => /"t":"(?:clock|rehearsal)"/.test(text))).toEqual([])
  expect(errors).toEqual([])
})

test('a rehearsal goes on over a reload of the presenter view, and the saved rehearsal holds the slides from before and after it', async ({ browser }) => {
  test.setTimeout(90_000)
  const running = await serve()
  const origin = `http://localhost:${running.port}`
  const presenter = await (await browser.newContext()).newPage()
  const errors: string[] = []
  presenter.on('pageerror', error => errors.push(error.message))
  await presenter.clock.setFixedTime(START)
  await presenter.goto(`${origin}/presenter/${BEFORE}#secret=${encodeURIComponent(SECRET)}`)
  await expect(presenter.locator('.deck-sync')).toHaveAttribute('data-role', 'presenter', { timeout: 15_000 })

  // A minute on slide 6, then to slide 7; half a minute there, and the page reloads.
  await rehearse(presenter).click()
  await expect(rehearse(presenter)).toHaveAttribute('aria-checked', 'true')
  await presenter.clock.setFixedTime(START + MIN)
  await presenter.keyboard.press('ArrowRight')
  await expect(presenter).toHaveURL(new RegExp(`/presenter/${MYTH}$`))
  await presenter.clock.setFixedTime(START + 1.5 * MIN)
  await presenter.reload()
  await expect(presenter.locator('.deck-sync')).toHaveAttribute('data-role', 'presenter', { timeout: 15_000 })

  // Still rehearsing, with Slidev's timer where it was; another half minute on slide 7, a minute on its first click.
  await expect(rehearse(presenter)).toHaveAttribute('aria-checked', 'true')
  await expect(presenter.getByRole('status').filter({ hasText: 'Rehearsing' })).toHaveText('Rehearsing: every slide and click is timed')
  await expect(paceLine(presenter)).not.toHaveText('Pace: start the timer')
  await presenter.clock.setFixedTime(START + 2 * MIN)
  await presenter.keyboard.press('ArrowRight')
  await expect(presenter).toHaveURL(new RegExp(`/presenter/${MYTH}\\?clicks=1$`))
  await presenter.clock.setFixedTime(START + 3 * MIN)
  await rehearse(presenter).click()
  await expect(presenter.getByRole('status').filter({ hasText: 'Rehearsal saved' })).toHaveText('Rehearsal saved: 3:00 of 45:00')

  const saved = JSON.parse(readFileSync(join(dataDir(), 'rehearsals.jsonl'), 'utf8').trim()) as Rehearsal
  expect(saved.at).toBe(new Date(START).toISOString())
  expect(saved.slides.flatMap((steps, index) => steps.length > 0 ? [[index + 1, steps]] : [])).toEqual([[BEFORE, [MIN]], [MYTH, [MIN, MIN]]])

  // Stopped is stopped: a reload now does not take it up again.
  await presenter.reload()
  await expect(presenter.locator('.deck-sync')).toHaveAttribute('data-role', 'presenter', { timeout: 15_000 })
  await expect(rehearse(presenter)).toHaveAttribute('aria-checked', 'false')
  expect(await presenter.evaluate(key => sessionStorage.getItem(key), RUNNING_REHEARSAL_KEY)).toBeNull()
  expect(errors).toEqual([])
})

test('neither the audience\'s slides nor print show the pace', async ({ page }) => {
  test.setTimeout(90_000)
  const running = await serve()
  const origin = `http://localhost:${running.port}`
  // The audience page an audience member gets, and Slidev's deck (the projector's, ?projector), its print view and print.
  await page.goto(`${origin}/${MYTH}`)
  await expect(page.locator('html')).toHaveAttribute('data-audience', 'ready')
  await expect(page.locator('.deck-pace')).toHaveCount(0)
  await expect(page.getByText(/Rehearse|Should be at slide|Pace:/)).toHaveCount(0)
  for (const path of [`/${MYTH}?${PROJECTOR_QUERY}`, `/${MYTH}?print`, '/print']) {
    await page.goto(`${origin}${path}`)
    await expect(page.locator('[data-slidev-no]').first()).toBeAttached({ timeout: 15_000 })
    await expect(page.locator('.slidev-slide-loading')).toHaveCount(0)
    await expect(page.locator('.deck-pace')).toHaveCount(0)
    await expect(page.getByText(/Rehearse|Should be at slide|Pace:/)).toHaveCount(0)
  }
})

test('on a static host the presenter view paces the talk by its slides, with no Rehearse switch, as nothing could save it', async ({ page }) => {
  await page.clock.setFixedTime(START)
  await page.goto('/presenter/1')
  await expect(paceLine(page)).toHaveText('Pace: start the timer')
  await expect(paceLine(page)).toHaveAttribute('title', 'Pace from the slides, 45 min: no rehearsal yet')
  await expect(rehearse(page)).toHaveCount(0)
})
