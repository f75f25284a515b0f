// @vitest-environment happy-dom
import type { AudienceDeck } from './deck'
import { renderToString } from '@vue/server-renderer'
import { describe, expect, it, vi } from 'vitest'
import { createSSRApp, h } from 'vue'
import { DEFAULT_DENSITY, DENSITY_CLICKS, instancesPerHost, overheads } from '../../components/density-chart'
import DensityChart from '../../components/DensityChart.vue'
import { steps } from '../../components/diagram-testing'
import Poll from '../../components/Poll.vue'
import { IN_READER_EDITION } from '../../components/reader-edition'
import { markIsland } from '../../scripts/audience/island-marker'
import { findIslands, followIslands } from './islands'
import { createAudiencePage } from './page'

/**
 * The one slide of a deck as the build draws it (scripts/reader/render.ts, whose output
 * scripts/audience/island-marker.test.ts checks): the density chart once per click, each
 * drawing's root marked, and a poll. The components are the deck's own.
 */
async function drawnSlide(): Promise<HTMLElement> {
  const chart = markIsland('DensityChart', DensityChart)
  const poll = markIsland('Poll', Poll)
  const app = createSSRApp({
    render: () => h('div', { class: 'slidev-layout default' }, [
      h('div', { 'class': 'reader-steps', 'data-steps': DENSITY_CLICKS }, steps(DENSITY_CLICKS).map(step =>
        h('div', { 'class': 'reader-step', 'data-step': step }, [h(chart, { clicks: step, interactive: false })]))),
      h(poll, { id: 'lightweight-vms', question: 'Are containers just lightweight VMs?', options: ['Yes', 'No'] }),
    ]),
  })
  app.provide(IN_READER_EDITION, true)
  const template = document.createElement('template')
  template.innerHTML = `<article class="audience-slide" data-slide="1" data-clicks="${DENSITY_CLICKS}">${await renderToString(app)}</article>`
  return template.content.firstElementChild as HTMLElement
}

/** One slide, so the page fetches no neighbour. */
const deck: AudienceDeck = { title: 'Talk', base: '/', slides: [{ no: 1, title: 'Density', clicks: DENSITY_CLICKS }] }

describe('findIslands', () => {
  it('finds a diagram drawn once per click once, as the stack of its drawings, and a poll as its root', async () => {
    const slide = await drawnSlide()
    const [chart, poll, ...more] = findIslands(slide)
    expect(more).toEqual([])
    expect(chart!.name).toBe('DensityChart')
    expect(chart!.still.classList.contains('reader-steps')).toBe(true)
    expect(chart!.props).toEqual({ clicks: 0, interactive: false })
    expect(poll!.name).toBe('Poll')
    expect(poll!.still.classList.contains('poll')).toBe(true)
  })

  it('leaves a marker it cannot read', async () => {
    const slide = await drawnSlide()
    slide.insertAdjacentHTML('beforeend', '<div data-island="Cite" data-island-props="{}"></div><div data-island="Poll" data-island-props="{"></div>')
    expect(findIslands(slide)).toHaveLength(2)
  })
})

describe('followIslands', () => {
  it('mounts the live components over their stills at the page\'s click, and follows the clicks and the sliders', async () => {
    history.replaceState(null, '', '/1?clicks=1')
    const stage = document.createElement('main')
    const bar = document.createElement('nav')
    stage.append(await drawnSlide())
    document.body.append(stage, bar)
    const page = createAudiencePage(deck, { stage, bar })
    followIslands(page)
    const shown = page.slide()
    expect(shown.dataset.islands).toBe('loading')
    await vi.waitFor(() => expect(shown.dataset.islands).toBe('live'), { timeout: 10_000 })

    expect(shown.querySelectorAll('.reader-steps, [data-island]')).toHaveLength(0)
    expect([...shown.querySelectorAll<HTMLElement>('.audience-island')].map(host => host.dataset.islandHost)).toEqual(['DensityChart', 'Poll'])
    const chart = shown.querySelector('.audience-island > .density')!
    const rows = () => [...chart.querySelectorAll('.density__row')].map(row => row.classList.contains('is-hidden'))
    expect(rows()).toEqual([false, true])
    await page.go({ page: 1, clicks: 2 }, 'reader')
    await vi.waitFor(() => expect(rows()).toEqual([false, false]))

    const counts = () => [...chart.querySelectorAll('.density__count')].map(count => Number(count.textContent))
    expect(counts()).toEqual(overheads.map(overhead => instancesPerHost(DEFAULT_DENSITY, overhead.mib)))
    const host = chart.querySelector<HTMLInputElement>('input[type="range"]')!
    host.value = '128'
    host.dispatchEvent(new Event('input'))
    await vi.waitFor(() => expect(counts()).toEqual(overheads.map(overhead => instancesPerHost({ ...DEFAULT_DENSITY, hostGiB: 128 }, overhead.mib))))
    // The poll without the sync channel: its options, as drawn.
    expect(shown.querySelector('.audience-island > .poll')!.getAttribute('data-live')).toBe('false')
  })
})

describe('an island that mounts once touched (the startup timeline)', () => {
  /** A page of one slide with a startup timeline drawn as its still. */
  function timelinePage() {
    history.replaceState(null, '', '/1')
    const stage = document.createElement('main')
    const bar = document.createElement('nav')
    stage.innerHTML = `<article class="audience-slide" data-slide="1" data-clicks="1"><div class="slidev-layout default"><div class="timeline" data-island="StartupTimeline" data-island-props='{"view":"all"}'>drawn</div></div></article>`
    document.body.replaceChildren(stage, bar)
    const page = createAudiencePage({ title: 'Talk', base: '/', slides: [{ no: 1, title: 'Startup', clicks: 1 }] }, { stage, bar })
    followIslands(page)
    return { page, shown: page.slide() }
  }

  it('stays the still the build drew until the reader presses a key, then loads', () => {
    const { shown } = timelinePage()
    expect(shown.dataset.islands).toBe('waiting')
    expect(shown.querySelector('[data-island="StartupTimeline"]')!.textContent).toBe('drawn')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }))
    expect(shown.dataset.islands).toBe('loading')
  })

  it('loads once the page moves, the presenter\'s step or the reader\'s', async () => {
    const { page, shown } = timelinePage()
    expect(shown.dataset.islands).toBe('waiting')
    await page.go({ page: 1, clicks: 1 }, 'channel')
    expect(shown.dataset.islands).not.toBe('waiting')
  })
})
