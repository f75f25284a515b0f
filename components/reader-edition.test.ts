// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { IN_READER_EDITION, otherEditionHref } from './reader-edition'
import ReaderEditionLink from './ReaderEditionLink.vue'

describe('otherEditionHref', () => {
  it('points the deck to reader/ under its base path, and the reader edition back up one folder', () => {
    expect(otherEditionHref(false, '/')).toBe('/reader/')
    expect(otherEditionHref(false, '/talk/')).toBe('/talk/reader/')
    expect(otherEditionHref(false, '/talk')).toBe('/talk/reader/')
    expect(otherEditionHref(true, '/talk/')).toBe('../')
  })
})

describe('the closing slide\'s links', () => {
  it('links the deck to the reader edition and the handout, under its base path without a public address', () => {
    const links = mount(ReaderEditionLink).findAll('a')
    expect(links.map(link => [link.text(), link.attributes('href')])).toEqual([
      ['Reader edition', `${import.meta.env.BASE_URL}reader/`],
      ['Handout', `${import.meta.env.BASE_URL}containers-vs-vms-handout.pdf`],
    ])
  })

  it('leaves relative links out of the PDFs, and draws no QR code without an address', () => {
    const wrapper = mount(ReaderEditionLink)
    expect(wrapper.get('ul').classes()).toContain('deck-live')
    expect(wrapper.find('.talk-links__qr').exists()).toBe(false)
  })

  it('links the reader edition back to the slides', () => {
    const wrapper = mount(ReaderEditionLink, { global: { provide: { [IN_READER_EDITION as symbol]: true } } })
    expect(wrapper.get('a').attributes('href')).toBe('../')
    expect(wrapper.text()).toContain('You are reading the reader edition.')
  })
})
