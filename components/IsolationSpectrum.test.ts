// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { PRINT_CLICKS, shownTexts } from './diagram-testing'
import { SPECTRUM_CLICKS, spectrumRungs } from './isolation-spectrum'
import IsolationSpectrum from './IsolationSpectrum.vue'

describe('isolationSpectrum', () => {
  it('adds one rung per click, and lists every rung\'s sources as links', () => {
    const at = (clicks: number) => mount(IsolationSpectrum, { props: { clicks } })
    expect(shownTexts(at(0), '.spectrum__label')).toEqual([])
    expect(shownTexts(at(2), '.spectrum__label')).toEqual(['Default container', 'Hardened container'])
    expect(shownTexts(at(SPECTRUM_CLICKS), '.spectrum__label')).toHaveLength(5)
    expect(shownTexts(at(PRINT_CLICKS), '.spectrum__label').at(-1)).toBe('Full VM')
    const links = at(0).findAll('.cite a').map(link => link.attributes('href'))
    expect(links).toContain('https://gvisor.dev/docs/architecture_guide/intro_to_gvisor/')
    expect(links).toHaveLength(new Set(spectrumRungs.flatMap(rung => rung.sources)).size)
  })
})
