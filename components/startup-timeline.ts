import type { SourceId } from './sources.ts'
import { DiagramDataError, validateAmount } from './validate.ts'

/**
 * How long it takes to start a workload, one way of starting it per bar, each
 * split into the phases its source measures reliably, or drawn as one. Every duration is in milliseconds
 * and comes from the bar's source under the bar's conditions; the speaker
 * notes say what each phase contains.
 */

/** What a phase spends its time on; one colour per kind in the timeline. */
export type PhaseKind = 'unsplit' | 'firmware' | 'loader' | 'kernel' | 'user-space' | 'runtime' | 'namespaces' | 'process'

export interface Phase {
  label: string
  ms: number
  kind: PhaseKind
  /** How the phase's figure is said aloud, when not simply its duration (a range, a bound). */
  said?: string
}

export type StartupId = 'cloud-vm' | 'local-vm' | 'microvm' | 'docker-run' | 'runtime' | 'process'

export interface StartupBar {
  id: StartupId
  label: string
  /** Total as the source reports it; the phases add up to it within rounding. */
  totalMs: number
  /** How the total is said aloud, when not simply the duration ("up to 125 ms"). */
  said?: string
  phases: readonly Phase[]
  conditions: string
  source: SourceId
  /** Other sources of the bar's figures, when `said` gives a range across sources. */
  alsoSources?: readonly SourceId[]
  /** Whether the phases run in the order drawn as measured, or only as a schematic split. */
  order: 'measured' | 'schematic'
}

export const startupBars: readonly StartupBar[] = [
  {
    id: 'cloud-vm',
    label: 'Cloud VM (EC2)',
    totalMs: 25_825,
    // One phase: the source times "running" with `aws ec2 wait instance-running`, which polls every 15 s,
    // so its split of the total into API, pending-to-running and boot measures mostly the poll interval.
    phases: [
      { label: 'to SSH; n = 3, one repository', ms: 25_825, kind: 'unsplit' },
    ],
    conditions: 'RunInstances call to SSH ready; m7i.large, Amazon Linux 2023, mean of 3 runs (n = 3), 2026',
    source: 'ec2-coldboot',
    order: 'measured',
  },
  {
    id: 'local-vm',
    label: 'Distro VM, QEMU/KVM',
    totalMs: 14_600,
    phases: [
      { label: 'firmware', ms: 6_900, kind: 'firmware' },
      { label: 'loader', ms: 3_700, kind: 'loader' },
      { label: 'kernel', ms: 660, kind: 'kernel' },
      { label: 'initrd', ms: 1_700, kind: 'user-space' },
      { label: 'user space', ms: 1_700, kind: 'user-space' },
    ],
    conditions: 'systemd-analyze of an mkosi image under QEMU on a laptop, UEFI, 2020; its firmware time is unreliable in a VM (systemd #22060), and the same reporter measured about 6 s four days later',
    source: 'mkosi-550',
    order: 'measured',
  },
  {
    id: 'microvm',
    label: 'Firecracker microVM',
    totalMs: 125,
    said: 'up to 125 ms',
    phases: [
      { label: 'InstanceStart to guest /sbin/init', ms: 125, kind: 'kernel', said: 'up to 125 ms' },
    ],
    conditions: 'specified bound; 1 vCPU, 128 MiB, minimal kernel, serial console off',
    source: 'firecracker-spec',
    order: 'measured',
  },
  {
    id: 'docker-run',
    label: 'docker run',
    totalMs: 568,
    phases: [
      { label: 'CLI, daemon, runtime, filesystem', ms: 559, kind: 'runtime' },
      { label: 'namespace creation', ms: 9, kind: 'namespaces', said: '8-10 ms' },
    ],
    conditions: 'alpine, warm; Azure 2 vCPU VM, Premium SSD, Docker 28, n=50 (2026 preprint)',
    source: 'khan-2026',
    order: 'schematic',
  },
  {
    id: 'runtime',
    label: 'Bare runtime (crun)',
    totalMs: 17,
    said: '~17-47 ms',
    phases: [
      { label: 'namespaces, cgroups, exec /bin/true', ms: 17, kind: 'namespaces', said: '~17 ms (runc ~33 ms)' },
    ],
    conditions: 'crun README: 100 sequential /bin/true containers in 1.69 s (runc 3.34 s), the bar; youki README: crun create + start + delete 47.3 ms (runc 224.6 ms), page cache dropped before each run, Ubuntu 22.04, kernel 6.5',
    source: 'crun',
    alsoSources: ['youki'],
    order: 'measured',
  },
  {
    id: 'process',
    label: 'Process (fork + exec)',
    totalMs: 1,
    said: '~1 ms',
    phases: [
      { label: 'fork and exec', ms: 1, kind: 'process', said: '~1 ms' },
    ],
    conditions: 'Linux, as quoted by the LightVM authors',
    source: 'lightvm',
    order: 'measured',
  },
]

