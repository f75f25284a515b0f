// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { shownTexts } from './diagram-testing'
import { REALITY_CLICKS, realityCaptions } from './reality-stack'
import RealityStack from './RealityStack.vue'

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

  it('gives every example its sources, as secondary text, and captions each step', () => {
    const items = mount(RealityStack, { props: { clicks: REALITY_CLICKS } }).findAll('.reality-stack__examples li')
    expect(items.filter(item => item.findAll('.reality-stack__sources.deck-secondary a').length === 0)).toEqual([])
    expect(mount(RealityStack, { props: { clicks: 2 } }).get('.step-caption').text()).toContain(realityCaptions[2])
  })
})
