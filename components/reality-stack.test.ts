import { describe, expect, it } from 'vitest'
import { REALITY_CLICKS, realityCaptions, realityLevels } from './reality-stack'
import { isSourceId } from './sources'
import { stepAttrs } from './step'
import { captionProblems } from './step-captions'

describe('industry reality', () => {
  it('nests Hardware, VMs, Containers, Apps from the outside in', () => {
    expect(realityLevels.map(level => level.label)).toEqual(['Hardware', 'Virtual machine', 'Container', 'App'])
    expect(realityLevels.map(level => level.step)).toEqual([1, 2, 3, 4])
    expect(REALITY_CLICKS).toBe(4)
  })

  it('reveals each level on its own click, as the slide draws them (./RealityStack.vue)', () => {
    const hidden = (clicks: number) => realityLevels.map(level => stepAttrs(level.step, clicks, 'grow')['aria-hidden'] === 'true')
    expect(hidden(0)).toEqual([true, true, true, true])
    expect(hidden(2)).toEqual([false, false, true, true])
    expect(hidden(REALITY_CLICKS)).toEqual([false, false, false, false])
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
