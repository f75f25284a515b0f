import { describe, expect, it } from 'vitest'
import { captionAt, captionProblems } from './step-captions'

const captions = ['Two empty hosts.', 'The VM stack, layer by layer.', 'The container stack beside it.']

describe('captionAt', () => {
  it('labels the opening state and each click', () => {
    expect(captionAt(captions, 0)).toEqual({ label: 'Before the first click:', text: 'Two empty hosts.' })
    expect(captionAt(captions, 2)).toEqual({ label: 'Step 2 of 2:', text: 'The container stack beside it.' })
  })
  it('clamps a click past the last, or below zero, to the list', () => {
    expect(captionAt(captions, 9).text).toBe('The container stack beside it.')
    expect(captionAt(captions, -1).text).toBe('Two empty hosts.')
  })
  it('has no step label for a diagram without clicks', () => {
    expect(captionAt(['All at once.'], 0)).toEqual({ label: '', text: 'All at once.' })
  })
})

describe('captionProblems', () => {
  it('accepts one sentence for the opening and each click', () => {
    expect(captionProblems(captions, 2)).toEqual([])
  })
  it('names a count that does not match the clicks, an empty or unfinished caption, and a repeat', () => {
    expect(captionProblems(captions, 3)).toEqual(['3 captions for 3 clicks (want 4: the opening state and one a click)'])
    expect(captionProblems(['Fine.', ' ', 'No stop', 'Fine.'], 3)).toEqual([
      'caption 1 is empty',
      'caption 2 is not a sentence ending in a full stop: "No stop"',
      'caption repeated: "Fine."',
    ])
  })
})
