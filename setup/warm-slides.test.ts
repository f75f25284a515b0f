import { describe, expect, it } from 'vitest'
import { warmSlides } from './warm-slides'

describe('warmSlides', () => {
  it('loads one slide per idle period, in order, and goes on past a failed load', async () => {
    const events: string[] = []
    const idle: ((callback: () => void) => void) = (callback) => {
      events.push('idle')
      queueMicrotask(callback)
    }
    const route = (name: string, fail = false) => ({
      load: async () => {
        events.push(name)
        if (fail)
          throw new Error('offline')
        return { default: {} } as never
      },
    })
    await warmSlides([route('1'), route('2', true), route('3')], idle)
    expect(events).toEqual(['idle', '1', 'idle', '2', 'idle', '3'])
  })

  it('does not load anything before the first idle period', async () => {
    let loads = 0
    let release!: () => void
    const done = warmSlides([{ load: async () => {
      loads++
      return { default: {} } as never
    } }], (callback) => {
      release = callback
    })
    await Promise.resolve()
    expect(loads).toBe(0)
    release()
    await done
    expect(loads).toBe(1)
  })
})
