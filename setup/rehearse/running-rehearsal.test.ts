import { describe, expect, it } from 'vitest'
import { forgetRunningRehearsal, keepRunningRehearsal, loadRunningRehearsal, parseRunningRehearsal, RUNNING_REHEARSAL_KEY } from './running-rehearsal'

function memoryStore() {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}

const running = {
  startedAt: '2025-05-12T14:00:00.000Z',
  recording: { slides: [[60_000], [], []], at: { page: 2, clicks: 1, clicksTotal: 3 }, since: 1_747_058_460_000 },
  timer: { status: 'running' as const, startedAt: 1_747_058_400_000, pausedAt: 0 },
}

describe('the rehearsal in progress, kept over a reload', () => {
  it('comes back as it was kept, and is gone once forgotten', () => {
    const store = memoryStore()
    keepRunningRehearsal(store, running)
    expect(loadRunningRehearsal(store, 3)).toEqual(running)
    forgetRunningRehearsal(store)
    expect(loadRunningRehearsal(store, 3)).toBeUndefined()
  })

  it('forgets a rehearsal of a deck with another number of slides, and anything that is not one', () => {
    const store = memoryStore()
    keepRunningRehearsal(store, running)
    expect(loadRunningRehearsal(store, 4)).toBeUndefined()
    expect(store.items.has(RUNNING_REHEARSAL_KEY)).toBe(false)
    for (const text of ['', 'not json', 'null', '{}', JSON.stringify({ ...running, startedAt: 'yesterday' }), JSON.stringify({ ...running, recording: { ...running.recording, since: -1 } }), JSON.stringify({ ...running, recording: { ...running.recording, slides: [[-5], [], []] } }), JSON.stringify({ ...running, recording: { ...running.recording, at: { page: 2 } } }), JSON.stringify({ ...running, timer: { status: 'ticking', startedAt: 0, pausedAt: 0 } }), JSON.stringify({ ...running, timer: undefined })])
      expect(parseRunningRehearsal(text, 3), text).toBeUndefined()
  })

  it('goes on without it when the storage refuses to keep it', () => {
    const store = { ...memoryStore(), setItem: () => {
      throw new DOMException('full', 'QuotaExceededError')
    } }
    expect(() => keepRunningRehearsal(store, running)).not.toThrow()
  })
})
