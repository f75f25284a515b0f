/**
 * The rehearsal in progress, kept in the presenter view's sessionStorage so a
 * reload of the page resumes it (./PresenterPace.vue): when it started, and
 * the recorder's state (./recorder.ts) and Slidev's timer (a built deck
 * forgets it on a reload), written at the start, at every move and as the
 * timer starts or pauses, removed when the rehearsal is stopped. A tab of its own has its own
 * storage, so a second presenter view does not take the rehearsal over.
 */
import type { Position } from '../../shared/sync-protocol'
import type { RecordingState } from './recorder'
import type { SlidevTimer } from './timer'

export const RUNNING_REHEARSAL_KEY = 'deck-rehearsal-running'

export interface RunningRehearsal {
  /** When the rehearsal started (an ISO time, the saved rehearsal's `at`). */
  startedAt: string
  recording: RecordingState
  /** Slidev's timer as it was. */
  timer: SlidevTimer
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

function isPosition(value: unknown): value is Position {
  const position = value as Partial<Position> | null
  return typeof position === 'object' && position !== null && isCount(position.page) && isCount(position.clicks) && isCount(position.clicksTotal)
}

function isTimer(value: unknown): value is SlidevTimer {
  const timer = value as Partial<SlidevTimer> | null
  return typeof timer === 'object' && timer !== null && ['stopped', 'running', 'paused'].includes(timer.status as string) && isCount(timer.startedAt) && isCount(timer.pausedAt)
}

/** The stored rehearsal if it is one, for a deck of `slideCount` slides; anything else is forgotten. */
export function parseRunningRehearsal(text: string | null, slideCount: number): RunningRehearsal | undefined {
  if (!text)
    return undefined
  let value: Partial<RunningRehearsal>
  try {
    value = JSON.parse(text) as Partial<RunningRehearsal>
  }
  catch {
    return undefined
  }
  const recording = value?.recording
  if (typeof value?.startedAt !== 'string' || Number.isNaN(Date.parse(value.startedAt)) || typeof recording !== 'object' || recording === null)
    return undefined
  const { slides, at, since } = recording
  if (!Array.isArray(slides) || slides.length !== slideCount || !slides.every(steps => Array.isArray(steps) && steps.every(isCount)))
    return undefined
  if (!isPosition(at) || !isCount(since) || !isTimer(value.timer))
    return undefined
  const { status, startedAt, pausedAt } = value.timer
  return { startedAt: value.startedAt, recording: { slides, at, since }, timer: { status, startedAt, pausedAt } }
}

export function loadRunningRehearsal(store: Store, slideCount: number): RunningRehearsal | undefined {
  const running = parseRunningRehearsal(store.getItem(RUNNING_REHEARSAL_KEY), slideCount)
  if (!running)
    store.removeItem(RUNNING_REHEARSAL_KEY)
  return running
}

export function keepRunningRehearsal(store: Store, running: RunningRehearsal): void {
  try {
    store.setItem(RUNNING_REHEARSAL_KEY, JSON.stringify(running))
  }
  catch {
    // A full or refused storage: the rehearsal goes on, only a reload would lose it.
  }
}

export function forgetRunningRehearsal(store: Store): void {
  store.removeItem(RUNNING_REHEARSAL_KEY)
}
