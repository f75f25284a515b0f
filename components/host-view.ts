import type { SourceId } from './sources'
import { validateSteps } from './validate'

/**
 * "Containers see the host": what a container reads about its machine against
 * what its cgroup lets it use; then what that broke, and the fixes. Each row
 * names its sources.
 */
export interface HostViewRow {
  resource: string
  /** What software inside the container reads, and what it gets. */
  reads: string
  /** What the container may actually use. */
  limit: string
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
  { resource: 'Memory', reads: '/proc/meminfo, free: the host\'s memory', limit: 'memory.max: its own limit', sources: ['lxcfs'], step: 1 },
  { resource: 'CPUs', reads: '/proc/cpuinfo, online CPUs: the host\'s', limit: 'cpu.max: its CPU quota', sources: ['lxcfs', 'coreutils-news'], step: 1 },
]

export const hostViewNotes: readonly HostViewNote[] = [
  {
    label: 'What broke',
    text: 'Runtimes sized themselves for the host: the JVM its heap and threads, Go its GOMAXPROCS',
    sources: ['jdk-8146115', 'go-1-25'],
    step: 2,
  },
  {
    label: 'The fixes',
    text: 'JDK 10 and 8u191 read cgroup v1; JDK 15, 11.0.16 and 8u372 read v2; Go 1.25 reads the CPU limit',
    sources: ['jdk-8146115', 'k8s-cgroup-v2', 'go-1-25'],
    step: 3,
  },
]

export const HOST_VIEW_CLICKS = Math.max(...hostViewRows.map(row => row.step), ...hostViewNotes.map(note => note.step))

validateSteps('Containers see the host', [
  ...hostViewRows.map(row => ({ label: row.resource, step: row.step })),
  ...hostViewNotes,
], HOST_VIEW_CLICKS)
