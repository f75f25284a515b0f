// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { PRINT_CLICKS, shownTexts, steps } from './diagram-testing'
import { downAt, FAILURE_CLICKS, sharedKernelNote } from './failure-domains'
import FailureDomains from './FailureDomains.vue'

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

  it('adds, with the panic, how the shared kernel reaches neighbours short of one', () => {
    const note = (clicks: number) => shownTexts(mount(FailureDomains, { props: { clicks } }), '.failure__note')
    expect(note(FAILURE_CLICKS - 1)).toEqual([])
    expect(note(FAILURE_CLICKS)).toEqual([sharedKernelNote.text])
    expect(sharedKernelNote.text).toMatch(/OOM/)
  })

  it('names what is down in its accessible label', () => {
    const wrapper = mount(FailureDomains, { props: { clicks: PRINT_CLICKS } })
    expect(wrapper.attributes('aria-label')).toContain('Down: VM 2, Container 1, Container 2, Container 3.')
  })
})
