// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { shownTexts, steps } from './diagram-testing'
import { VIRTUALISED_CLICKS, virtualisedRows } from './virtualised-table'
import VirtualisedTable from './VirtualisedTable.vue'

describe('virtualisedTable', () => {
  it.each(steps(VIRTUALISED_CLICKS))('at click %i shows that many rows', (clicks) => {
    const wrapper = mount(VirtualisedTable, { props: { clicks } })
    expect(shownTexts(wrapper, 'tbody th')).toEqual(virtualisedRows.slice(0, clicks).map(row => row.layer))
  })
})
