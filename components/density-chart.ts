import type { SourceId } from './sources.ts'
import { validateAmount, validateSteps } from './validate.ts'

/**
 * How many workloads fit on one host, from host memory and the memory each
 * instance costs beyond the application itself (sourced).
 */
export interface Overhead {
  label: string
  /** MiB each instance costs beyond the application's own memory. */
  mib: number
  basis: string
  source: SourceId
  step: number
}

export interface DensityInput {
  hostGiB: number
  appMiB: number
}

export const DEFAULT_DENSITY: DensityInput = { hostGiB: 64, appMiB: 128 }

/** Limits of the inputs the presenter can set in the live talk. */
export const DENSITY_LIMITS = {
  hostGiB: { min: 8, max: 512, step: 8 },
  appMiB: { min: 16, max: 2048, step: 16 },
} as const

export const overheads: readonly Overhead[] = [
  {
    label: 'VMs',
    mib: 320,
    basis: 'a small VM per workload: Kata Containers 4.0\'s default pod overhead with QEMU',
    source: 'kata-runtimeclass',
    step: 1,
  },
  {
    label: 'Containers',
    mib: 10,
    basis: 'no guest kernel; the runtime\'s shim, about 10 MiB resident in one report',
    source: 'containerd-shim-rss',
    step: 2,
  },
]

export const podsPerNode = { value: 110, source: 'k8s-large-clusters' as SourceId, step: 3 }

export const DENSITY_CLICKS = Math.max(podsPerNode.step, ...overheads.map(overhead => overhead.step))

/**
 * What each click adds, in words (`<StepCaptions>`): [0] the slide as it
 * opens, [k] what click k adds. No counts: the presenter's sliders change them.
 */
export const densityCaptions = [
  'The inputs: the host\'s memory and the application\'s; no bars yet.',
  'VMs: each adds a small VM\'s overhead, 320 MiB (Kata 4.0), to the application.',
  'Containers: no guest kernel; each adds its shim, about 10 MiB.',
  'The dashed line: Kubernetes runs at most 110 pods per node by default.',
] as const

/** Whole instances of `appMiB` plus `overheadMiB` that fit in `hostGiB`. */
export function instancesPerHost({ hostGiB, appMiB }: DensityInput, overheadMiB: number): number {
  validateAmount('Density', 'host memory', hostGiB)
  validateAmount('Density', 'application memory', appMiB)
  validateAmount('Density', 'overhead', overheadMiB)
  const perInstance = appMiB + overheadMiB
  if (perInstance === 0)
    return 0
  return Math.floor((hostGiB * 1024) / perInstance)
}

validateSteps('Density', [...overheads, { label: 'pods per node', step: podsPerNode.step }], DENSITY_CLICKS)
for (const overhead of overheads)
  validateAmount('Density', overhead.label, overhead.mib)
