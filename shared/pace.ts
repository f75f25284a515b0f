/**
 * The talk's pace: where the presenter should be after `elapsed`
 * milliseconds of a talk of `target` milliseconds, and how far ahead or behind
 * they are. The plan is the last rehearsal's time on each slide and click,
 * scaled to the target (`planFromRehearsal`); without one, every slide gets
 * an equal share, so each part of the talk gets its share of the slides
 * (`planFromSlides`). The presenter view and the phone remote show it; it is
 * pure, so both and their tests read it alike.
 */
import type { Position } from './sync-protocol'

/** Within this much of the plan, either way, the presenter is on time. */
export const ON_TIME_MS = 30_000

/** One slide's place in the plan: when it starts and ends, from the talk's start. */
export interface PlannedSlide {
  start: number
  end: number
  /** Each click's time on the slide (index 0 before the first click), as rehearsed; undefined: shared evenly among its clicks. */
  steps?: readonly number[]
}

export interface Plan {
  source: 'rehearsal' | 'slides'
  /** Index 0 is slide 1. */
  slides: readonly PlannedSlide[]
}

/** The talk's clock as the presenter's timer has it: running or not, and its time at `at` (ms on the reader's clock). */
export interface TalkClock {
  running: boolean
  elapsed: number
  at: number
}

/** Milliseconds on `clock` at `now`: a running clock has gone on since `at`, a paused one has not. */
export function clockElapsed(clock: TalkClock, now: number): number {
  return Math.max(0, clock.elapsed + (clock.running ? Math.max(0, now - clock.at) : 0))
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

/**
 * The rehearsal's times (`slides[i][k]`: slide i + 1 at click k), scaled so
 * they add up to `targetMs`. Undefined when it does not fit the deck (another
 * number of slides) or holds no time.
 */
export function planFromRehearsal(slides: readonly (readonly number[])[], slideCount: number, targetMs: number): Plan | undefined {
  const total = sum(slides.map(sum))
  if (slides.length !== slideCount || !(total > 0) || !(targetMs > 0))
    return undefined
  const scale = targetMs / total
  let at = 0
  return {
    source: 'rehearsal',
    slides: slides.map((steps) => {
      const scaled = steps.map(ms => ms * scale)
      const start = at
      at += sum(scaled)
      return { start, end: at, steps: scaled }
    }),
  }
}

/** Every slide an equal share of `targetMs`: each part of the talk gets its share of the slides. */
export function planFromSlides(slideCount: number, targetMs: number): Plan {
  const each = targetMs / Math.max(1, slideCount)
  return { source: 'slides', slides: Array.from({ length: slideCount }, (_, index) => ({ start: index * each, end: (index + 1) * each })) }
}

/** The slide (1-based) the plan has the presenter on at `elapsed`; the last once the plan is over. */
export function expectedSlide(plan: Plan, elapsed: number): number {
  const index = plan.slides.findIndex(slide => slide.end > elapsed && slide.end > slide.start)
  return index === -1 ? plan.slides.length : index + 1
}

/** When the plan has the presenter at `position`'s click: its start and end, from the talk's start. Undefined off the plan's slides. */
export function stepWindow(plan: Plan, position: Position): { start: number, end: number } | undefined {
  const slide = plan.slides[position.page - 1]
  if (!slide)
    return undefined
  const clicks = Math.max(0, Math.min(position.clicks, position.clicksTotal))
  if (slide.steps) {
    // A click the rehearsal never reached sits at the slide's end.
    const start = Math.min(slide.end, slide.start + sum(slide.steps.slice(0, clicks)))
    return { start, end: Math.min(slide.end, start + (slide.steps[clicks] ?? 0)) }
  }
  const each = (slide.end - slide.start) / (position.clicksTotal + 1)
  return { start: slide.start + clicks * each, end: slide.start + (clicks + 1) * each }
}

export interface Pace {
  /** The slide (1-based) the plan has the presenter on now. */
  expected: number
  /** How far ahead of the plan the presenter is, in ms; negative: behind. 0 within the click's planned time. */
  aheadMs: number
}

/**
 * The pace at `elapsed` with the presenter at `position`: ahead by the time
 * until the plan reaches this click, behind by the time since the plan left
 * it, 0 within it.
 */
export function paceAt(plan: Plan, position: Position, elapsed: number): Pace | undefined {
  const window = stepWindow(plan, position)
  if (!window)
    return undefined
  const aheadMs = elapsed < window.start ? window.start - elapsed : elapsed > window.end ? window.end - elapsed : 0
  return { expected: expectedSlide(plan, elapsed), aheadMs }
}

/** The pace in words a glance can read: "on time" within `ON_TIME_MS`, else "2 min behind", "1 min ahead" (whole minutes, at least 1). */
export function paceWords(aheadMs: number): string {
  if (Math.abs(aheadMs) <= ON_TIME_MS)
    return 'on time'
  const minutes = Math.max(1, Math.round(Math.abs(aheadMs) / 60_000))
  return `${minutes} min ${aheadMs > 0 ? 'ahead' : 'behind'}`
}

/** Whether the pace is on time, ahead or behind: what the line's colour says. */
export function paceState(aheadMs: number): 'on-time' | 'ahead' | 'behind' {
  return Math.abs(aheadMs) <= ON_TIME_MS ? 'on-time' : aheadMs > 0 ? 'ahead' : 'behind'
}
