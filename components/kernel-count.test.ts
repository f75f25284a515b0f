import { describe, expect, it } from 'vitest'
import { containerSide, kernelCount, kernelCountCaptions, sideDescription, vmSide, WORKLOADS_CLICKS } from './kernel-count'
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

  it('says in words what each side shows at each click', () => {
    expect(sideDescription(vmSide, 0)).toBe('Three VMs: no host yet.')
    expect(sideDescription(containerSide, 1)).toBe('Three containers: a host of physical hardware and host kernel.')
    expect(sideDescription(vmSide, WORKLOADS_CLICKS)).toBe('Three VMs: a host of physical hardware and hypervisor, running 3 workloads, each with its own app, libraries and guest kernel. 3 kernels in all.')
  })
})
