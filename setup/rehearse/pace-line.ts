/**
 * What the pace line says, on the presenter view (./PresenterPace.vue) and
 * the phone remote (setup/remote/RemotePage.vue): where the plan has the
 * presenter now ("Should be at slide 23 · What follows") and how far ahead
 * or behind they are ("2 min behind"), or, before the timer runs, how to
 * start it. The plan is the last rehearsal's when it fits the deck, else the
 * slides' (shared/pace.ts).
 */
import type { Plan, TalkClock } from '../../shared/pace'
import type { Rehearsal } from '../../shared/rehearsal'
import type { Position } from '../../shared/sync-protocol'
import { partOfSlide } from '../../components/parts'
import { clockElapsed, paceAt, paceState, paceWords, planFromRehearsal, planFromSlides } from '../../shared/pace'

export type PaceLine
  = | { state: 'waiting' }
    | { state: 'on-time' | 'ahead' | 'behind', where: string, words: string }

/** The plan for a deck of `slideCount` slides and a talk of `targetMs`: the rehearsal's if it fits, else the slides'. */
export function planFor(rehearsal: Rehearsal | undefined, slideCount: number, targetMs: number): Plan {
  return (rehearsal && planFromRehearsal(rehearsal.slides, slideCount, targetMs)) ?? planFromSlides(slideCount, targetMs)
}

/** Where the plan comes from, in words for a tooltip: "the rehearsal of 12 May, scaled to 45 min". */
export function planSource(plan: Plan, rehearsal: Rehearsal | undefined, targetMs: number): string {
  const target = `${Math.round(targetMs / 60_000)} min`
  if (plan.source === 'rehearsal' && rehearsal) {
    const day = new Date(rehearsal.at).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
    return `Pace from the rehearsal of ${day}, scaled to ${target}`
  }
  return rehearsal
    ? `Pace from the slides, ${target} (the last rehearsal was of another version of the deck)`
    : `Pace from the slides, ${target}: no rehearsal yet`
}

export interface PaceLineInput {
  plan: Plan
  position: Position | undefined
  clock: TalkClock | undefined
  now: number
  /** Each slide's `part:` frontmatter, in order (components/parts.ts). */
  partFields: readonly unknown[]
}

export function paceLine({ plan, position, clock, now, partFields }: PaceLineInput): PaceLine {
  const elapsed = clock ? clockElapsed(clock, now) : 0
  if (!clock || !position || (!clock.running && elapsed === 0))
    return { state: 'waiting' }
  const pace = paceAt(plan, position, elapsed)
  if (!pace)
    return { state: 'waiting' }
  const part = partOfSlide(partFields, pace.expected)
  return {
    state: paceState(pace.aheadMs),
    where: `Should be at slide ${pace.expected}${part ? ` · ${part.short}` : ''}`,
    words: paceWords(pace.aheadMs),
  }
}
