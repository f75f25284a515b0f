import { isStepShown } from './step.ts'
import { validateSteps } from './validate.ts'

/**
 * Several workloads on one host: each VM brings its own kernel, the containers
 * share one. Steps: the host, then the workloads, then the kernels counted.
 */
export const WORKLOADS = 3

export const workloadSteps = {
  host: 1,
  workloads: 2,
  kernelsCounted: 3,
} as const

export const WORKLOADS_CLICKS = Math.max(...Object.values(workloadSteps))

export interface WorkloadSide {
  title: string
  /** Layers shared by all workloads, bottom-up. */
  shared: readonly string[]
  /** Layers each workload brings, top-down. */
  perWorkload: readonly string[]
  /** Index into `shared` or `perWorkload` of the kernel. */
  kernel: { in: 'shared' | 'perWorkload', index: number }
}

export const vmSide: WorkloadSide = {
  title: 'Three VMs',
  shared: ['Physical hardware', 'Hypervisor'],
  perWorkload: ['App', 'Libraries', 'Guest kernel'],
  kernel: { in: 'perWorkload', index: 2 },
}

export const containerSide: WorkloadSide = {
  title: 'Three containers',
  shared: ['Physical hardware', 'Host kernel'],
  perWorkload: ['App', 'Libraries'],
  kernel: { in: 'shared', index: 1 },
}

/** How many kernels run on the host. */
export function kernelCount(side: WorkloadSide, workloads = WORKLOADS): number {
  return side.kernel.in === 'shared' ? 1 : workloads
}

/**
 * What each click adds, in words (`<StepCaptions>`): [0] the slide as it
 * opens, [k] what click k adds.
 */
export const kernelCountCaptions = [
  'Two hosts to fill: three VMs on the left, three containers on the right.',
  'The hosts: hardware and a hypervisor; hardware and the host kernel.',
  'Three workloads on each: every VM brings its own guest kernel.',
  'Count the kernels: three for the VMs, one for all the containers.',
] as const

validateSteps('Workloads', Object.entries(workloadSteps).map(([label, step]) => ({ label, step })), WORKLOADS_CLICKS)

/**
 * What one side shows at `clicks`, in words: its host, the workloads on it,
 * then the count. The side's alternate text in the PDFs.
 */
export function sideDescription(side: WorkloadSide, clicks: number, workloads = WORKLOADS): string {
  if (!isStepShown(workloadSteps.host, clicks))
    return `${side.title}: no host yet.`
  const list = (layers: readonly string[]) => layers.map(layer => layer.toLowerCase()).join(', ').replace(/, ([^,]+)$/, ' and $1')
  const parts = [`${side.title}: a host of ${list(side.shared)}`]
  if (isStepShown(workloadSteps.workloads, clicks))
    parts.push(`, running ${workloads} workloads, each with its own ${list(side.perWorkload)}`)
  parts.push('.')
  if (isStepShown(workloadSteps.kernelsCounted, clicks)) {
    const kernels = kernelCount(side, workloads)
    parts.push(` ${kernels} ${kernels === 1 ? 'kernel' : 'kernels'} in all.`)
  }
  return parts.join('')
}
