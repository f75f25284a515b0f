import type { SourceId } from './sources.ts'
import { validateSteps } from './validate.ts'

/**
 * "Containers see the host": what a container reads about its machine against
 * what its cgroup lets it use; then what that broke, and the fixes. Each row
 * names its sources.
 */
export interface HostViewRow {
  resource: string
  /** What software inside the container reads about its machine, and what it gets. */
  reads: string
  /** Where it reads it: the files and tools. */
  readsFrom: string
  /** What the container may actually use. */
  limit: string
  /** Where that limit is set: the cgroup file. */
  limitFrom: string
  sources: readonly SourceId[]
  step: number
}

export interface HostViewNote {
  label: string
  text: string
  sources: readonly SourceId[]
  step: number
}

export const hostViewRows: readonly HostViewRow[] = [
  { resource: 'Memory', reads: 'The host\'s memory', readsFrom: '/proc/meminfo, free', limit: 'Its own limit', limitFrom: 'memory.max', sources: ['lxcfs', 'man-pid-namespaces'], step: 1 },
  { resource: 'CPUs', reads: 'The host\'s CPUs', readsFrom: '/proc/cpuinfo, online CPUs', limit: 'Its CPU quota', limitFrom: 'cpu.max', sources: ['lxcfs', 'coreutils-news'], step: 1 },
]

export const hostViewNotes: readonly HostViewNote[] = [
  {
    label: 'What broke',
    text: 'The JVM sized its heap and threads for the host; Go its GOMAXPROCS.',
    sources: ['jdk-8146115', 'go-1-25'],
    step: 2,
  },
  {
    label: 'The fixes',
    text: 'JDK 10 and 8u191 read cgroup v1; JDK 15, 11.0.16 and 8u372 read v2; Go 1.25 reads the CPU limit.',
    sources: ['jdk-8146115', 'k8s-cgroup-v2', 'go-1-25'],
    step: 3,
  },
]

export const HOST_VIEW_CLICKS = Math.max(...hostViewRows.map(row => row.step), ...hostViewNotes.map(note => note.step))

/**
 * What each click adds, in words (`<StepCaptions>`): [0] the slide as it
 * opens, [k] what click k adds.
 */
export const hostViewCaptions = [
  'Just the title: what a container reads about its machine comes next.',
  'Memory and CPUs: it reads the host\'s, but may use only its own limits.',
  'What broke: the JVM and Go sized themselves for the host.',
  'The fixes: the JVM reads its memory and CPU limits; Go 1.25 its CPU limit.',
] as const

validateSteps('Containers see the host', [
  ...hostViewRows.map(row => ({ label: row.resource, step: row.step })),
  ...hostViewNotes,
], HOST_VIEW_CLICKS)
