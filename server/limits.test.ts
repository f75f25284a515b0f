import { afterEach, describe, expect, it, vi } from 'vitest'
import { isLoopback, KeyedBuckets, ThrottledLog, TokenBucket } from './limits'

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
