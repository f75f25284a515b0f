import { describe, expect, it } from 'vitest'
import { currentSlot, requestedSlot, SLOT_MODULES } from './slot-switch'

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

describe('?slot= on a page of npm run dev', () => {
  it('asks for a slot on a page request, of any route', () => {
    expect(requestedSlot('GET', '/?slot=short', HTML)).toBe('short')
    expect(requestedSlot('GET', '/presenter/12?slot=full', HTML)).toBe('full')
    expect(requestedSlot('GET', '/7?clicks=2&slot=short', HTML)).toBe('short')
  })

  it('asks nothing of a module, a request without ?slot=, another method or a name that is not a slot', () => {
    expect(requestedSlot('GET', '/@id/virtual:deck-cited?slot=short', '*/*')).toBeUndefined()
    expect(requestedSlot('GET', '/?slot=short', undefined)).toBeUndefined()
    expect(requestedSlot('GET', '/12', HTML)).toBeUndefined()
    expect(requestedSlot('POST', '/?slot=short', HTML)).toBeUndefined()
    expect(requestedSlot('GET', '/?slot=tiny', HTML)).toBeUndefined()
    expect(requestedSlot('GET', '/?slot=', HTML)).toBeUndefined()
  })

  it('reads the dev server\'s slot from DECK_SLOT', () => {
    expect(currentSlot({})).toBe('full')
    expect(currentSlot({ DECK_SLOT: 'short' })).toBe('short')
  })

  it('reloads every virtual module that reads the slot', () => {
    expect([...SLOT_MODULES].sort()).toEqual(['virtual:deck-cited', 'virtual:deck-edition', 'virtual:talk-links'])
  })
})
