/**
 * What the Rehearse switch records (./PresenterPace.vue): from `start` to
 * `stop`, the time the presenter view spends on each slide and click, added
 * up when a step is shown again. Pure: the clock is given, so the tests move it.
 */
import type { Position } from '../../shared/sync-protocol'

export interface Recorder {
  /** The presenter view moved (or reported where it is again): the time since the last move goes to the step it left. */
  moved: (position: Position) => void
  /** Ends the recording: milliseconds per slide (index 0 is slide 1) and click, as a rehearsal keeps them. */
  stop: () => number[][]
}

/** Starts recording at `position`, in a deck of `slideCount` slides. */
export function startRecording(position: Position, slideCount: number, now: () => number): Recorder {
  const slides: number[][] = Array.from({ length: slideCount }, () => [])
  let at = position
  let since = now()

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
    stop() {
      add()
      return slides.map(steps => [...steps])
    },
  }
}
