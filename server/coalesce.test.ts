import { afterEach, describe, expect, it, vi } from 'vitest'
import { Coalescer } from './coalesce'

afterEach(() => {
  vi.useRealTimers()
})

describe('coalescing changes for every deck', () => {
  it('sends the first change at once, then the latest per key once a window, and nothing when quiet', () => {
    vi.useFakeTimers()
    const sent: [string, number][][] = []
    const coalescer = new Coalescer<string, number>(100, changes => sent.push([...changes]))
    coalescer.add('a', 1)
    expect(sent).toEqual([[['a', 1]]])
    coalescer.add('a', 2)
    coalescer.add('b', 1)
    coalescer.add('a', 3)
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(100)
    expect(sent).toEqual([[['a', 1]], [['a', 3], ['b', 1]]])
    vi.advanceTimersByTime(100)
    expect(sent).toHaveLength(2)
    // A quiet window has passed: the next change goes out at once again.
    coalescer.add('c', 1)
    expect(sent.at(-1)).toEqual([['c', 1]])
  })

  it('flushes at once when asked, and sends nothing after it is closed', () => {
    vi.useFakeTimers()
    const sent: number[] = []
    const coalescer = new Coalescer<string, number>(100, changes => sent.push(changes.size))
    coalescer.add('a', 1)
    coalescer.add('b', 1)
    coalescer.flushNow()
    expect(sent).toEqual([1, 1])
    coalescer.add('c', 1)
    coalescer.close()
    vi.advanceTimersByTime(1000)
    expect(sent).toEqual([1, 1])
  })
})
