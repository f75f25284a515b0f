// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { COMPARE_CLICKS, CONTAINERS_COLUMN_STEP } from './compare'
import Compare from './Compare.vue'
import { shownTexts } from './diagram-testing'
import { captionProblems } from './step-captions'

describe('compare', () => {
  it('shows the container column from its step on', () => {
    const props = { vm: ['Long-lived'], containers: ['Short-lived'], captions: ['VMs.', 'Containers.'] as [string, string] }
    expect(shownTexts(mount(Compare, { props: { ...props, clicks: 0 } }), 'li')).toEqual(['Long-lived'])
    expect(shownTexts(mount(Compare, { props: { ...props, clicks: CONTAINERS_COLUMN_STEP } }), 'li')).toEqual(['Long-lived', 'Short-lived'])
  })

  it('says in words what each step shows, the caption of its click', () => {
    const captions: [string, string] = ['VMs: long-lived.', 'Containers: short-lived.']
    expect(captionProblems(captions, COMPARE_CLICKS)).toEqual([])
    const wrapper = mount(Compare, { props: { vm: ['Long-lived'], containers: ['Short-lived'], captions, clicks: 1 } })
    expect(wrapper.get('.step-caption').text()).toBe('Step 1 of 1: Containers: short-lived.')
  })
})
