// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { PRINT_CLICKS, shown, steps } from './diagram-testing'
import { escapes, ISOLATION_CLICKS, isolationSteps } from './isolation-boundary'
import IsolationBoundary from './IsolationBoundary.vue'

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

  it('keeps a hidden step out of reach: the escapes\' links take no focus until they are shown', () => {
    const escapesAt = (clicks: number) => mount(IsolationBoundary, { props: { clicks } }).get('.isolation__escapes')
    expect(escapesAt(isolationSteps.escapes - 1).attributes()).toMatchObject({ 'inert': expect.anything(), 'aria-hidden': 'true' })
    expect(escapesAt(isolationSteps.escapes).attributes()).not.toHaveProperty('inert')
    expect(escapesAt(isolationSteps.escapes).attributes()).not.toHaveProperty('aria-hidden')
  })
})
