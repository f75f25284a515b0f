import { describe, expect, it } from 'vitest'
import { GuessLimiter, MIN_SECRET_LENGTH, resolveSecret, secretMatches } from './auth'

describe('the secret', () => {
  it('comes from DECK_SECRET, or is generated anew', () => {
    expect(resolveSecret({ DECK_SECRET: 'a-long-enough-secret' })).toEqual({ secret: 'a-long-enough-secret', generated: false })
    const first = resolveSecret({})
    const second = resolveSecret({ DECK_SECRET: '' })
    expect(first.generated && second.generated).toBe(true)
    expect(first.secret).toMatch(/^[\w-]{24}$/)
    expect(first.secret).not.toBe(second.secret)
    expect(() => resolveSecret({ DECK_SECRET: 'short' })).toThrow(`at least ${MIN_SECRET_LENGTH}`)
  })

  it('refuses at start a secret the presenter view or the export could not carry, rather than one never accepted', () => {
    expect(() => resolveSecret({ DECK_SECRET: 'x'.repeat(257) })).toThrow('at most 256 characters')
    expect(() => resolveSecret({ DECK_SECRET: 'trailing-space-secret ' })).toThrow('white space')
    expect(() => resolveSecret({ DECK_SECRET: ' leading-space-secret' })).toThrow('white space')
    expect(() => resolveSecret({ DECK_SECRET: 'a-secret\nwith-a-line-break' })).toThrow('control characters')
    expect(resolveSecret({ DECK_SECRET: 'inner spaces are fine' }).secret).toBe('inner spaces are fine')
    expect(resolveSecret({ DECK_SECRET: 'x'.repeat(256) }).generated).toBe(false)
  })

  it('matches only itself, whatever the lengths', () => {
    expect(secretMatches('the-secret', 'the-secret')).toBe(true)
    expect(secretMatches('the-secret', 'the-secreT')).toBe(false)
    expect(secretMatches('the-secret', 'the-secret-and-more')).toBe(false)
    expect(secretMatches('the-secret', '')).toBe(false)
  })

  it('counts wrong guesses per address and for the whole server, and says how long until the next is counted', () => {
    let now = 0
    const limiter = new GuessLimiter({ perAddress: { burst: 3, perSecond: 1 / 10 }, global: { burst: 5, perSecond: 1 } }, () => now)
    expect([1, 2, 3, 4].map(() => limiter.fail('a'))).toEqual([0, 0, 0, 10_000])
    // Another address has its own limit, within the global one.
    expect([1, 2, 3].map(() => limiter.fail('b'))).toEqual([0, 0, 1000])
    now = 1000
    expect(limiter.fail('c')).toBe(0)
    expect(limiter.fail('c')).toBe(1000)
    now = 10_000
    expect(limiter.fail('a')).toBe(0)
    expect(limiter.size).toBe(3)
    now = 100_000
    expect(limiter.size).toBe(0)
  })
})
