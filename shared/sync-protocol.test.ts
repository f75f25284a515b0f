import { describe, expect, it } from 'vitest'
import { MAX_CLOCK_MS, MAX_MESSAGE_BYTES, parseClientMessage, parseServerMessage, samePosition, syncSocketUrl } from './sync-protocol'

function parse(message: unknown) {
  const text = typeof message === 'string' ? message : JSON.stringify(message)
  return parseClientMessage(text, new TextEncoder().encode(text).byteLength)
}

describe('messages from a deck', () => {
  it('accepts the known kinds, exactly', () => {
    expect(parse({ t: 'auth', secret: 's3cret' })).toEqual({ ok: true, message: { t: 'auth', secret: 's3cret' } })
    expect(parse({ t: 'ping' })).toEqual({ ok: true, message: { t: 'ping' } })
    expect(parse({ t: 'nav', page: 3, clicks: 1, clicksTotal: 4 })).toEqual({ ok: true, message: { t: 'nav', page: 3, clicks: 1, clicksTotal: 4 } })
    // Slidev can report clicks before it knows the slide's total: a position is not checked against it.
    expect(parse({ t: 'nav', page: 3, clicks: 2, clicksTotal: 0 })).toEqual({ ok: true, message: { t: 'nav', page: 3, clicks: 2, clicksTotal: 0 } })
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
    ['ping takes only t', { t: 'ping', page: 1 }],
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
    expect(parseServerMessage('{"t":"refused","code":"not-presenter","reason":"only the presenter moves the deck","about":"position"}')).toEqual({ t: 'refused', code: 'not-presenter', reason: 'only the presenter moves the deck', about: 'position' })
    // Every refusal says what it refuses, with a code the deck knows: one without either is not read.
    expect(parseServerMessage('{"t":"refused","code":"not-presenter","reason":"only the presenter moves the deck"}')).toBeUndefined()
    expect(parseServerMessage('{"t":"refused","reason":"only the presenter moves the deck","about":"position"}')).toBeUndefined()
    expect(parseServerMessage('{"t":"refused","code":"in english","reason":"x","about":"position"}')).toBeUndefined()
    expect(parseServerMessage('{"t":"pong"}')).toEqual({ t: 'pong' })
    expect(parseServerMessage('{"t":"refused"}')).toBeUndefined()
    expect(parseServerMessage('{"t":"state","page":0,"clicks":0,"clicksTotal":1}')).toBeUndefined()
    expect(parseServerMessage('{"t":"auth","ok":false,"reason":"other"}')).toBeUndefined()
    expect(parseServerMessage('nope')).toBeUndefined()
  })
})

describe('the channel\'s address and positions', () => {
  it('opens the channel under the deck\'s base, wss from an https page and ws from http', () => {
    expect(syncSocketUrl('/talk/', 'https://talks.example/talk/3?clicks=1#x')).toBe('wss://talks.example/talk/sync')
    expect(syncSocketUrl('/', 'http://192.168.1.5:3030/presenter/1')).toBe('ws://192.168.1.5:3030/sync')
  })

  it('compares slide, click and click total', () => {
    expect(samePosition({ page: 2, clicks: 1, clicksTotal: 3 }, { page: 2, clicks: 1, clicksTotal: 3 })).toBe(true)
    expect(samePosition({ page: 2, clicks: 1, clicksTotal: 3 }, { page: 2, clicks: 1, clicksTotal: 0 })).toBe(false)
    expect(samePosition({ page: 2, clicks: 1, clicksTotal: 3 }, { page: 3, clicks: 1, clicksTotal: 3 })).toBe(false)
  })
})

describe('the pace\'s messages', () => {
  it('takes the presenter\'s timer, whole milliseconds up to a day', () => {
    expect(parse({ t: 'clock', running: true, elapsed: 61_000 })).toEqual({ ok: true, message: { t: 'clock', running: true, elapsed: 61_000 } })
    for (const wrong of [{ t: 'clock', running: 'yes', elapsed: 0 }, { t: 'clock', running: true, elapsed: -1 }, { t: 'clock', running: true, elapsed: 1.5 }, { t: 'clock', running: true, elapsed: MAX_CLOCK_MS + 1 }, { t: 'clock', running: true }, { t: 'clock', running: true, elapsed: 0, at: 5 }])
      expect(parse(wrong).ok, JSON.stringify(wrong)).toBe(false)
  })

  it('reads the timer and the last rehearsal as a phone is sent them, and refuses a rehearsal that is not one', () => {
    const rehearsal = { v: 1, at: '2025-05-12T14:00:00.000Z', target: 2700, slides: [[60_000], []] }
    expect(parseServerMessage('{"t":"clock","running":false,"elapsed":5000}')).toEqual({ t: 'clock', running: false, elapsed: 5000 })
    expect(parseServerMessage('{"t":"clock","running":false,"elapsed":-5}')).toBeUndefined()
    expect(parseServerMessage(JSON.stringify({ t: 'rehearsal', rehearsal }))).toEqual({ t: 'rehearsal', rehearsal })
    expect(parseServerMessage(JSON.stringify({ t: 'rehearsal', rehearsal: { ...rehearsal, slides: [[-1]] } }))).toBeUndefined()
  })
})
