import { validateSteps } from './validate'

/**
 * The chapter's table "What exactly is being virtualised?", one row per click,
 * each with a one-line reason.
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

validateSteps('What is virtualised', virtualisedRows.map(row => ({ label: row.layer, step: row.step })), VIRTUALISED_CLICKS)
