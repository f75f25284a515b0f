import type { SourceId } from './sources.ts'
import { validateSteps } from './validate.ts'

/**
 * "Isolation is a spectrum, not a switch": five rungs from the default
 * container to a full VM, one per click. Each says what stands between the
 * app and the host kernel, what it costs and who runs it, with its sources.
 */
export interface SpectrumRung {
  label: string
  /** What the app's system calls meet before the host kernel. */
  barrier: string
  cost: string
  usedBy: string
  sources: readonly SourceId[]
  /** The figures in `cost`, as said aloud, each with its source. */
  figures?: ReadonlyArray<{ said: string, source: SourceId }>
  step: number
}

const rungs: Array<Omit<SpectrumRung, 'step'>> = [
  {
    label: 'Default container',
    barrier: 'Namespaces, cgroups; Docker\'s seccomp allowlist (361 calls, 2026), none in Kubernetes',
    cost: 'Nothing extra',
    usedBy: 'Most containers',
    sources: ['moby-seccomp-default', 'docker-seccomp', 'docker-security', 'k8s-seccomp'],
  },
  {
    label: 'Hardened container',
    barrier: 'Strict seccomp, no capabilities, an LSM, a user namespace',
    cost: 'Configuration',
    usedBy: 'Opt-in: rootless mode',
    sources: ['kernel-no-new-privs', 'docker-rootless', 'k8s-user-namespaces'],
  },
  {
    label: 'User-space kernel',
    barrier: 'gVisor answers the system calls itself',
    cost: 'Slower syscalls',
    usedBy: 'GKE Sandbox',
    sources: ['gvisor-security', 'gvisor-performance', 'gke-sandbox'],
  },
  {
    label: 'MicroVM per pod',
    barrier: 'Its own guest kernel, few virtual devices',
    cost: '320 MiB a pod (Kata 4.0)',
    usedBy: 'Kata; Lambda, per account',
    sources: ['kata-architecture', 'firecracker-design', 'kata-runtimeclass', 'aws-lambda-security'],
    figures: [{ said: '320 MiB', source: 'kata-runtimeclass' }],
  },
  {
    label: 'Full VM',
    barrier: 'Its own kernel and OS; devices as its hypervisor provides them',
    cost: 'A whole OS',
    usedBy: 'Cloud instances',
    sources: ['k8s-nodes'],
  },
]

export const spectrumRungs: readonly SpectrumRung[] = rungs.map((rung, index) => ({ ...rung, step: index + 1 }))

export const SPECTRUM_CLICKS = spectrumRungs.length

validateSteps('Isolation spectrum', spectrumRungs, SPECTRUM_CLICKS)

/** What each click shows, in words (components/step-captions.ts): [0] the slide as it opens. */
export const spectrumCaptions = [
  'An empty ladder: from the default container up to a full VM.',
  'A default container: namespaces and cgroups, nothing extra to pay.',
  'A hardened container: strict seccomp and a user namespace, for some configuration.',
  'A user-space kernel: gVisor answers the system calls, which get slower.',
  'A microVM per pod: its own guest kernel; Kata 4.0 declares 320 MiB a pod.',
  'A full VM: its own kernel and OS; its strength is its hypervisor\'s device model.',
] as const
