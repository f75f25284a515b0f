import { describe, expect, it } from 'vitest'
import { clockElapsed, expectedSlide, ON_TIME_MS, paceAt, paceState, paceWords, planFromRehearsal, planFromSlides, stepWindow } from './pace'

const MIN = 60_000
const at = (page: number, clicks = 0, clicksTotal = 0) => ({ page, clicks, clicksTotal })

describe('a plan from the last rehearsal', () => {
  // 10 minutes rehearsed: slide 1 two, slide 2 one then three at its click, slide 3 four.
  const rehearsed = [[2 * MIN], [1 * MIN, 3 * MIN], [4 * MIN]]

  it('scales every step to the target, keeping their proportions', () => {
    const plan = planFromRehearsal(rehearsed, 3, 20 * MIN)!
    expect(plan.source).toBe('rehearsal')
    expect(plan.slides.map(slide => [slide.start, slide.end])).toEqual([[0, 4 * MIN], [4 * MIN, 12 * MIN], [12 * MIN, 20 * MIN]])
    expect(plan.slides[1]!.steps).toEqual([2 * MIN, 6 * MIN])
  })

  it('does not fit a deck of another length, nor a rehearsal of no time, nor no target', () => {
    expect(planFromRehearsal(rehearsed, 4, 20 * MIN)).toBeUndefined()
    expect(planFromRehearsal([[0], [0]], 2, 20 * MIN)).toBeUndefined()
    expect(planFromRehearsal(rehearsed, 3, 0)).toBeUndefined()
  })

  it('places each click by the rehearsal\'s times; a click it never reached sits at the slide\'s end', () => {
    const plan = planFromRehearsal(rehearsed, 3, 10 * MIN)!
    expect(stepWindow(plan, at(2, 0, 1))).toEqual({ start: 2 * MIN, end: 3 * MIN })
    expect(stepWindow(plan, at(2, 1, 1))).toEqual({ start: 3 * MIN, end: 6 * MIN })
    expect(stepWindow(plan, at(1, 2, 2))).toEqual({ start: 2 * MIN, end: 2 * MIN })
    // Slidev may report a click past the slide's total for a moment: the last click counts.
    expect(stepWindow(plan, at(2, 999_999, 1))).toEqual({ start: 3 * MIN, end: 6 * MIN })
    expect(stepWindow(plan, at(4))).toBeUndefined()
  })

  it('skips a slide the rehearsal never showed when it says where the presenter should be', () => {
    const plan = planFromRehearsal([[MIN], [], [MIN]], 3, 2 * MIN)!
    expect(expectedSlide(plan, 0)).toBe(1)
    expect(expectedSlide(plan, MIN - 1)).toBe(1)
    expect(expectedSlide(plan, MIN)).toBe(3)
  })
})

describe('a plan from the slides, without a rehearsal', () => {
  it('gives every slide an equal share, and each slide\'s clicks an equal share of it', () => {
    const plan = planFromSlides(4, 40 * MIN)
    expect(plan.source).toBe('slides')
    expect(plan.slides.map(slide => slide.end)).toEqual([10 * MIN, 20 * MIN, 30 * MIN, 40 * MIN])
    expect(stepWindow(plan, at(2, 1, 4))).toEqual({ start: 12 * MIN, end: 14 * MIN })
  })

  it('says the last slide once the talk is over time', () => {
    const plan = planFromSlides(4, 40 * MIN)
    expect(expectedSlide(plan, 0)).toBe(1)
    expect(expectedSlide(plan, 25 * MIN)).toBe(3)
    expect(expectedSlide(plan, 90 * MIN)).toBe(4)
  })
})

describe('the pace', () => {
  const plan = planFromSlides(10, 10 * MIN)

  it('is 0 within the click\'s planned time', () => {
    expect(paceAt(plan, at(3), 2.5 * MIN)).toEqual({ expected: 3, aheadMs: 0 })
  })

  it('is ahead by the time until the plan reaches the click, behind by the time since it left it', () => {
    expect(paceAt(plan, at(6), 2 * MIN)).toEqual({ expected: 3, aheadMs: 3 * MIN })
    expect(paceAt(plan, at(2), 4.5 * MIN)).toEqual({ expected: 5, aheadMs: -2.5 * MIN })
  })

  it('counts from the click, not the slide\'s start', () => {
    // Slide 3 runs 2:00 to 3:00; its third of three steps from 2:40.
    expect(paceAt(plan, at(3, 2, 2), 2 * MIN)!.aheadMs).toBeCloseTo(40_000)
  })

  it('says nothing off the plan\'s slides', () => {
    expect(paceAt(plan, at(11), 0)).toBeUndefined()
  })
})

describe('the pace in words', () => {
  it.each([
    [0, 'on time', 'on-time'],
    [ON_TIME_MS, 'on time', 'on-time'],
    [-ON_TIME_MS, 'on time', 'on-time'],
    [ON_TIME_MS + 1, '1 min ahead', 'ahead'],
    [-(ON_TIME_MS + 1), '1 min behind', 'behind'],
    [-89_000, '1 min behind', 'behind'],
    [-90_000, '2 min behind', 'behind'],
    [-125 * MIN, '125 min behind', 'behind'],
    [7 * MIN, '7 min ahead', 'ahead'],
  ])('%d ms ahead reads "%s"', (aheadMs, words, state) => {
    expect(paceWords(aheadMs)).toBe(words)
    expect(paceState(aheadMs)).toBe(state)
  })
})

describe('the talk\'s clock', () => {
  it('runs on from its time when running, and stands still when paused', () => {
    expect(clockElapsed({ running: true, elapsed: 60_000, at: 1000 }, 31_000)).toBe(90_000)
    expect(clockElapsed({ running: false, elapsed: 60_000, at: 1000 }, 31_000)).toBe(60_000)
  })

  it('never goes back before its time, on a reader\'s clock behind the one it was read on', () => {
    expect(clockElapsed({ running: true, elapsed: 60_000, at: 5000 }, 1000)).toBe(60_000)
  })
})
