/**
 * The one way a diagram reveals a step. A component binds the attributes to
 * each element that comes in on a click:
 *
 *   <li v-bind="stepAttrs(row.step, clicks, 'drop')">…</li>
 *
 * Until `clicks` reaches `step` the element is `is-hidden` (styles/steps.css
 * draws it invisible, moved as its motion says), `aria-hidden` and `inert`, so
 * neither assistive technology nor the keyboard reaches a step not yet shown.
 * `data-step` names the step for the tests and the reader edition. A plain
 * attribute object, so Vue's server renderer (the reader edition) renders it
 * as the browser does.
 */

/**
 * How a hidden step sits before it comes in (styles/steps.css):
 * - `fade`: in place;
 * - `drop`: a little above, dropping into place;
 * - `from-left`, `from-right`: a little to that side, sliding in;
 * - `grow`: slightly smaller, growing to size.
 */
export type StepMotion = 'fade' | 'drop' | 'from-left' | 'from-right' | 'grow'

export interface StepAttrs {
  'class': string[]
  'data-step': number
  'aria-hidden': 'true' | undefined
  'inert': true | undefined
}

/** Whether a step has come at `clicks` (1 = the first click; 0 = with the slide). */
export function isStepShown(step: number, clicks: number): boolean {
  return clicks >= step
}

/** The attributes of an element that comes in at `step`, drawn at `clicks`. */
export function stepAttrs(step: number, clicks: number, motion: StepMotion = 'fade'): StepAttrs {
  const hidden = !isStepShown(step, clicks)
  return {
    'class': ['deck-step', `deck-step--${motion}`, ...(hidden ? ['is-hidden'] : [])],
    'data-step': step,
    'aria-hidden': hidden ? 'true' : undefined,
    'inert': hidden || undefined,
  }
}
