// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { ARCHITECTURE_CLICKS, containerStack, KEY_OBSERVATION_STEP, vmStack } from './architecture-compare'
import ArchitectureCompare from './ArchitectureCompare.vue'
import { PRINT_CLICKS, shownTexts, steps } from './diagram-testing'

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
