import { describe, expect, it } from 'vitest'
import { resumeRecording, startRecording } from './recorder'

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

describe('a recording resumed from its state', () => {
  it('goes on where it was: the time since the last move goes to the step it was on', () => {
    let now = 0
    const first = startRecording(at(1), 2, () => now)
    now += 60_000
    first.moved(at(2, 0, 1))
    now += 10_000
    const state = first.state()
    expect(state).toEqual({ slides: [[60_000], []], at: at(2, 0, 1), since: 60_000 })
    // A reload: the state goes through storage, and a new recorder takes over from it.
    const resumed = resumeRecording(JSON.parse(JSON.stringify(state)), () => now)
    now += 5000
    resumed.moved(at(2, 1, 1))
    now += 2000
    expect(resumed.stop()).toEqual([[60_000], [15_000, 2000]])
  })

  it('does not change the state it was given', () => {
    const state = { slides: [[1000]], at: at(1), since: 0 }
    const recorder = resumeRecording(state, () => 500)
    recorder.moved(at(1))
    expect(state.slides).toEqual([[1000]])
    expect(recorder.state().slides).toEqual([[1500]])
  })
})
