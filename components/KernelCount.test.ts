// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { PRINT_CLICKS, shownTexts } from './diagram-testing'
import { WORKLOADS_CLICKS } from './kernel-count'
import KernelCount from './KernelCount.vue'

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
