import type { Browser, Locator, Page } from '@playwright/test'
import type { StartupId } from '../components/startup-timeline'
import type { RunningServer } from '../server/serve'
import { expect, test } from '@playwright/test'
import { DEFAULT_DENSITY, instancesPerHost, overheads } from '../components/density-chart'
import { startupBars } from '../components/startup-timeline'
import { loadDeck } from '../scripts/lib/deck'
import { startServer } from '../server/serve'
import { openSlide } from './support/deck-page'
import { HOSTED_BASE, HOSTED_OUT, PHONE } from './support/servers'

/**
 * The audience page's islands (setup/audience/islands.ts): on the hosted
 * build, the startup timeline plays and the density chart's sliders change the
 * chart as the projector's deck (Slidev's, at `?projector`) does for the same
 * input; an island's code loads only with a slide that has one; and when it
 * cannot load, the still the build drew stays. Motion is on: the race is seen
 * running.
 */
const deck = await loadDeck()
const race = deck.slides.find(slide => slide.content.includes('<StartupTimeline view="all"'))!
const density = deck.slides.find(slide => slide.content.includes('<DensityChart'))!

let server: RunningServer
let origin: string

test.beforeEach(async () => {
  server = await startServer({ dir: HOSTED_OUT, base: HOSTED_BASE, secret: 'the-presenters-secret-for-island-tests', port: 0, host: 'localhost', log: () => {} })
  origin = `http://localhost:${server.port}${HOSTED_BASE}`
})

test.afterEach(async () => {
  await server.close()
})

/** A page with motion on, the audience page on a phone or the projector's deck on a laptop. */
async function newPage(browser: Browser, phone: boolean): Promise<Page> {
  const context = await browser.newContext({ ...(phone ? PHONE : {}), baseURL: origin, reducedMotion: 'no-preference' })
  return context.newPage()
}

/**
 * The audience page at slide `no`, click `clicks`, its islands live; the slide's element. The startup timeline
 * mounts once the reader touches the page (components/islands.ts `mount`): until then its slide shows the still.
 */
async function openAudience(page: Page, no: number, clicks: number): Promise<Locator> {
  await page.goto(`${no}${clicks > 0 ? `?clicks=${clicks}` : ''}`)
  const slide = page.locator(`.audience-slide[data-slide="${no}"]`)
  if (no === race.no) {
    await expect(slide).toHaveAttribute('data-islands', 'waiting')
    await expect(slide.locator('.timeline__controls')).toHaveCount(0)
    await slide.locator('h1').tap()
  }
  await expect(slide).toHaveAttribute('data-islands', 'live')
  return slide
}

/** The horizontal scale a transform gives an element right now, mid-transition included. */
function currentScale(locator: Locator): Promise<number> {
  return locator.evaluate(element => new DOMMatrixReadOnly(getComputedStyle(element).transform).a)
}

/** A bar of the timeline drawn in `slide`: its total and its phases. */
function bar(slide: Locator, id: StartupId) {
  const index = startupBars.findIndex(candidate => candidate.id === id)
  const chart = slide.locator('.timeline__chart')
  return {
    total: chart.locator('.timeline__total:not(.timeline__total--measured)').nth(index),
    phases: chart.locator('.timeline__track:not(.timeline__track--measured)').nth(index).locator('.timeline__phase'),
  }
}

/**
 * Plays the race with the button, one click before the race's own: every bar starts again from nothing at true
 * speed. The distro VM's firmware (6.9 s) fills while docker run (568 ms) is done and the cloud VM (25.8 s) is not.
 */
async function playRace(slide: Locator): Promise<void> {
  const firmware = bar(slide, 'local-vm').phases.first()
  await expect.poll(() => currentScale(firmware)).toBe(1)
  await slide.getByRole('button', { name: 'Play at true speed' }).click()
  await expect.poll(() => currentScale(firmware)).toBeLessThan(0.5)
  const started = await currentScale(firmware)
  await expect(bar(slide, 'docker-run').total).toHaveCSS('opacity', '1')
  await expect(bar(slide, 'cloud-vm').total).toHaveCSS('opacity', '0')
  // The firmware's bar grows as the race runs.
  await expect.poll(() => currentScale(firmware)).toBeGreaterThan(started)
  expect(await currentScale(bar(slide, 'cloud-vm').phases.first())).toBeLessThan(1)
}

test('the startup timeline plays at true speed on the audience page, as on the projector', async ({ browser }) => {
  const phone = await newPage(browser, true)
  const slide = await openAudience(phone, race.no, race.clicks - 1)
  await playRace(slide)
  // The axis switches as on the projector.
  await slide.getByRole('button', { name: 'Linear axis' }).click()
  await expect(slide.locator('.timeline__tick')).toHaveText(['0 ms', '10 s', '20 s', '30 s'])

  const projector = await newPage(browser, false)
  const deckSlide = await openSlide(projector, race.no, race.clicks - 1, { projector: true })
  await playRace(deckSlide)
  await deckSlide.getByRole('button', { name: 'Linear axis' }).click()
  await expect(deckSlide.locator('.timeline__tick')).toHaveText(['0 ms', '10 s', '20 s', '30 s'])
})

test('the timeline follows the page\'s click: the race starts on its last click', async ({ browser }) => {
  const phone = await newPage(browser, true)
  const slide = await openAudience(phone, race.no, race.clicks - 1)
  const bars = slide.locator('.timeline__chart .timeline__row:not(.timeline__row--axis)')
  await expect(bars).toHaveCount(startupBars.length)
  await phone.keyboard.press('ArrowRight')
  await expect(phone).toHaveURL(new RegExp(`${HOSTED_BASE}${race.no}\\?clicks=${race.clicks}$`))
  await expect(bar(slide, 'docker-run').total).toHaveCSS('opacity', '1')
  await expect(bar(slide, 'cloud-vm').total).toHaveCSS('opacity', '0')
  expect(await currentScale(bar(slide, 'local-vm').phases.first())).toBeLessThan(1)
})

