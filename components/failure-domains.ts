import { isStepShown } from './step.ts'
import { validateSteps } from './validate.ts'

/**
 * Failure domains, click by click: what goes down when a container, a VM or
 * the host kernel fails. Each event names the instances it takes down; the
 * note says how the shared kernel reaches neighbours short of a panic.
 */
export interface Instance {
  id: string
  label: string
  host: 'vm-host' | 'container-host'
}

export interface FailureEvent {
  label: string
  step: number
  /** Ids of the instances this failure takes down. */
  takesDown: readonly string[]
  /** Where the failure starts, for the marker. */
  origin: string
}

export const instances: readonly Instance[] = [
  { id: 'vm-1', label: 'VM 1', host: 'vm-host' },
  { id: 'vm-2', label: 'VM 2', host: 'vm-host' },
  { id: 'vm-3', label: 'VM 3', host: 'vm-host' },
  { id: 'c-1', label: 'Container 1', host: 'container-host' },
  { id: 'c-2', label: 'Container 2', host: 'container-host' },
  { id: 'c-3', label: 'Container 3', host: 'container-host' },
]

const containerIds = instances.filter(instance => instance.host === 'container-host').map(instance => instance.id)

export const failureEvents: readonly FailureEvent[] = [
  { label: 'A container crashes: that container only', step: 1, takesDown: ['c-2'], origin: 'c-2' },
  { label: 'A VM crashes: that VM only, the host carries on', step: 2, takesDown: ['vm-2'], origin: 'vm-2' },
  { label: 'The host kernel panics: every container goes', step: 3, takesDown: containerIds, origin: 'host-kernel' },
]

export const FAILURE_CLICKS = Math.max(...failureEvents.map(event => event.step))

/**
 * Shown with the panic: what else crosses from one container to its neighbours through the one kernel.
 * A global out-of-memory kill ends the processes it picks; it does not panic the kernel.
 */
export const sharedKernelNote = {
  text: 'Short of a panic, host-wide exhaustion reaches neighbours too: memory (the global OOM killer picks victims host-wide), PIDs, conntrack entries, inodes.',
  step: FAILURE_CLICKS,
}

/**
 * What each click adds, in words (`<StepCaptions>`): [0] the slide as it
 * opens, [k] what click k adds.
 */
export const failureCaptions = [
  'Three VMs on a hypervisor, three containers on one host kernel: all running.',
  'A container crashes: only that container goes down.',
  'A VM crashes: only that VM goes down, and the host carries on.',
  'The host kernel panics: every container goes; short of a panic, exhaustion spreads.',
] as const

/** Ids of the instances down after `clicks` clicks. */
export function downAt(clicks: number): Set<string> {
  return new Set(failureEvents.filter(event => isStepShown(event.step, clicks)).flatMap(event => event.takesDown))
}

/** Whether the failure that starts at `origin` has happened by `clicks`. */
export function failedAt(origin: string, clicks: number): boolean {
  return failureEvents.some(event => event.origin === origin && isStepShown(event.step, clicks))
}

validateSteps('Failure domains', failureEvents, FAILURE_CLICKS)
const known = new Set(instances.map(instance => instance.id))
for (const event of failureEvents) {
  const unknown = event.takesDown.filter(id => !known.has(id))
  if (unknown.length > 0)
    throw new Error(`Failure domains: "${event.label}" takes down unknown instance ${unknown.join(', ')}.`)
}

/**
 * What one host shows at `clicks`, in words: each instance, up or down, and
 * the layers under them, a panicked kernel said so. The column's alternate
 * text in the PDFs.
 */
export function hostDescription(host: Instance['host'], clicks: number): string {
  const down = downAt(clicks)
  const listed = instances.filter(instance => instance.host === host)
    .map(instance => `${instance.label}${host === 'vm-host' ? ' with its own kernel' : ''} ${down.has(instance.id) ? 'down' : 'running'}`)
  const base = host === 'vm-host'
    ? 'on a hypervisor, on hardware'
    : `on the host kernel${failedAt('host-kernel', clicks) ? ' (panicked)' : ''}, on hardware`
  return `${host === 'vm-host' ? 'Virtual machines' : 'Containers'}: ${listed.join(', ')}; ${base}.`
}
