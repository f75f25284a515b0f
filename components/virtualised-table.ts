import { validateSteps } from './validate.ts'

/**
 * The chapter's table "What exactly is being virtualised?", one row per click,
 * each with a one-line reason. The slide shows the verdicts; the reasons are
 * said in the slide's notes (pages/06-virtualised.md), not shown.
 */
export type Verdict = 'yes' | 'no' | 'shared'

export interface Cell {
  verdict: Verdict
  text: string
}

export interface VirtualisedRow {
  layer: string
  vm: Cell
  container: Cell
  /** The reason, for the notes and the handout; not on the slide. */
  why: string
  step: number
}

const rows: Array<Omit<VirtualisedRow, 'step'>> = [
  {
    layer: 'Hardware',
    vm: { verdict: 'yes', text: 'Yes' },
    container: { verdict: 'no', text: 'No' },
    why: 'Guest code runs on the real CPU (VT-x/AMD-V), its memory translated by the MMU (EPT/NPT); devices are emulated or virtio. A container sees the hardware as it is.',
  },
  {
    layer: 'Kernel',
    vm: { verdict: 'yes', text: 'Yes, per VM' },
    container: { verdict: 'shared', text: 'No, shared' },
    why: 'Each VM boots its own kernel; every container calls into the host\'s.',
  },
  {
    layer: 'OS services',
    vm: { verdict: 'yes', text: 'Yes' },
    container: { verdict: 'shared', text: 'Shared' },
    why: 'A VM runs its own init and daemons; a container usually runs one process tree.',
  },
  {
    layer: 'Process view',
    vm: { verdict: 'shared', text: 'Shared inside the VM' },
    container: { verdict: 'yes', text: 'Isolated' },
    why: 'A PID namespace gives each container its own PID 1.',
  },
  {
    layer: 'Filesystem',
    vm: { verdict: 'yes', text: 'Virtual disk' },
    container: { verdict: 'yes', text: 'Namespaced' },
    why: 'A block device for the VM; a mount namespace over image layers for the container.',
  },
  {
    layer: 'Network',
    vm: { verdict: 'yes', text: 'Virtual NIC' },
    container: { verdict: 'yes', text: 'Namespaced' },
    why: 'An emulated or paravirtual NIC for the VM; a network namespace with a veth pair for the container.',
  },
]

export const virtualisedRows: readonly VirtualisedRow[] = rows.map((row, index) => ({ ...row, step: index + 1 }))

export const VIRTUALISED_CLICKS = virtualisedRows.length

/**
 * What each click adds, in words (`<StepCaptions>`): [0] the slide as it
 * opens, [k] the row click k adds.
 */
export const virtualisedCaptions = [
  'An empty table: what VMs and containers each virtualise, layer by layer.',
  'Hardware: virtual for a VM; a container sees the real hardware.',
  'Kernel: one per VM; containers share the host\'s kernel.',
  'OS services: a VM runs its own; a container shares the host\'s.',
  'Process view: shared inside a VM; each container gets its own PID 1.',
  'Filesystem: a virtual disk for a VM, a mount namespace for a container.',
  'Network: a virtual NIC for a VM, a network namespace for a container.',
] as const

validateSteps('What is virtualised', virtualisedRows.map(row => ({ label: row.layer, step: row.step })), VIRTUALISED_CLICKS)
