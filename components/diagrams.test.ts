// @vitest-environment happy-dom
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ArchitectureCompare from './ArchitectureCompare.vue'
import { CONTAINERS_COLUMN_STEP } from './compare-steps'
import Compare from './Compare.vue'
import { DEFAULT_DENSITY, instancesPerHost, overheads } from './density'
import DensityChart from './DensityChart.vue'
import { downAt, FAILURE_CLICKS } from './failure'
import FailureDomains from './FailureDomains.vue'
import { escapes, ISOLATION_CLICKS, isolationSteps } from './isolation'
import IsolationBoundary from './IsolationBoundary.vue'
import KernelCount from './KernelCount.vue'
import { OS_FLEXIBILITY_CLICKS } from './os-flexibility'
import OsFlexibility from './OsFlexibility.vue'
import { REALITY_CLICKS } from './reality'
import RealityStack from './RealityStack.vue'
import { ARCHITECTURE_CLICKS, containerStack, KEY_OBSERVATION_STEP, vmStack } from './stacks'
import { VIRTUALISED_CLICKS, virtualisedRows } from './virtualised'
import VirtualisedTable from './VirtualisedTable.vue'
import { WORKLOADS_CLICKS } from './workloads'

/** Print, overview and presenter preview render slides at Slidev's maximum click. */
const PRINT_CLICKS = 99999

function shown(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.classList.contains('is-hidden'))
      return false
  }
  return true
}

function shownTexts(wrapper: VueWrapper, selector: string): string[] {
  return wrapper.findAll(selector)
    .filter((found: DOMWrapper<Element>) => shown(found.element))
    .map(found => found.text().replace(/\s+/g, ' ').trim())
}

function steps(count: number): number[] {
  return Array.from({ length: count + 1 }, (_, index) => index)
}

describe('architectureCompare', () => {
  it.each(steps(ARCHITECTURE_CLICKS))('at click %i shows the layers whose step has come, bottom-up', (clicks) => {
    const wrapper = mount(ArchitectureCompare, { props: { clicks } })
    const expected = [vmStack, containerStack].flatMap(stack =>
      [...stack.layers].reverse().filter(layer => layer.step <= clicks).map(layer => layer.label))
    expect(shownTexts(wrapper, '.layer-stack__label')).toEqual(expected)
    expect(shownTexts(wrapper, '.arch-compare__key').length).toBe(clicks >= KEY_OBSERVATION_STEP ? 1 : 0)
  })

  it('shows everything in print', () => {
    const wrapper = mount(ArchitectureCompare, { props: { clicks: PRINT_CLICKS } })
    expect(shownTexts(wrapper, '.layer-stack__label')).toHaveLength(10)
    expect(shownTexts(wrapper, '.arch-compare__key')).toEqual(['VMs duplicate kernels. Containers share the kernel.'])
  })
})

describe('kernelCount', () => {
  it('builds the host, then the workloads, then counts the kernels', () => {
    const at = (clicks: number) => mount(KernelCount, { props: { clicks } })
    expect(shownTexts(at(0), '.kernel-count__layer')).toEqual([])
    expect(shownTexts(at(1), '.kernel-count__layer')).toEqual(['Hypervisor', 'Physical hardware', 'Host kernel', 'Physical hardware'])
    expect(shownTexts(at(2), '.kernel-count__layer').filter(text => text === 'Guest kernel')).toHaveLength(3)
    expect(shownTexts(at(2), '.kernel-count__total')).toEqual([])
    expect(shownTexts(at(WORKLOADS_CLICKS), '.kernel-count__total')).toEqual(['3 kernels', '1 kernel'])
    expect(shownTexts(at(PRINT_CLICKS), '.kernel-count__total')).toEqual(['3 kernels', '1 kernel'])
  })
})

describe('virtualisedTable', () => {
  it.each(steps(VIRTUALISED_CLICKS))('at click %i shows that many rows', (clicks) => {
    const wrapper = mount(VirtualisedTable, { props: { clicks } })
    expect(shownTexts(wrapper, 'tbody th')).toEqual(virtualisedRows.slice(0, clicks).map(row => row.layer))
  })
})

describe('failureDomains', () => {
  it.each(steps(FAILURE_CLICKS))('at click %i marks exactly what that failure takes down', (clicks) => {
    const wrapper = mount(FailureDomains, { props: { clicks } })
    const down = wrapper.findAll('[data-instance].is-down').map(found => found.attributes('data-instance'))
    const expected = [...downAt(clicks)]
    if (clicks >= FAILURE_CLICKS)
      expected.push('host-kernel')
    expect(down.sort()).toEqual(expected.sort())
    // Marked in words too, so a printed page says it without colour.
    expect(wrapper.findAll('.failure__down, .host__failed')).toHaveLength(expected.length)
    expect(shownTexts(wrapper, '.failure__events li')).toHaveLength(clicks)
  })

  it('names what is down in its accessible label', () => {
    const wrapper = mount(FailureDomains, { props: { clicks: PRINT_CLICKS } })
    expect(wrapper.attributes('aria-label')).toContain('Down: VM 2, Container 1, Container 2, Container 3.')
  })
})

