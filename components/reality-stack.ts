import type { SourceId } from './sources.ts'
import { validateSteps } from './validate.ts'

/**
 * "Hardware → Virtual machines → Containers → Applications": how modern
 * systems run, as nested boxes that appear from the outside in, one per click.
 */
export interface RealityExample {
  text: string
  sources: readonly SourceId[]
}

export interface RealityLevel {
  label: string
  /** How many boxes of this level sit inside each box of the level above. */
  perParent: number
  /** Real systems that run this way, each sourced: a short claim (the detail is in the slide's notes). */
  examples: readonly RealityExample[]
}

export interface PlacedLevel extends RealityLevel {
  step: number
}

const levels: RealityLevel[] = [
  { label: 'Hardware', perParent: 1, examples: [] },
  {
    label: 'Virtual machine',
    perParent: 2,
    examples: [
      { text: 'AKS, EKS nodes: usually VMs', sources: ['k8s-nodes', 'aks-core-concepts', 'eks-managed-nodes'] },
      { text: 'Lambda: per-account microVMs', sources: ['aws-lambda-security'] },
    ],
  },
  {
    label: 'Container',
    perParent: 2,
    examples: [
      { text: 'Kata: a lightweight VM per pod', sources: ['kata-architecture'] },
      { text: 'gVisor: a user-space kernel per pod', sources: ['gke-sandbox'] },
      { text: 'Hyper-V isolation: a VM per container', sources: ['hyperv-containers'] },
    ],
  },
  { label: 'App', perParent: 1, examples: [] },
]

export const realityLevels: readonly PlacedLevel[] = levels.map((level, index) => ({ ...level, step: index + 1 }))

export const REALITY_CLICKS = realityLevels.length

/**
 * What each click adds, in words (`<StepCaptions>`): [0] the slide as it
 * opens, [k] what click k brings in. REALITY_CLICKS + 1 sentences.
 */
export const realityCaptions = [
  'The stack builds from the outside in, one level a click.',
  'Hardware: the machines in a provider\'s data centre.',
  'Virtual machines on the hardware: Kubernetes nodes, Lambda\'s microVMs.',
  'Containers inside each VM, some with a boundary of their own.',
  'Apps inside the containers: containers sit on top of VMs.',
] as const

validateSteps('Industry reality', realityLevels, REALITY_CLICKS)
