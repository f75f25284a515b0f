import { describe, expect, it } from 'vitest'
import { isLevelVisible, REALITY_CLICKS, realityCaptions, realityLevels } from './reality-stack'
import { isSourceId } from './sources'
import { captionProblems } from './step-captions'

describe('industry reality', () => {
  it('nests Hardware, VMs, Containers, Apps from the outside in', () => {
    expect(realityLevels.map(level => level.label)).toEqual(['Hardware', 'Virtual machine', 'Container', 'App'])
    expect(realityLevels.map(level => level.step)).toEqual([1, 2, 3, 4])
    expect(REALITY_CLICKS).toBe(4)
  })

  it('reveals each level on its own click', () => {
    expect([0, 1, 2, 3].map(depth => isLevelVisible(depth, 2))).toEqual([true, true, false, false])
    expect(isLevelVisible(7, 99)).toBe(false)
  })

  it('sources every real-world example', () => {
    const examples = realityLevels.flatMap(level => level.examples)
    expect(examples.length).toBeGreaterThanOrEqual(5)
    expect(examples.filter(example => example.sources.length === 0 || !example.sources.every(isSourceId))).toEqual([])
  })

  it('says in a sentence what the slide opens with and what each click adds', () => {
    expect(captionProblems(realityCaptions, REALITY_CLICKS)).toEqual([])
    expect(realityCaptions.filter(caption => caption.length >= 90)).toEqual([])
  })
})