describe('osFlexibility', () => {
  it('shows the guests, then Linux containers, then refuses the Windows container', () => {
    const at = (clicks: number) => mount(OsFlexibility, { props: { clicks } })
    const boxes = '.os-flex__box > span:first-child'
    expect(shownTexts(at(0), boxes)).toEqual([])
    expect(shownTexts(at(1), boxes)).toEqual(['Linux guest', 'Windows guest', 'BSD guest'])
    expect(shownTexts(at(2), boxes)).toEqual(['Linux guest', 'Windows guest', 'BSD guest', 'Linux container', 'Linux container'])
    expect(shownTexts(at(OS_FLEXIBILITY_CLICKS), '.is-refused > span')).toEqual(['Windows container', 'needs a Windows kernel'])
  })
})

describe('isolationBoundary', () => {
  it.each(steps(ISOLATION_CLICKS))('at click %i shows the steps that have come', (clicks) => {
    const wrapper = mount(IsolationBoundary, { props: { clicks } })
    const visibleSteps = wrapper.findAll('[data-step]').filter(found => shown(found.element)).map(found => Number(found.attributes('data-step')))
    expect(visibleSteps).toEqual(Object.values(isolationSteps).filter(step => step <= clicks))
  })

  it('names every escape with its source', () => {
    const wrapper = mount(IsolationBoundary, { props: { clicks: PRINT_CLICKS } })
    expect(wrapper.findAll('.isolation__escapes li')).toHaveLength(escapes.length)
    expect(wrapper.findAll('.isolation__escapes a').every(link => link.attributes('href')?.startsWith('https://'))).toBe(true)
  })
})

describe('realityStack', () => {
  it('nests the levels one per click, examples with their level', () => {
    const at = (clicks: number) => mount(RealityStack, { props: { clicks } })
    expect(at(0).findAll('.reality.is-hidden')).toHaveLength(1)
    expect(shownTexts(at(2), '.reality__vm > .reality__label')).toEqual(['Virtual machine 1', 'Virtual machine 2'])
    expect(shownTexts(at(2), '.reality__container > .reality__label')).toEqual([])
    expect(shownTexts(at(REALITY_CLICKS), '.reality__app')).toHaveLength(4)
    expect(shownTexts(at(2), '.reality-stack__examples li')).toHaveLength(2)
    expect(shownTexts(at(REALITY_CLICKS), '.reality-stack__examples li')).toHaveLength(5)
  })
})

describe('compare', () => {
  it('shows the container column from its step on', () => {
    const props = { vm: ['Long-lived'], containers: ['Short-lived'] }
    expect(shownTexts(mount(Compare, { props: { ...props, clicks: 0 } }), 'li')).toEqual(['Long-lived'])
    expect(shownTexts(mount(Compare, { props: { ...props, clicks: CONTAINERS_COLUMN_STEP } }), 'li')).toEqual(['Long-lived', 'Short-lived'])
  })
})

describe('densityChart', () => {
  const counts = (wrapper: VueWrapper) => wrapper.findAll('.density__count').map(found => Number(found.text()))

  it('prints the defaults, with no inputs, outside the live slide', () => {
    const wrapper = mount(DensityChart, { props: { clicks: PRINT_CLICKS, interactive: false } })
    expect(wrapper.findAll('input')).toHaveLength(0)
    expect(wrapper.find('.density__summary').classes()).not.toContain('is-live')
    expect(counts(wrapper)).toEqual(overheads.map(overhead => instancesPerHost(DEFAULT_DENSITY, overhead.mib)))
    expect(counts(wrapper)).toEqual([227, 510])
  })

  it('recomputes when the presenter changes the host or the application', async () => {
    const wrapper = mount(DensityChart, { props: { clicks: PRINT_CLICKS, interactive: true } })
    const [host, app] = wrapper.findAll('input')
    await host!.setValue('128')
    await app!.setValue('32')
    expect(counts(wrapper)).toEqual([128 * 1024 / 192, Math.floor(128 * 1024 / 32.5)].map(Math.floor))
  })

  it('reveals VMs, then containers, then the pods-per-node mark', () => {
    const at = (clicks: number) => mount(DensityChart, { props: { clicks, interactive: false } })
    expect(shownTexts(at(1), '.density__label')).toEqual(['VMs'])
    expect(shownTexts(at(2), '.density__label')).toEqual(['VMs', 'Containers'])
    expect(shownTexts(at(2), '.density__limit')).toEqual([])
    expect(shownTexts(at(3), '.density__limit')[0]).toContain('110 pods per node')
  })
})
