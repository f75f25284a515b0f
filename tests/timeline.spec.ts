import type { Locator, Page } from '@playwright/test'
import type { Measured } from '../components/measured'
import { expect, test } from '@playwright/test'
import { measuredFor } from '../components/measured'
import { getBar, startupBars, timelineClicks } from '../components/startup-timeline'
import { loadDeck } from '../scripts/lib/deck'
import { DEFAULT_MEASURED_FILE, measuredModule } from '../scripts/vite/measured-startup'
import { openSlide, overflowingElements } from './support/deck-page'
import { HOSTED_BASE, HOSTED_PORT } from './support/servers'

const deck = await loadDeck()
const slideOf = (view: string) => deck.slides.find(slide => slide.content.includes(`<StartupTimeline view="${view}"`))!
const vms = slideOf('vms')
const all = slideOf('all')

/** The row of a bar: its name, total and phases, found by the bar's label. */
function row(page: Page, no: number, label: string) {
  const chart = page.locator(`[data-slidev-no="${no}"] .timeline__chart`)
  const index = startupBars.findIndex(bar => bar.label === label)
  return {
    total: chart.locator('.timeline__total:not(.timeline__total--measured)').nth(index) as Locator,
    phases: chart.locator('.timeline__track:not(.timeline__track--measured)').nth(index).locator('.timeline__phase'),
  }
}

/** The horizontal scale a transform gives an element right now, mid-transition included. */
async function currentScale(locator: Locator): Promise<number> {
  return locator.evaluate(element => new DOMMatrixReadOnly(getComputedStyle(element).transform).a)
}

test.describe('the startup timeline, as built in dist/', () => {
  test('the slides are where the talk needs them', () => {
    expect(vms.no).toBeLessThan(all.no)
    expect(vms.clicks).toBe(timelineClicks('vms'))
    expect(all.clicks).toBe(timelineClicks('all'))
  })

  test('shows measured bars only for what data/measured.json holds, and no room for them without it', async ({ page }) => {
    // CI builds from a fresh clone, without the file; a presenter's machine may have one.
    const local = JSON.parse(measuredModule(DEFAULT_MEASURED_FILE).code.replace(/^export default /, '')) as Measured | null
    const expected = startupBars.filter(bar => measuredFor(bar.id, local)).length
    const slide = await openSlide(page, all.no, all.clicks)
    await expect(slide.locator('.timeline__total:not(.timeline__total--measured)')).toHaveCount(startupBars.length)
    await expect(slide.locator('.timeline__track--measured')).toHaveCount(expected)
    if (local)
      await expect(slide.locator('.timeline__caption')).toContainText('Thin bars: this machine')
    else
      await expect(slide.locator('.timeline__caption')).not.toContainText('this machine')
  })

  test('races at true speed on the last click: docker run is done while the VM is still in its firmware', async ({ page }) => {
    await openSlide(page, all.no, all.clicks - 1)
    await page.keyboard.press('ArrowRight')
    await expect(page).toHaveURL(new RegExp(`/${all.no}\\?clicks=${all.clicks}$`))
    const docker = row(page, all.no, getBar('docker-run').label)
    const localVm = row(page, all.no, getBar('local-vm').label)
    const cloudVm = row(page, all.no, getBar('cloud-vm').label)
    await expect(docker.total).toHaveCSS('opacity', '1')
    // Firmware takes 6.9 s of the local VM's 14.6: it has barely begun.
    expect(await currentScale(localVm.phases.first())).toBeLessThan(0.5)
    expect(await currentScale(localVm.phases.nth(1))).toBe(0)
    await expect(cloudVm.total).toHaveCSS('opacity', '0')
  })

  test('switches between the log and the linear axis', async ({ page }) => {
    const slide = await openSlide(page, all.no, 1)
    const ticks = slide.locator('.timeline__tick')
    await expect(ticks).toHaveText(['100 µs', '1 ms', '10 ms', '100 ms', '1 s', '10 s', '100 s'])
    await slide.getByRole('button', { name: 'Linear axis' }).click()
    await expect(ticks).toHaveText(['0 ms', '10 s', '20 s', '30 s'])
    await expect(slide.getByRole('button', { name: 'Log axis' })).toHaveAttribute('aria-pressed', 'true')
  })

  test('with reduced motion the race ends at once', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    const slide = await openSlide(page, all.no, all.clicks)
    await expect(slide.locator('.timeline__total').first()).toHaveCSS('opacity', '1', { timeout: 2000 })
    expect(await currentScale(row(page, all.no, getBar('cloud-vm').label).phases.last())).toBeGreaterThan(0)
  })
})

test.describe('the startup timeline with this machine\'s figures', () => {
  test.use({ baseURL: `http://localhost:${HOSTED_PORT}${HOSTED_BASE}` })

  test('adds a measured bar beside each cited one, at the cited bar\'s click', async ({ page }) => {
    let slide = await openSlide(page, vms.no, 1, { projector: true })
    await expect(slide.locator('.timeline__name--measured:not(.is-hidden)')).toHaveCount(0)
    slide = await openSlide(page, vms.no, 2, { projector: true })
    await expect(slide.locator('.timeline__name--measured:not(.is-hidden)')).toHaveText(['this machine, QEMU'])
    slide = await openSlide(page, all.no, all.clicks, { projector: true })
    await expect(slide.locator('.timeline__name--measured')).toHaveText(['this machine, QEMU', 'this machine, docker', 'this machine, unshare', 'this machine, fork + exec'])
    await expect(slide.locator('.timeline__total--measured')).toHaveText(['980 ms', '415 ms', '2.4 ms', '700 µs'])
    await expect(slide.locator('.timeline__caption')).toContainText('Example CPU, 8 cores, Linux 6.8, 27 Nov 2026')
  })

  test('still fits the slide with every measured bar', async ({ page }) => {
    for (const slide of [vms, all]) {
      await openSlide(page, slide.no, slide.clicks, { projector: true })
      expect(await overflowingElements(page, slide.no), `slide ${slide.no}`).toEqual([])
    }
  })
})
