import { describe, expect, it } from 'vitest'
import { ARCHITECTURE_CLICKS, architectureCaptions, buildStack, containerStack, isLayerVisible, KEY_OBSERVATION_STEP, stackSteps, vmStack } from './architecture-compare'
import { captionProblems } from './step-captions'

describe('architecture stacks', () => {
  it('number the steps bottom-up from the first click', () => {
    const stack = buildStack('t', [
      { label: 'a', kind: 'hardware' },
      { label: 'b', kind: 'kernel' },
    ], 3)
    expect(stack.layers.map(layer => layer.step)).toEqual([3, 4])
    expect(stackSteps(stack)).toBe(4)
  })

  it('show a layer from its step on, never before', () => {
    const [hardware] = vmStack.layers
    expect(isLayerVisible(hardware!, 0)).toBe(false)
    expect(isLayerVisible(hardware!, 1)).toBe(true)
    expect(isLayerVisible(hardware!, 99)).toBe(true)
  })

  it('draw the chapter\'s layers in its order', () => {
    expect(vmStack.layers.map(layer => layer.label)).toEqual(['Physical hardware', 'Hypervisor', 'Guest OS', 'Libraries', 'Application'])
    expect(containerStack.layers.map(layer => layer.label)).toEqual(['Physical hardware', 'Host OS', 'Container runtime', 'Libraries', 'Application'])
  })

  it('put exactly one kernel in each stack, higher in the VM than in the container', () => {
    const kernelStep = (layers: typeof vmStack.layers) => layers.filter(layer => layer.kind === 'kernel').map(layer => layer.step)
    expect(kernelStep(vmStack.layers)).toEqual([3])
    expect(kernelStep(containerStack.layers)).toEqual([2])
  })

  it('end with the key observation one click after both stacks are built', () => {
    expect(KEY_OBSERVATION_STEP).toBe(Math.max(stackSteps(vmStack), stackSteps(containerStack)) + 1)
    expect(ARCHITECTURE_CLICKS).toBe(6)
  })
})

describe('architecture captions', () => {
  it('say in a sentence what the slide opens with and what each click adds', () => {
    expect(captionProblems(architectureCaptions, ARCHITECTURE_CLICKS)).toEqual([])
    expect(architectureCaptions.filter(caption => caption.length >= 90)).toEqual([])
  })
})
