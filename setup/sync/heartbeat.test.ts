import { afterEach, expect, it, vi } from 'vitest'
import { startHeartbeat } from './heartbeat'

afterEach(() => {
  vi.useRealTimers()
})

function start() {
  vi.useFakeTimers()
  const pings: number[] = []
  const onSilence = vi.fn()
  const heartbeat = startHeartbeat({ intervalMs: 20_000, timeoutMs: 10_000, ping: () => pings.push(Date.now()), onSilence })
  return { heartbeat, pings, onSilence }
}

it('pings every interval, and is content while it hears back in time', () => {
  const { heartbeat, pings, onSilence } = start()
  vi.advanceTimersByTime(19_999)
  expect(pings).toHaveLength(0)
  vi.advanceTimersByTime(1)
  for (let beat = 1; beat <= 3; beat++) {
    expect(pings).toHaveLength(beat)
    vi.advanceTimersByTime(9_999)
    heartbeat.heard()
    vi.advanceTimersByTime(10_001)
  }
  expect(onSilence).not.toHaveBeenCalled()
  heartbeat.stop()
})

it('reports silence once when nothing comes back within the timeout of a ping, and then stops', () => {
  const { pings, onSilence } = start()
  vi.advanceTimersByTime(20_000 + 9_999)
  expect(onSilence).not.toHaveBeenCalled()
  vi.advanceTimersByTime(1)
  expect(onSilence).toHaveBeenCalledTimes(1)
  vi.advanceTimersByTime(120_000)
  expect(onSilence).toHaveBeenCalledTimes(1)
  expect(pings).toHaveLength(1)
})

it('stops pinging when stopped', () => {
  const { heartbeat, pings, onSilence } = start()
  heartbeat.stop()
  vi.advanceTimersByTime(120_000)
  expect(pings).toHaveLength(0)
  expect(onSilence).not.toHaveBeenCalled()
})