/**
 * The two timeline slides. `shown` bars are drawn from the start (already
 * explained); each `revealed` bar appears, phases playing, on its own click;
 * with `race`, one more click replays every bar at true speed.
 */
export interface TimelineView {
  shown: readonly StartupId[]
  revealed: readonly StartupId[]
  race: boolean
}

export const timelineViews = {
  vms: { shown: [], revealed: ['cloud-vm', 'local-vm', 'microvm'], race: false },
  all: { shown: ['cloud-vm', 'local-vm', 'microvm'], revealed: ['docker-run', 'runtime', 'process'], race: true },
} as const satisfies Record<string, TimelineView>

export type TimelineViewName = keyof typeof timelineViews

/** Clicks of a timeline slide (components/clicks.ts): one per revealed bar, plus the race. */
export function timelineClicks(view: TimelineViewName): number {
  const { revealed, race } = timelineViews[view]
  return revealed.length + (race ? 1 : 0)
}

/** The click at which a bar appears on a view: 0 for bars shown from the start. */
export function barStep(view: TimelineViewName, id: StartupId): number {
  const { revealed } = timelineViews[view]
  return (revealed as readonly StartupId[]).indexOf(id) + 1
}

export function getBar(id: StartupId): StartupBar {
  const bar = startupBars.find(candidate => candidate.id === id)
  if (!bar)
    throw new DiagramDataError(`Startup: no bar "${id}".`)
  return bar
}

/** The phases add up to the reported total, allowing for the source's rounding (half a unit of its last digit, or 1%). */
export function phasesMatchTotal(bar: StartupBar): boolean {
  const sum = bar.phases.reduce((total, phase) => total + phase.ms, 0)
  return Math.abs(sum - bar.totalMs) <= Math.max(bar.totalMs * 0.01, 0.5)
}

for (const bar of startupBars) {
  validateAmount('Startup', bar.label, bar.totalMs)
  if (bar.phases.length === 0)
    throw new DiagramDataError(`Startup: "${bar.label}" has no phases.`)
  for (const phase of bar.phases)
    validateAmount('Startup', `${bar.label}: ${phase.label}`, phase.ms)
  if (!phasesMatchTotal(bar))
    throw new DiagramDataError(`Startup: the phases of "${bar.label}" do not add up to its total of ${bar.totalMs} ms.`)
}

/** What each click of a timeline slide shows, in words (components/step-captions.ts): [0] the slide as it opens. */
export const timelineCaptions = {
  vms: [
    'Three ways to start a VM, on a log axis: one tick per factor of ten.',
    'A cloud VM on EC2: 25.8 s from the API call until SSH answers (3 runs).',
    'A distro VM under QEMU: 14.6 s, mostly firmware (as reported) and boot loader.',
    'A Firecracker microVM: up to 125 ms to the guest\'s init.',
  ],
  all: [
    'The three VMs from the last slide, on the same axis.',
    'docker run: 568 ms, of which namespace creation is 8-10 ms.',
    'A bare runtime, crun: about 17-47 ms, with no daemon.',
    'The floor: a plain fork and exec, about 1 ms.',
    'Every bar at true speed: the containers finish while the distro VM is in firmware.',
  ],
} as const satisfies Record<TimelineViewName, readonly string[]>
