import { isStepShown } from './step.ts'
import { validateSteps } from './validate.ts'

/**
 * The two architecture stacks from the chapter, listed bottom-up. Each layer
 * appears on its own click; `step` is derived from the position, so adding a
 * layer moves every later step and the slide's click count with it (the
 * slide takes `ARCHITECTURE_CLICKS` from components/clicks.ts).
 */

export type LayerKind = 'hardware' | 'hypervisor' | 'kernel' | 'runtime' | 'userland' | 'app'

export interface Layer {
  label: string
  kind: LayerKind
  /** A second line under the label, at the smallest size the room reads. */
  detail?: string
}

export interface StackLayer extends Layer {
  /** Click at which the layer appears (1 = first click). */
  step: number
}

export interface Stack {
  title: string
  /** Bottom-up: index 0 is the hardware. */
  layers: readonly StackLayer[]
}

export function buildStack(title: string, bottomUp: readonly Layer[], firstStep = 1): Stack {
  return {
    title,
    layers: bottomUp.map((layer, index) => ({ ...layer, step: firstStep + index })),
  }
}

export function stackSteps(stack: Stack): number {
  return Math.max(0, ...stack.layers.map(layer => layer.step))
}

export function isLayerVisible(layer: StackLayer, clicks: number): boolean {
  return isStepShown(layer.step, clicks)
}

export const vmStack = buildStack('Virtual machine', [
  { label: 'Physical hardware', kind: 'hardware' },
  { label: 'Hypervisor', kind: 'hypervisor', detail: 'virtualises the hardware' },
  { label: 'Guest OS', kind: 'kernel', detail: 'its own kernel, one per VM' },
  { label: 'Libraries', kind: 'userland' },
  { label: 'Application', kind: 'app' },
])

export const containerStack = buildStack('Container', [
  { label: 'Physical hardware', kind: 'hardware' },
  { label: 'Host OS', kind: 'kernel', detail: 'one kernel, shared by all' },
  { label: 'Container runtime', kind: 'runtime', detail: 'namespaces + cgroups' },
  { label: 'Libraries', kind: 'userland' },
  { label: 'Application', kind: 'app' },
])

/** Both stacks build in parallel, one layer per click. */
export const STACKS_BUILT = Math.max(stackSteps(vmStack), stackSteps(containerStack))
/** One more click puts the key observation under the stacks. */
export const KEY_OBSERVATION_STEP = STACKS_BUILT + 1
export const ARCHITECTURE_CLICKS = KEY_OBSERVATION_STEP

/**
 * What each click adds, in words (`<StepCaptions>`): [0] the slide as it
 * opens, [k] what click k adds.
 */
export const architectureCaptions = [
  'Two empty columns: a virtual machine on the left, a container on the right.',
  'Both stacks start on the same physical hardware.',
  'They split: a hypervisor on the left, the host OS and its one kernel on the right.',
  'A guest OS with its own kernel in each VM; a container runtime on the host.',
  'Libraries on both sides: the userland the application links against.',
  'The application on top: from inside, the two look alike.',
  'VMs duplicate kernels, one per VM; containers share the host kernel.',
] as const

validateSteps('VM stack', vmStack.layers, STACKS_BUILT)
validateSteps('Container stack', containerStack.layers, STACKS_BUILT)

/**
 * What a stack shows at `clicks`, in words: its layers shown so far, from the
 * hardware up, each with its detail. The stack's alternate text in the PDFs
 * (a screen reader reads it in place of the drawing).
 */
export function stackDescription(stack: Stack, clicks: number): string {
  const shown = stack.layers.filter(layer => isLayerVisible(layer, clicks))
  if (shown.length === 0)
    return `${stack.title}: no layers yet.`
  return `${stack.title}, from the bottom up: ${shown.map(layer => layer.detail ? `${layer.label} (${layer.detail})` : layer.label).join(', ')}.`
}
