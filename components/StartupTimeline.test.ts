// @vitest-environment happy-dom
import type { Measured } from './measured'
import { readFileSync } from 'node:fs'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { PRINT_CLICKS, shownTexts, steps } from './diagram-testing'
import { getBar, startupBars, timelineClicks } from './startup-timeline'
import StartupTimeline from './StartupTimeline.vue'

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
    expect(shownTexts(wrapper, '.timeline__total')).toEqual(['25.8 s', '14.6 s', 'up to 125 ms', '568 ms', '~17-47 ms', '~1 ms'])
    expect(shownTexts(wrapper, '.timeline__source')).toContain('containers/crun README')
    expect(shownTexts(wrapper, '.timeline__source')).toContain('youki README')
    const phases = shownTexts(wrapper, '.timeline__phase-label')
    expect(phases).toContain('firmware 6.9 s')
    expect(phases).toContain('namespace creation 8-10 ms')
    expect(phases).toHaveLength(startupBars.flatMap(bar => bar.phases).length)
    expect(wrapper.find('figure').attributes('aria-label')).toContain('docker run: 568 ms')
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