test('with reduced motion the race ends at once, as in the deck', async ({ browser }) => {
  const phone = await (await browser.newContext({ ...PHONE, baseURL: origin, reducedMotion: 'reduce' })).newPage()
  const slide = await openAudience(phone, race.no, race.clicks - 1)
  await slide.getByRole('button', { name: 'Play at true speed' }).click()
  await expect(bar(slide, 'cloud-vm').total).toHaveCSS('opacity', '1')
  expect(await currentScale(bar(slide, 'cloud-vm').phases.last())).toBe(1)
})

test('offline after a first visit, without the sync channel, the timeline still plays', async ({ browser }) => {
  const context = await browser.newContext({ ...PHONE, baseURL: origin, reducedMotion: 'no-preference', serviceWorkers: 'allow' })
  const phone = await context.newPage()
  await phone.goto('')
  await expect(phone.locator('html')).toHaveAttribute('data-audience', 'ready')
  await phone.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await context.setOffline(true)
  const slide = await openAudience(phone, race.no, race.clicks - 1)
  await expect(phone.locator('.deck-sync')).not.toHaveAttribute('data-connection', 'open')
  await playRace(slide)
  await context.close()
})

/** Moves the density chart's host slider to `hostGiB` and returns the counts the chart shows then. */
async function setHost(slide: Locator, hostGiB: number): Promise<string[]> {
  const counts = slide.locator('.density__count')
  const expected = overheads.map(overhead => String(instancesPerHost({ ...DEFAULT_DENSITY, hostGiB }, overhead.mib)))
  await expect(counts).toHaveText(overheads.map(overhead => String(instancesPerHost(DEFAULT_DENSITY, overhead.mib))))
  await slide.getByRole('slider').first().fill(String(hostGiB))
  await expect(slide.locator('.density__inputs strong').first()).toHaveText(`${hostGiB} GiB`)
  await expect(counts).toHaveText(expected)
  return counts.allTextContents()
}

test('a density slider changes the chart on the audience page as on the projector', async ({ browser }) => {
  const phone = await newPage(browser, true)
  const slide = await openAudience(phone, density.no, density.clicks)
  const onPhone = await setHost(slide, 128)

  const projector = await newPage(browser, false)
  const onProjector = await setHost(await openSlide(projector, density.no, density.clicks, { projector: true }), 128)
  expect(onPhone).toEqual(onProjector)

  // Away and back by the bar's links (the slider has the keys): the island goes with its slide, and the slide comes back live, as it opens.
  await phone.locator('.audience__bar a[rel="next"]').click()
  await expect(phone.locator(`.audience-slide[data-slide="${density.no + 1}"]`)).toBeVisible()
  await phone.locator('.audience__bar a[rel="prev"]').click()
  const back = phone.locator(`.audience-slide[data-slide="${density.no}"]`)
  await expect(back).toHaveAttribute('data-islands', 'live')
  await expect(back.locator('.audience-island')).toHaveCount(1)
  await expect(back.locator('.density__inputs strong').first()).toHaveText(`${DEFAULT_DENSITY.hostGiB} GiB`)
})

test('the first visit loads no island: an island\'s code comes with the first slide that has one', async ({ browser }) => {
  const phone = await (await browser.newContext(PHONE)).newPage()
  const scripts: string[] = []
  phone.on('request', (request) => {
    if (request.resourceType() === 'script')
      scripts.push(new URL(request.url()).pathname.replace(/^.*\//, ''))
  })
  await phone.goto(origin)
  await expect(phone.locator('.audience-slide[data-slide="1"]')).toHaveAttribute('data-islands', 'none')
  // The hosted parts are the last script a first visit loads.
  await expect(phone.locator('.deck-sync')).toHaveAttribute('data-connection', 'open', { timeout: 15_000 })
  expect(scripts.map(script => script.replace(/-[\w-]+\.js$/, ''))).toEqual(['index', 'hosted'])

  // Slide 2 has the opening poll: its island's code, and nothing else, comes now.
  await phone.keyboard.press('ArrowRight')
  await expect(phone.locator('.audience-slide[data-slide="2"]')).toHaveAttribute('data-islands', 'live')
  await expect(phone.locator('.audience-slide .poll')).toHaveAttribute('data-live', 'true')
  expect(scripts.slice(2).map(script => script.replace(/-[\w-]+\.js$/, ''))).toEqual(['Poll'])
})

test('when an island\'s code cannot load, the still the build drew stays, at the page\'s click', async ({ browser }) => {
  const phone = await newPage(browser, true)
  await phone.route(/\/DensityChart-[\w-]+\.js$/, route => route.abort())
  await phone.goto(`${density.no}?clicks=1`)
  const slide = phone.locator(`.audience-slide[data-slide="${density.no}"]`)
  await expect(slide).toHaveAttribute('data-islands', 'still')
  await expect(slide.locator('.audience-island')).toHaveCount(0)
  const shown = slide.locator('.reader-step:not([inert])')
  await expect(shown).toHaveAttribute('data-step', '1')
  await expect(shown.locator('.density__summary')).toBeVisible()
  await phone.keyboard.press('ArrowRight')
  await expect(slide.locator('.reader-step:not([inert])')).toHaveAttribute('data-step', '2')
})
