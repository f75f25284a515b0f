import { describe, expect, it } from 'vitest'
import { startRecording } from './recorder'

const at = (page: number, clicks = 0, clicksTotal = 0) => ({ page, clicks, clicksTotal })

describe('the rehearsal\'s recorder', () => {
  it('gives each slide and click the time until the next move, adding up a step shown again', () => {
    let now = 1000
    const recorder = startRecording(at(1), 3, () => now)
    now += 60_000
    recorder.moved(at(2, 0, 2))
    now += 10_000
    recorder.moved(at(2, 1, 2))
    now += 20_000
    recorder.moved(at(2, 0, 2))
    now += 5000
    recorder.moved(at(2, 2, 2))
    now += 1000
    expect(recorder.stop()).toEqual([[60_000], [15_000, 20_000, 1000], []])
  })

  it('counts a click past the slide\'s total as its last, and leaves out a slide past the deck', () => {
    let now = 0
    const recorder = startRecording(at(1, 999_999, 2), 2, () => now)
    now += 3000
    recorder.moved(at(9))
    now += 4000
    recorder.moved(at(2))
    now += 500
    expect(recorder.stop()).toEqual([[0, 0, 3000], [500]])
  })

  it('never counts time backwards, on a clock set back', () => {
    let now = 10_000
    const recorder = startRecording(at(1), 1, () => now)
    now = 5000
    recorder.moved(at(1))
    now = 6000
    expect(recorder.stop()).toEqual([[1000]])
  })
})
