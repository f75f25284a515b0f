// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { PRINT_CLICKS, shownTexts, steps } from './diagram-testing'
import { SPECTRUM_CLICKS, spectrumRungs } from './isolation-spectrum'
import IsolationSpectrum from './IsolationSpectrum.vue'
import { getSource } from './sources'

describe('isolationSpectrum', () => {
  const at = (clicks: number) => mount(IsolationSpectrum, { props: { clicks } })

  it.each(steps(SPECTRUM_CLICKS))('shows the first %i rungs at that click', (clicks) => {
    expect(shownTexts(at(clicks), '.spectrum__label')).toEqual(spectrumRungs.slice(0, clicks).map(rung => rung.label))
  })

  it('shows every rung in print, and links every rung\'s sources at the foot', () => {
    expect(shownTexts(at(PRINT_CLICKS), '.spectrum__label').at(-1)).toBe('Full VM')
    const links = at(0).findAll('.cite a').map(link => link.attributes('href'))
    expect(new Set(links)).toEqual(new Set(spectrumRungs.flatMap(rung => rung.sources).map(id => getSource(id).url)))
  })
})
