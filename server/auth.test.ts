import { describe, expect, it } from 'vitest'
import { FailureLimiter, MIN_SECRET_LENGTH, resolveSecret, secretMatches } from './auth'

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

  it('matches only itself, whatever the lengths', () => {
    expect(secretMatches('the-secret', 'the-secret')).toBe(true)
    expect(secretMatches('the-secret', 'the-secreT')).toBe(false)
    expect(secretMatches('the-secret', 'the-secret-and-more')).toBe(false)
    expect(secretMatches('the-secret', '')).toBe(false)
  })

  it('is refused to an address after too many failures, until the window passes', () => {
    let now = 0
    const limiter = new FailureLimiter(3, 1000, () => now)
    limiter.fail('a')
    limiter.fail('a')
    expect(limiter.blockedFor('a')).toBe(0)
    now = 100
    limiter.fail('a')
    expect(limiter.blockedFor('a')).toBe(900)
    expect(limiter.blockedFor('b')).toBe(0)
    now = 999
    expect(limiter.blockedFor('a')).toBe(1)
    now = 1001
    expect(limiter.blockedFor('a')).toBe(0)
    now = 1101
    expect(limiter.size).toBe(0)
  })
})
