// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { COMPARE_CLICKS, compareCaptions, CONTAINERS_COLUMN_STEP } from './compare'
import Compare from './Compare.vue'
import { shownTexts } from './diagram-testing'
import { captionProblems } from './step-captions'

describe('compare', () => {
  it('shows the container column from its step on', () => {
    const props = { vm: ['Long-lived'], containers: ['Short-lived'] }
    expect(shownTexts(mount(Compare, { props: { ...props, clicks: 0 } }), 'li')).toEqual(['Long-lived'])
    expect(shownTexts(mount(Compare, { props: { ...props, clicks: CONTAINERS_COLUMN_STEP } }), 'li')).toEqual(['Long-lived', 'Short-lived'])
  })

  it('says in words what each step shows, one sentence a column', () => {
    const captions = compareCaptions('Virtual machines', ['Long-lived', 'Patched in place'], 'Containers', ['Short-lived', 'Recreated, not repaired'])
    expect(captions).toEqual(['Virtual machines: long-lived; patched in place.', 'Containers: short-lived; recreated, not repaired.'])
    // A long column is named by its first point, so the caption stays one line on paper.
    expect(compareCaptions('Virtual machines', ['Strong isolation through hardware virtualisation', 'Separate kernels', 'A very strong security boundary'], 'Containers', ['Short'])[0])
      .toBe('Virtual machines: strong isolation through hardware virtualisation, and 2 more points.')
    expect(captionProblems(captions, COMPARE_CLICKS)).toEqual([])
    const wrapper = mount(Compare, { props: { vm: ['Long-lived'], containers: ['Short-lived'], clicks: 1 } })
    expect(wrapper.get('.step-caption').text()).toBe('Step 1 of 1: Containers: short-lived.')
  })
})
