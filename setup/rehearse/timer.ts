/**
 * The talk's clock is Slidev's presenter timer (its shared state's `timer`):
 * the presenter starts it with its ▶ when they start speaking, pauses and
 * resets it there; the Rehearse switch starts it from zero. The pace counts
 * from it, on the presenter view and, through the sync channel, the phone.
 */
import type { TalkClock } from '../../shared/pace'

/** Slidev's timer state (`@slidev/client/state/shared.ts`). */
export interface SlidevTimer {
  status: 'stopped' | 'running' | 'paused'
  startedAt: number
  pausedAt: number
}

/** The timer as a clock read at `now`: stopped is 0, paused stands at its pause, running goes on. */
export function timerClock(timer: SlidevTimer | undefined, now: number): TalkClock {
  if (!timer || timer.status === 'stopped' || !timer.startedAt)
    return { running: false, elapsed: 0, at: now }
  if (timer.status === 'paused')
    return { running: false, elapsed: Math.max(0, timer.pausedAt - timer.startedAt), at: now }
  return { running: true, elapsed: Math.max(0, now - timer.startedAt), at: now }
}

/** Whether the timer has been started at all since its last reset. */
export function timerStarted(clock: TalkClock): boolean {
  return clock.running || clock.elapsed > 0
}
