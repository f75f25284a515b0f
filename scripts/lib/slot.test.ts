import { describe, expect, it } from 'vitest'
import { takeSlot, useSlot } from './slot'

describe('takeSlot', () => {
  it('takes --slot NAME and --slot=NAME off the arguments', () => {
    expect(takeSlot(['--slot', 'short', '--out', 'x'], {})).toEqual({ slot: 'short', rest: ['--out', 'x'] })
    expect(takeSlot(['--without-notes', '--slot=short'], {})).toEqual({ slot: 'short', rest: ['--without-notes'] })
  })

  it('falls back to DECK_SLOT, then to the full edition', () => {
    expect(takeSlot([], { DECK_SLOT: 'short' }).slot).toBe('short')
    expect(takeSlot(['--slot', 'full'], { DECK_SLOT: 'short' }).slot).toBe('full')
    expect(takeSlot([], {})).toEqual({ slot: 'full', rest: [] })
  })

  it('refuses a slot it does not know', () => {
    expect(() => takeSlot(['--slot', 'tiny'], {})).toThrow('Unknown slot "tiny"')
  })
})

describe('useSlot', () => {
  it('sets DECK_SLOT for the short edition and clears it for the full one', () => {
    const env: Record<string, string | undefined> = {}
    useSlot('short', env)
    expect(env.DECK_SLOT).toBe('short')
    useSlot('full', env)
    expect('DECK_SLOT' in env).toBe(false)
  })
})
