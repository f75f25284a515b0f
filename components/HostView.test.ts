// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { PRINT_CLICKS, shownTexts } from './diagram-testing'
import { HOST_VIEW_CLICKS } from './host-view'
import HostView from './HostView.vue'

describe('hostView', () => {
  it('fills the table on the first click, then one note per click', () => {
    const at = (clicks: number) => mount(HostView, { props: { clicks } })
    expect(shownTexts(at(0), 'tbody th')).toEqual([])
    expect(shownTexts(at(1), 'tbody th')).toEqual(['Memory', 'CPUs'])
    expect(shownTexts(at(1), '.host-view__row-sources a')).toEqual(['LXCFS README', 'pid_namespaces(7)', 'coreutils NEWS'])
    expect(shownTexts(at(1), '.host-view__note dt')).toEqual([])
    expect(shownTexts(at(2), '.host-view__note dt')).toEqual(['What broke'])
    expect(shownTexts(at(HOST_VIEW_CLICKS), '.host-view__note dt')).toEqual(['What broke', 'The fixes'])
    expect(shownTexts(at(PRINT_CLICKS), '.host-view__note dd a')).toContain('Go 1.25 release notes')
  })
})
