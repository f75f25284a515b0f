import { describe, expect, it } from 'vitest'
import { containerSide, kernelCount, kernelCountCaptions, vmSide, WORKLOADS_CLICKS } from './kernel-count'
import { captionProblems } from './step-captions'

describe('kernel count', () => {
  it('counts a kernel per VM and one for all the containers', () => {
    expect(kernelCount(vmSide)).toBe(3)
    expect(kernelCount(containerSide)).toBe(1)
  })

  it('says in a sentence what the slide opens with and what each click adds', () => {
    expect(captionProblems(kernelCountCaptions, WORKLOADS_CLICKS)).toEqual([])
    expect(kernelCountCaptions.filter(caption => caption.length >= 90)).toEqual([])
  })
})
