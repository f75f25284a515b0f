// @vitest-environment happy-dom
import type { VueWrapper } from '@vue/test-utils'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DENSITY, DENSITY_CLICKS, densityCaptions, instancesPerHost, overheads } from './density-chart'
import DensityChart from './DensityChart.vue'
import { PRINT_CLICKS, shownTexts } from './diagram-testing'
import { captionProblems } from './step-captions'

describe('densityChart', () => {
  const counts = (wrapper: VueWrapper) => wrapper.findAll('.density__count').map(found => Number(found.text()))

  it('prints the defaults, with no inputs, outside the live slide', () => {
    const wrapper = mount(DensityChart, { props: { clicks: PRINT_CLICKS, interactive: false } })
    expect(wrapper.findAll('input')).toHaveLength(0)
    expect(wrapper.find('.density__summary').classes()).not.toContain('is-live')
    expect(counts(wrapper)).toEqual(overheads.map(overhead => instancesPerHost(DEFAULT_DENSITY, overhead.mib)))
    // 64 GiB over 128 MiB plus 320 MiB (Kata 4.0, QEMU), and over 128 MiB plus about 10 MiB (a shim).
    expect(counts(wrapper)).toEqual([146, 474])
  })

  it('recomputes when the presenter changes the host or the application', async () => {
    const wrapper = mount(DensityChart, { props: { clicks: PRINT_CLICKS, interactive: true } })
    const [host, app] = wrapper.findAll('input')
    await host!.setValue('128')
    await app!.setValue('32')
    expect(counts(wrapper)).toEqual([128 * 1024 / 352, 128 * 1024 / 42].map(Math.floor))
  })

  it('reveals VMs, then containers, then the pods-per-node mark', () => {
    const at = (clicks: number) => mount(DensityChart, { props: { clicks, interactive: false } })
    expect(shownTexts(at(1), '.density__label')).toEqual(['VMs'])
    expect(shownTexts(at(2), '.density__label')).toEqual(['VMs', 'Containers'])
    expect(shownTexts(at(2), '.density__limit')).toEqual([])
    expect(shownTexts(at(3), '.density__limit')[0]).toContain('110 pods per node')
  })

  it('says in a sentence what the slide opens with and what each click adds', () => {
    expect(captionProblems(densityCaptions, DENSITY_CLICKS)).toEqual([])
    expect(densityCaptions.filter(caption => caption.length >= 90)).toEqual([])
    expect(mount(DensityChart, { props: { clicks: 2, interactive: false } }).find('.step-caption').text()).toContain(densityCaptions[2])
  })
})
