import { describe, expect, it } from 'vitest'
import { captionProblems } from './step-captions'
import { VIRTUALISED_CLICKS, virtualisedCaptions, virtualisedRows } from './virtualised-table'

describe('what is virtualised', () => {
  it('has the chapter\'s six rows, in its order, one per click', () => {
    expect(virtualisedRows.map(row => row.layer)).toEqual(['Hardware', 'Kernel', 'OS services', 'Process view', 'Filesystem', 'Network'])
    expect(virtualisedRows.map(row => row.step)).toEqual([1, 2, 3, 4, 5, 6])
    expect(VIRTUALISED_CLICKS).toBe(6)
  })

  it('keeps the chapter\'s verdicts: VMs virtualise hardware and kernel, containers share the kernel', () => {
    const byLayer = Object.fromEntries(virtualisedRows.map(row => [row.layer, row]))
    expect(byLayer.Hardware?.vm.verdict).toBe('yes')
    expect(byLayer.Hardware?.container.verdict).toBe('no')
    expect(byLayer.Kernel?.container.verdict).toBe('shared')
    expect(byLayer['Process view']?.container.verdict).toBe('yes')
  })

  it('gives every row a reason', () => {
    expect(virtualisedRows.filter(row => row.why.length < 20)).toEqual([])
  })
})

describe('what is virtualised, in words', () => {
  it('says in a sentence what the slide opens with and what each click adds', () => {
    expect(captionProblems(virtualisedCaptions, VIRTUALISED_CLICKS)).toEqual([])
    expect(virtualisedCaptions.filter(caption => caption.length >= 90)).toEqual([])
  })
})
