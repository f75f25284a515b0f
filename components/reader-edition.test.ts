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

describe('the reader edition link', () => {
  it('links the deck to the reader edition', () => {
    const link = mount(ReaderEditionLink).get('a')
    expect(link.attributes('href')).toBe(`${import.meta.env.BASE_URL}reader/`)
    expect(link.text()).toBe('the reader edition')
  })

  it('links the reader edition back to the slides', () => {
    const wrapper = mount(ReaderEditionLink, { global: { provide: { [IN_READER_EDITION as symbol]: true } } })
    expect(wrapper.get('a').attributes('href')).toBe('../')
    expect(wrapper.text()).toContain('You are reading the reader edition.')
  })
})
