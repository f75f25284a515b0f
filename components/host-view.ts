import type { SourceId } from './sources'
import { validateSteps } from './validate'

/**
 * "Containers see the host": what a container reads about its machine against
 * what its cgroup lets it use, one resource per click; then what that broke,
 * and what cgroup v2 adds. Each row names its sources.
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
    text: 'Runtimes sized themselves for the host: the JVM\'s heap and threads, Go\'s GOMAXPROCS. Fixed in JDK 10 and 8u191, and in Go 1.25',
    sources: ['jdk-8146115', 'go-1-25'],
    step: 2,
  },
  {
    label: 'Still shared',
    text: 'Most sysctls are node-wide; the page cache and the conntrack table are one per host',
    sources: ['k8s-sysctls', 'kernel-cgroup-v2', 'conntrack-readonly'],
    step: 3,
  },
  {
    label: 'The answer',
    text: 'cgroup v2: one hierarchy for memory, I/O with writeback, and PIDs; PSI shows who is stalled',
    sources: ['k8s-cgroup-v2', 'kernel-cgroup-v2', 'kernel-psi'],
    step: 4,
  },
]

export const HOST_VIEW_CLICKS = Math.max(...hostViewRows.map(row => row.step), ...hostViewNotes.map(note => note.step))

validateSteps('Containers see the host', [
  ...hostViewRows.map(row => ({ label: row.resource, step: row.step })),
  ...hostViewNotes,
], HOST_VIEW_CLICKS)
