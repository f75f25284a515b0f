import type { Rehearsal } from '../../shared/rehearsal'
import { describe, expect, it } from 'vitest'
import { paceLine, planFor, planSource } from './pace-line'
import { timerClock, timerStarted } from './timer'

const MIN = 60_000
// Slides 1 and 2 open the talk, part 1 starts on slide 3, part 2 on slide 5.
const partFields = [undefined, undefined, 1, undefined, 2, undefined]
const rehearsal: Rehearsal = { v: 1, at: '2025-05-12T14:02:00.000Z', target: 1800, slides: [[MIN], [MIN], [MIN], [MIN], [MIN], [MIN]] }

describe('the pace line', () => {
  it('waits for the timer: stopped, or reset to nothing', () => {
    const plan = planFor(undefined, 6, 30 * MIN)
    expect(paceLine({ plan, position: { page: 1, clicks: 0, clicksTotal: 0 }, clock: undefined, now: 0, partFields })).toEqual({ state: 'waiting' })
    expect(paceLine({ plan, position: { page: 1, clicks: 0, clicksTotal: 0 }, clock: timerClock({ status: 'stopped', startedAt: 0, pausedAt: 0 }, 5), now: 5, partFields })).toEqual({ state: 'waiting' })
  })

  it('says where the plan has the presenter, with the part\'s short name, and the pace in minutes', () => {
    const plan = planFor(rehearsal, 6, 30 * MIN)
    // Slidev's timer keeps times on the page's clock: started at 0:01 here.
    const clock = timerClock({ status: 'running', startedAt: 1000, pausedAt: 0 }, 1000)
    expect(paceLine({ plan, position: { page: 3, clicks: 0, clicksTotal: 0 }, clock, now: 12 * MIN + 1000, partFields })).toEqual({ state: 'on-time', where: 'Should be at slide 3 · The myth', words: 'on time' })
    expect(paceLine({ plan, position: { page: 2, clicks: 0, clicksTotal: 0 }, clock, now: 22 * MIN + 1000, partFields })).toEqual({ state: 'behind', where: 'Should be at slide 5 · Layer by layer', words: '12 min behind' })
    expect(paceLine({ plan, position: { page: 6, clicks: 0, clicksTotal: 0 }, clock, now: 3 * MIN + 1000, partFields })).toEqual({ state: 'ahead', where: 'Should be at slide 1', words: '22 min ahead' })
  })

  it('stands still while the timer is paused', () => {
    const plan = planFor(undefined, 6, 30 * MIN)
    const clock = timerClock({ status: 'paused', startedAt: 1000, pausedAt: 14 * MIN + 1000 }, 40 * MIN)
    // Slide 2 of six in half an hour: 5:00 to 10:00.
    expect(paceLine({ plan, position: { page: 2, clicks: 0, clicksTotal: 0 }, clock, now: 50 * MIN, partFields })).toMatchObject({ words: '4 min behind' })
  })
})

describe('the plan', () => {
  it('is the rehearsal\'s when it fits the deck, else the slides\', and says which', () => {
    expect(planFor(rehearsal, 6, 30 * MIN).source).toBe('rehearsal')
    expect(planFor(rehearsal, 7, 30 * MIN).source).toBe('slides')
    expect(planSource(planFor(rehearsal, 6, 45 * MIN), rehearsal, 45 * MIN)).toBe('Pace from the rehearsal of 12 May, scaled to 45 min')
    expect(planSource(planFor(rehearsal, 7, 45 * MIN), rehearsal, 45 * MIN)).toBe('Pace from the slides, 45 min (the last rehearsal was of another version of the deck)')
    expect(planSource(planFor(undefined, 7, 45 * MIN), undefined, 45 * MIN)).toBe('Pace from the slides, 45 min: no rehearsal yet')
  })
})

describe('slidev\'s timer as the talk\'s clock', () => {
  it('is 0 stopped, stands at its pause, runs from its start', () => {
    expect(timerClock(undefined, 9)).toEqual({ running: false, elapsed: 0, at: 9 })
    expect(timerClock({ status: 'running', startedAt: 0, pausedAt: 0 }, 9)).toEqual({ running: false, elapsed: 0, at: 9 })
    expect(timerClock({ status: 'paused', startedAt: 1000, pausedAt: 61_000 }, 99_000)).toEqual({ running: false, elapsed: 60_000, at: 99_000 })
    expect(timerClock({ status: 'running', startedAt: 1000, pausedAt: 0 }, 31_000)).toEqual({ running: true, elapsed: 30_000, at: 31_000 })
    expect(timerStarted(timerClock({ status: 'paused', startedAt: 1000, pausedAt: 61_000 }, 0))).toBe(true)
    expect(timerStarted(timerClock({ status: 'stopped', startedAt: 0, pausedAt: 0 }, 0))).toBe(false)
  })
})
