import type { SourceId } from './sources'
import { isStepShown } from './step'
import { validateSteps } from './validate'

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
  /** Real systems that run this way, each sourced. */
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
      { text: 'Kubernetes nodes: Azure VMs, EC2 instances', sources: ['k8s-nodes', 'aks-core-concepts', 'eks-managed-nodes'] },
      { text: 'AWS Lambda: microVMs, each for one AWS account', sources: ['aws-lambda-security'] },
    ],
  },
  {
    label: 'Container',
    perParent: 2,
    examples: [
      { text: 'Kata Containers: a lightweight VM per pod', sources: ['kata-architecture'] },
      { text: 'GKE Sandbox: gVisor, a user-space kernel per pod', sources: ['gke-sandbox'] },
      { text: 'Windows: Hyper-V isolated containers', sources: ['hyperv-containers'] },
    ],
  },
  { label: 'App', perParent: 1, examples: [] },
]

export const realityLevels: readonly PlacedLevel[] = levels.map((level, index) => ({ ...level, step: index + 1 }))

export const REALITY_CLICKS = realityLevels.length

export function isLevelVisible(depth: number, clicks: number): boolean {
  const level = realityLevels[depth]
  return level !== undefined && isStepShown(level.step, clicks)
}

validateSteps('Industry reality', realityLevels, REALITY_CLICKS)
