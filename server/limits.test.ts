import { afterEach, describe, expect, it, vi } from 'vitest'
import { isLoopback, KeyedBuckets, networkOf, printable, RoomBudgets, takeAll, ThrottledLog, TokenBucket } from './limits'

afterEach(() => {
  vi.useRealTimers()
})

describe('the token bucket', () => {
  it('gives a burst, then refills at its rate', () => {
    let now = 0
    const bucket = new TokenBucket(2, 4, () => now)
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 250])
    now = 250
    expect([bucket.take(), bucket.take()]).toEqual([0, 250])
    now = 10_000
    expect(bucket.full).toBe(true)
  })

  it('keeps one per key and forgets the full ones', () => {
    let now = 0
    const buckets = new KeyedBuckets(1, 1, () => now)
    buckets.get('a').take()
    buckets.get('b')
    buckets.prune()
    expect(buckets.size).toBe(1)
    now = 1000
    buckets.prune()
    expect(buckets.size).toBe(0)
  })
})

describe('the throttled log', () => {
  it('writes the first line of a kind, counts the rest for the window, then writes the count', () => {
    vi.useFakeTimers()
    const lines: string[] = []
    const log = new ThrottledLog(line => lines.push(line), 10_000)
    for (let index = 0; index < 7000; index++)
      log.line('bad messages', `dropped a message ${index}`)
    log.line('wrong secrets', 'wrong secret')
    expect(lines).toEqual(['dropped a message 0', 'wrong secret'])
    vi.advanceTimersByTime(10_000)
    expect(lines.slice(2)).toEqual(['bad messages: 6999 more in the last 10 s, not logged one by one'])
    // A new window starts with the next line; a window with nothing held back ends without a line.
    log.line('bad messages', 'dropped a message again')
    vi.advanceTimersByTime(10_000)
    expect(lines.slice(3)).toEqual(['dropped a message again'])
    log.line('bad messages', 'one')
    log.line('bad messages', 'two')
    log.close()
    expect(lines.slice(4)).toEqual(['one', 'bad messages: 1 more in the last 10 s, not logged one by one'])
  })
})

it('knows this machine\'s addresses', () => {
  expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true)
  expect(['10.0.0.1', '::ffff:10.0.0.1', '192.0.2.127', 'unknown'].some(isLoopback)).toBe(false)
})

describe('the network a budget is kept for', () => {
  it('is an IPv4 address itself, and an IPv6 address\'s /64 (or the prefix given)', () => {
    expect(networkOf('198.51.100.7')).toBe('198.51.100.7')
    expect(networkOf('::ffff:198.51.100.7')).toBe('198.51.100.7')
    expect(networkOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64')
    expect(networkOf('2001:db8:1:2::9')).toBe(networkOf('2001:DB8:1:2:ffff:ffff:ffff:ffff'))
    expect(networkOf('2001:db8:1:3::9')).not.toBe(networkOf('2001:db8:1:2::9'))
    expect(networkOf('2001:db8:1:2:3:4:5:6', 48)).toBe('2001:db8:1::/48')
    expect(networkOf('2001:db8:1:ff:3:4:5:6', 56)).toBe('2001:db8:1:0::/56')
    expect(networkOf('2001:db8::1', 128)).not.toBe(networkOf('2001:db8::2', 128))
    expect(networkOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(networkOf('not an address\n')).toBe('"not an address\\n"')
  })

  it('keeps every throttled line one line, whatever a client put in it', () => {
    const lines: string[] = []
    const log = new ThrottledLog(line => lines.push(line))
    log.line('bad messages', 'dropped a message: unknown message type "x\u2028[sync] presenter joined\r\nforged\u202Eevil"')
    log.close()
    expect(lines).toEqual(['dropped a message: unknown message type "x\\u2028[sync] presenter joined\\u000d\\u000aforged\\u202eevil"'])
  })

  it('makes a client\'s text safe for one log line', () => {
    expect(printable('https://talk.example')).toBe('https://talk.example')
    expect(printable('a\r\nforged line')).toBe('"a\\r\\nforged line"')
    expect(printable('\u2028x\u001B[31m')).toBe('"\\u2028x\\u001b[31m"')
    expect(printable('y'.repeat(300), 10)).toBe('"yyyyyyyyyy\\u2026"')
  })

  it('takes from every budget or from none', () => {
    let now = 0
    const small = new TokenBucket(1, 1, () => now)
    const large = new TokenBucket(10, 1, () => now)
    expect(takeAll([['small', small], ['large', large]])).toBeUndefined()
    expect(takeAll([['small', small], ['large', large]])).toEqual({ by: 'small', wait: 1000 })
    // Nothing was taken from the large one by the refusal.
    expect(large.waitMs()).toBe(0)
    now = 1000
    expect(takeAll([['small', small], ['large', large]])).toBeUndefined()
  })
})

describe('an action\'s budgets in a room (questions, upvotes, votes)', () => {
  it('takes from the device, the network and the room, or from none; loopback has no network budget; a refund gives back', () => {
    let now = 0
    const budgets = new RoomBudgets({ device: { burst: 2, perSecond: 1 }, network: { burst: 3, perSecond: 1 }, room: { burst: 4, perSecond: 1 } }, () => now)
    expect(budgets.take('a', 'net')).toBeUndefined()
    expect(budgets.take('a', 'net')).toBeUndefined()
    expect(budgets.take('a', 'net')).toEqual({ by: 'device', wait: 1000 })
    expect(budgets.take('b', 'net')).toBeUndefined()
    expect(budgets.take('c', 'net')).toEqual({ by: 'network', wait: 1000 })
    // This machine: no network budget, the room's still holds.
    expect(budgets.take('c', 'net', true)).toBeUndefined()
    expect(budgets.take('d', 'other', true)).toEqual({ by: 'room', wait: 1000 })
    budgets.refund('c', 'net', true)
    expect(budgets.take('d', 'other', true)).toBeUndefined()
    now += 1000
    expect(budgets.take('a', 'elsewhere')).toBeUndefined()
  })
})
