import { describe, expect, it } from 'vitest'
import { downAt, failedAt, FAILURE_CLICKS, failureCaptions } from './failure-domains'
import { captionProblems } from './step-captions'

describe('failure domains', () => {
  it('take down one container, then one VM, then every container with the kernel', () => {
    expect([...downAt(1)]).toEqual(['c-2'])
    expect([...downAt(2)].sort()).toEqual(['c-2', 'vm-2'])
    expect([...downAt(3)].sort()).toEqual(['c-1', 'c-2', 'c-3', 'vm-2'])
    expect(failedAt('host-kernel', 2)).toBe(false)
    expect(failedAt('host-kernel', 3)).toBe(true)
  })

  it('say in a sentence what the slide opens with and what each click adds', () => {
    expect(captionProblems(failureCaptions, FAILURE_CLICKS)).toEqual([])
    expect(failureCaptions.filter(caption => caption.length >= 90)).toEqual([])
  })
})
