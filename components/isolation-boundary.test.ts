import { describe, expect, it } from 'vitest'
import { boundarySides, ISOLATION_CLICKS, isolationCaptions } from './isolation-boundary'
import { captionProblems } from './step-captions'

describe('isolation boundary', () => {
  it('marks exactly one boundary in each stack', () => {
    expect(boundarySides.map(side => side.layers.filter(layer => layer.boundary).length)).toEqual([1, 1])
  })

  it('says in a sentence what the slide opens with and what each click adds', () => {
    expect(captionProblems(isolationCaptions, ISOLATION_CLICKS)).toEqual([])
    expect(isolationCaptions.filter(caption => caption.length >= 90)).toEqual([])
  })
})
