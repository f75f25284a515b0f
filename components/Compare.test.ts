// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { CONTAINERS_COLUMN_STEP } from './compare'
import Compare from './Compare.vue'
import { shownTexts } from './diagram-testing'

describe('compare', () => {
  it('shows the container column from its step on', () => {
    const props = { vm: ['Long-lived'], containers: ['Short-lived'] }
    expect(shownTexts(mount(Compare, { props: { ...props, clicks: 0 } }), 'li')).toEqual(['Long-lived'])
    expect(shownTexts(mount(Compare, { props: { ...props, clicks: CONTAINERS_COLUMN_STEP } }), 'li')).toEqual(['Long-lived', 'Short-lived'])
  })
})
