import { describe, expect, it } from 'vitest'
import { isStepShown, stepAttrs } from './step'

describe('stepAttrs', () => {
  it('hides a step until its click: is-hidden, aria-hidden and inert together, data-step always', () => {
    expect(stepAttrs(2, 1, 'drop')).toEqual({ 'class': ['deck-step', 'deck-step--drop', 'is-hidden'], 'data-step': 2, 'aria-hidden': 'true', 'inert': true })
    expect(stepAttrs(2, 2, 'drop')).toEqual({ 'class': ['deck-step', 'deck-step--drop'], 'data-step': 2, 'aria-hidden': undefined, 'inert': undefined })
  })

  it('fades in place by default, and shows a step 0 with the slide', () => {
    expect(stepAttrs(0, 0).class).toEqual(['deck-step', 'deck-step--fade'])
    expect([0, 1, 2].map(clicks => isStepShown(1, clicks))).toEqual([false, true, true])
  })
})
