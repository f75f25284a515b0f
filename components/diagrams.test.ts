// @vitest-environment happy-dom
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import type { Measured } from './measured'
import { readFileSync } from 'node:fs'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import ArchitectureCompare from './ArchitectureCompare.vue'
import { CONTAINERS_COLUMN_STEP } from './compare-steps'
import Compare from './Compare.vue'
import { DECISION_CLICKS, outcomes, questions } from './decision'
import DecisionFlow from './DecisionFlow.vue'
import { DEFAULT_DENSITY, instancesPerHost, overheads } from './density'
import DensityChart from './DensityChart.vue'
import { downAt, FAILURE_CLICKS } from './failure'
import FailureDomains from './FailureDomains.vue'
import { escapes, ISOLATION_CLICKS, isolationSteps } from './isolation'
import IsolationBoundary from './IsolationBoundary.vue'
import KernelCount from './KernelCount.vue'
import { OS_FLEXIBILITY_CLICKS } from './os-kernels'
import OsFlexibility from './OsFlexibility.vue'
import { REALITY_CLICKS } from './reality'
import RealityStack from './RealityStack.vue'
import { ARCHITECTURE_CLICKS, containerStack, KEY_OBSERVATION_STEP, vmStack } from './stacks'
import { getBar, startupBars, timelineClicks } from './startup'
import StartupTimeline from './StartupTimeline.vue'
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

describe('decisionFlow', () => {
  it('brings in one question per click, each with its yes to a VM, and ends the last no at containers', () => {
    const at = (clicks: number) => mount(DecisionFlow, { props: { clicks } })
    const boxes = '.flow__box .flow__label'
    expect(shownTexts(at(0), boxes)).toEqual([questions[0]!.text, outcomes.vm.label])
    expect(shownTexts(at(1), boxes)).toEqual([questions[0]!.text, questions[1]!.text, outcomes.vm.label])
    expect(shownTexts(at(DECISION_CLICKS), boxes)).toEqual([...questions.map(question => question.text), outcomes.containers.label, outcomes.vm.label])
    expect(shownTexts(at(DECISION_CLICKS), '.flow__yes')).toEqual(['yes', 'yes', 'yes'])
  })

  it('says in its accessible label what is shown', () => {
    expect(mount(DecisionFlow, { props: { clicks: 0 } }).attributes('aria-label')).toBe(`Decision flow. 1. ${questions[0]!.text} Yes: Virtual machine.`)
    expect(mount(DecisionFlow, { props: { clicks: DECISION_CLICKS } }).attributes('aria-label')).toContain(`No: ${outcomes.containers.label}.`)
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

describe('startupTimeline', () => {
  const measured = JSON.parse(readFileSync('tests/fixtures/measured.json', 'utf8')) as Measured
  const timeline = (props: { view: 'vms' | 'all', clicks: number, live?: boolean, measured?: Measured | null }) =>
    mount(StartupTimeline, { props: { measured: null, ...props } })

  it('brings in one VM per click, phases and all', () => {
    for (const clicks of steps(timelineClicks('vms'))) {
      const wrapper = timeline({ view: 'vms', clicks })
      expect(shownTexts(wrapper, '.timeline__name')).toEqual(['Cloud VM (EC2)', 'Distro VM, QEMU/KVM', 'Firecracker microVM'].slice(0, clicks))
    }
  })

  it('keeps the VMs and adds the containers, one per click', () => {
    expect(shownTexts(timeline({ view: 'all', clicks: 0 }), '.timeline__name')).toHaveLength(3)
    expect(shownTexts(timeline({ view: 'all', clicks: 3 }), '.timeline__name')).toEqual(startupBars.map(bar => bar.label))
  })

  it('prints every bar with its total, source and phase labels, and no controls', () => {
    const wrapper = timeline({ view: 'all', clicks: PRINT_CLICKS })
    expect(wrapper.findAll('button')).toHaveLength(0)
    expect(shownTexts(wrapper, '.timeline__total')).toEqual(['25.8 s', '14.6 s', 'up to 125 ms', '568 ms', '~17 ms', '~1 ms'])
    expect(shownTexts(wrapper, '.timeline__source')).toContain('containers/crun README')
    const phases = shownTexts(wrapper, '.timeline__phase-label')
    expect(phases).toContain('firmware 6.9 s')
    expect(phases).toContain('namespace creation 8-10 ms')
    expect(phases).toHaveLength(startupBars.flatMap(bar => bar.phases).length)
    expect(wrapper.find('[role="group"]').attributes('aria-label')).toContain('docker run: 568 ms')
  })

  it('draws each bar to its total and each phase in order, filled once its step has come', () => {
    const transforms = (clicks: number) => timeline({ view: 'vms', clicks })
      .findAll('.timeline__track:not(.timeline__track--measured)')[1]!
      .findAll('.timeline__phase')
      .map(found => found.attributes('style'))
    expect(transforms(1).every(style => style?.includes('scaleX(0)'))).toBe(true)
    const filled = transforms(2)
    expect(filled).toHaveLength(getBar('local-vm').phases.length)
    expect(filled.every(style => style?.includes('scaleX(1)'))).toBe(true)
    const lefts = filled.map(style => Number(/left: ([\d.]+)%/.exec(style ?? '')![1]))
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b))
  })

  it('switches to a linear axis in the live talk', async () => {
    const wrapper = timeline({ view: 'all', clicks: 1, live: true })
    expect(wrapper.findAll('.timeline__tick').map(found => found.text())).toContain('1 ms')
    await wrapper.find('button[aria-pressed]').trigger('click')
    expect(wrapper.find('button[aria-pressed]').attributes('aria-pressed')).toBe('true')
    expect(wrapper.findAll('.timeline__tick').map(found => found.text())).toEqual(['0 ms', '10 s', '20 s', '30 s'])
  })

  it('races every bar at true speed on the last click of the live talk', async () => {
    const wrapper = timeline({ view: 'all', clicks: timelineClicks('all'), live: true })
    await nextTick()
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    await nextTick()
    const firmware = wrapper.findAll('.timeline__track')[1]!.find('.timeline__phase')
    expect(firmware.attributes('style')).toContain('transition-duration: 6900ms')
    const loader = wrapper.findAll('.timeline__track')[1]!.findAll('.timeline__phase')[1]!
    expect(loader.attributes('style')).toContain('transition-delay: 6900ms')
    expect(wrapper.findAll('.is-pending')).toHaveLength(0)
  })

  it('shows this machine\'s figures beside the cited ones, captioned, when measured', () => {
    const wrapper = timeline({ view: 'all', clicks: PRINT_CLICKS, measured })
    expect(shownTexts(wrapper, '.timeline__name--measured')).toEqual(['this machine, QEMU', 'this machine, docker', 'this machine, unshare', 'this machine, fork + exec'])
    expect(shownTexts(wrapper, '.timeline__total--measured')).toEqual(['980 ms', '415 ms', '2.4 ms', '700 µs'])
    expect(wrapper.find('.timeline__caption').text()).toContain('Example CPU, 8 cores, Linux 6.8, 27 Nov 2026')
  })

  it('shows no measured rows and no caption for them when nothing was measured', () => {
    const wrapper = timeline({ view: 'all', clicks: PRINT_CLICKS, measured: null })
    expect(wrapper.findAll('.timeline__name--measured')).toHaveLength(0)
    expect(wrapper.find('.timeline__caption').text()).not.toContain('this machine')
  })
})
