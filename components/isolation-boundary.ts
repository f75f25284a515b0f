import type { SourceId } from './sources.ts'
import { validateSteps } from './validate.ts'

/**
 * Where the security boundary sits: the hypervisor for a VM, the system-call
 * interface of one shared kernel for a container; and the escapes that
 * crossed the container boundary.
 */
export interface BoundarySide {
  title: string
  /** Top-down. The boundary layer is what an attacker has to break. */
  layers: ReadonlyArray<{ label: string, boundary?: string }>
  step: number
}

export interface Escape {
  label: string
  /** What broke: the container runtime or the shared kernel. */
  broke: 'runtime' | 'kernel'
  /** What the bug let a container do: in the link's title and the slide's notes, not on the slide. */
  summary: string
  source: SourceId
  step: number
}

export const isolationSteps = {
  vm: 1,
  container: 2,
  escapes: 3,
  rule: 4,
} as const

export const ISOLATION_CLICKS = Math.max(...Object.values(isolationSteps))

export const boundarySides: readonly BoundarySide[] = [
  {
    title: 'Virtual machine',
    step: isolationSteps.vm,
    layers: [
      { label: 'App' },
      { label: 'Guest kernel' },
      { label: 'Hypervisor', boundary: 'boundary: virtual hardware' },
      { label: 'Host' },
    ],
  },
  {
    title: 'Container',
    step: isolationSteps.container,
    layers: [
      { label: 'App' },
      { label: 'System calls', boundary: 'boundary: the kernel\'s system-call interface' },
      { label: 'Shared host kernel' },
    ],
  },
]

export const escapes: readonly Escape[] = [
  { label: 'CVE-2019-5736', broke: 'runtime', summary: 'overwrote the host\'s runc binary', source: 'cve-2019-5736', step: isolationSteps.escapes },
  { label: 'CVE-2024-21626', broke: 'runtime', summary: 'leaked a host file descriptor', source: 'cve-2024-21626', step: isolationSteps.escapes },
  { label: 'Dirty COW', broke: 'kernel', summary: 'wrote to read-only memory', source: 'cve-2016-5195', step: isolationSteps.escapes },
  { label: 'Dirty Pipe', broke: 'kernel', summary: 'wrote to read-only files', source: 'cve-2022-0847', step: isolationSteps.escapes },
]

/**
 * What each click adds, in words (`<StepCaptions>`): [0] the slide as it
 * opens, [k] what click k adds.
 */
export const isolationCaptions = [
  'Two stacks to come, each with the wall an attacker must climb to reach the host.',
  'A VM\'s boundary: the hypervisor, a narrow virtual-hardware interface.',
  'A container\'s boundary: the wide system-call interface of one shared kernel.',
  'Runtime bugs and kernel bugs have crossed the container\'s boundary.',
  'The rule: VMs isolate more strongly; containers suffice for most workloads.',
] as const

validateSteps('Isolation boundary', [
  ...boundarySides.map(side => ({ label: side.title, step: side.step })),
  ...escapes,
], ISOLATION_CLICKS)

/** A side in words, top-down, naming its boundary: its alternate text in the PDFs. */
export function sideDescription(side: BoundarySide): string {
  return `${side.title}, from the top: ${side.layers.map(layer => layer.boundary ? `${layer.label} (${layer.boundary})` : layer.label).join(', ')}.`
}
