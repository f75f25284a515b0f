import { describe, expect, it } from 'vitest'
import { containerPlacements, OS_FLEXIBILITY_CLICKS, osFlexibilityCaptions, runsOnHost } from './os-flexibility'
import { captionProblems } from './step-captions'

describe('os flexibility', () => {
  it('runs the Linux containers on the Linux host and refuses the Windows one', () => {
    expect(containerPlacements.map(container => runsOnHost(container))).toEqual([true, true, false])
  })

  it('says in a sentence what the slide opens with and what each click adds', () => {
    expect(captionProblems(osFlexibilityCaptions, OS_FLEXIBILITY_CLICKS)).toEqual([])
    expect(osFlexibilityCaptions.filter(caption => caption.length >= 90)).toEqual([])
  })
})
