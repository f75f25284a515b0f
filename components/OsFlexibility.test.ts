// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { shownTexts } from './diagram-testing'
import { OS_FLEXIBILITY_CLICKS } from './os-flexibility'
import OsFlexibility from './OsFlexibility.vue'

describe('osFlexibility', () => {
  it('shows the guests, then Linux containers, then refuses the Windows container', () => {
    const at = (clicks: number) => mount(OsFlexibility, { props: { clicks } })
    const boxes = '.os-flex__box > span:first-child'
    expect(shownTexts(at(0), boxes)).toEqual([])
    expect(shownTexts(at(1), boxes)).toEqual(['Linux guest', 'Windows guest', 'BSD guest'])
    expect(shownTexts(at(2), boxes)).toEqual(['Linux guest', 'Windows guest', 'BSD guest', 'Linux container', 'Linux container'])
    expect(shownTexts(at(OS_FLEXIBILITY_CLICKS), '.is-refused > span')).toEqual(['Windows container', 'needs a Windows kernel'])
  })
})
