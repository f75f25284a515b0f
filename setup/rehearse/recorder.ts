/**
 * What the Rehearse switch records (./PresenterPace.vue): from `start` to
 * `stop`, the time the presenter view spends on each slide and click, added
 * up when a step is shown again. Pure: the clock is given, so the tests move it.
 * `state` is everything a recording is, so a reload of the presenter view
 * resumes it (`resumeRecording`, ./running-rehearsal.ts keeps it).
 */
import type { Position } from '../../shared/sync-protocol'

/** A recording in progress: the time per slide and click so far, where it is and since when. */
export interface RecordingState {
  slides: number[][]
  at: Position
  /** When the presenter came to `at` (ms since the epoch). */
  since: number
}

export interface Recorder {
  /** The presenter view moved (or reported where it is again): the time since the last move goes to the step it left. */
  moved: (position: Position) => void
  /** The recording so far, to resume after a reload; the time on the current step is not yet counted. */
  state: () => RecordingState
  /** Ends the recording: milliseconds per slide (index 0 is slide 1) and click, as a rehearsal keeps them. */
  stop: () => number[][]
}

/** Starts recording at `position`, in a deck of `slideCount` slides. */
export function startRecording(position: Position, slideCount: number, now: () => number): Recorder {
  return resumeRecording({ slides: Array.from({ length: slideCount }, () => []), at: position, since: now() }, now)
}

/** Goes on with a recording from its `state`: the time since `state.since` goes to `state.at` at the next move. */
export function resumeRecording(state: RecordingState, now: () => number): Recorder {
  const slides = state.slides.map(steps => [...steps])
  let at = state.at
  let since = state.since

  function add(): void {
    const time = now()
    const ms = Math.max(0, time - since)
    since = time
    const steps = slides[at.page - 1]
    if (!steps)
      return
    // A click past the slide's total (Slidev, for a moment, going back) is its last.
    const click = Math.max(0, Math.min(at.clicks, at.clicksTotal))
    while (steps.length <= click)
      steps.push(0)
    steps[click]! += Math.round(ms)
  }

  return {
    moved(position) {
      add()
      at = position
    },
    state() {
      return { slides: slides.map(steps => [...steps]), at: { ...at }, since }
    },
    stop() {
      add()
      return slides.map(steps => [...steps])
    },
  }
}
