import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { FailureLimiter, MIN_SECRET_LENGTH, resolveSecret, secretMatches } from '../server/auth'
import { injectSyncMeta, normalizeBase } from '../server/static'
import { MAX_MESSAGE_BYTES, parseClientMessage, parseServerMessage } from './sync-protocol'

function parse(message: unknown) {
  const text = typeof message === 'string' ? message : JSON.stringify(message)
  return parseClientMessage(text, Buffer.byteLength(text))
}

describe('messages from a deck', () => {
  it('accepts the two known kinds, exactly', () => {
    expect(parse({ t: 'auth', secret: 's3cret' })).toEqual({ ok: true, message: { t: 'auth', secret: 's3cret' } })
    expect(parse({ t: 'nav', page: 3, clicks: 1, clicksTotal: 4 })).toEqual({ ok: true, message: { t: 'nav', page: 3, clicks: 1, clicksTotal: 4 } })
  })

  it.each([
    ['not JSON', '{"t":'],
    ['not a JSON object', '"nav"'],
    ['not a JSON object', 'null'],
    ['unknown message type "jump"', { t: 'jump' }],
    ['unknown message type none', { page: 1 }],
    ['auth takes exactly t and secret', { t: 'auth', secret: 'x', admin: true }],
    ['secret must be a string', { t: 'auth', secret: 42 }],
    ['secret must be a string', { t: 'auth', secret: '' }],
    ['nav takes exactly', { t: 'nav', page: 1, clicks: 0 }],
    ['page must be a whole number', { t: 'nav', page: 1.5, clicks: 0, clicksTotal: 0 }],
    ['page must be a whole number', { t: 'nav', page: 1001, clicks: 0, clicksTotal: 0 }],
    ['clicks must be a whole number', { t: 'nav', page: 1, clicks: '2', clicksTotal: 3 }],
    ['clicksTotal must be a whole number', { t: 'nav', page: 1, clicks: 0, clicksTotal: -1 }],
  ])('refuses %s: %j', (reason, message) => {
    const parsed = parse(message)
    expect(parsed.ok).toBe(false)
    expect(parsed.ok ? '' : parsed.reason).toContain(reason)
  })

  it('refuses a message over the size limit without reading it', () => {
    expect(parseClientMessage('{}', MAX_MESSAGE_BYTES + 1)).toEqual({ ok: false, reason: `message of ${MAX_MESSAGE_BYTES + 1} bytes, over ${MAX_MESSAGE_BYTES}` })
  })
})

describe('messages from the server', () => {
  it('reads what the server sends and nothing else', () => {
    expect(parseServerMessage('{"t":"state","page":2,"clicks":0,"clicksTotal":1}')).toEqual({ t: 'state', page: 2, clicks: 0, clicksTotal: 1 })
    expect(parseServerMessage('{"t":"auth","ok":false,"reason":"limited","retryAfter":9}')).toEqual({ t: 'auth', ok: false, reason: 'limited', retryAfter: 9 })
    expect(parseServerMessage('{"t":"audience","count":3}')).toEqual({ t: 'audience', count: 3 })
    expect(parseServerMessage('{"t":"state","page":0,"clicks":0,"clicksTotal":1}')).toBeUndefined()
    expect(parseServerMessage('{"t":"auth","ok":false,"reason":"other"}')).toBeUndefined()
    expect(parseServerMessage('nope')).toBeUndefined()
  })
})

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

describe('the base path', () => {
  it('is normalised to /path/, and refuses dot segments', () => {
    expect(['', '/', 'talk', '/talk', 'talk/', '//a/b//'].map(normalizeBase)).toEqual(['/', '/', '/talk/', '/talk/', '/talk/', '/a/b/'])
    expect(() => normalizeBase('/a/../b')).toThrow()
  })

  it('marks served pages as having a sync channel', () => {
    expect(injectSyncMeta('<head><title>x</title></head>')).toBe('<head><title>x</title><meta name="deck-sync" content="available">\n</head>')
  })
})
