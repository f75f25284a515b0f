import type { StartupId } from './startup-timeline'

/**
 * Start times measured on the presenter's machine by `npm run measure`
 * (`scripts/measure/measure.ts`), read at build time from `data/measured.json`. The
 * file is checked here before the timeline shows it: a file that is not
 * exactly this shape is ignored with the reasons, and the slide keeps to the
 * cited figures.
 */

/** Raise when the shape changes; older files are then refused as out of date. */
export const MEASURED_SCHEMA = 1

/** The longest start a probe may report, ms: an hour. Anything longer is a broken measurement, and would stretch the axis without end. */
export const MAX_MS = 3_600_000

export type ProbeId = 'process' | 'namespaces' | 'container' | 'vm'

export const probeIds: readonly ProbeId[] = ['process', 'namespaces', 'container', 'vm']

interface ProbeBase {
  id: ProbeId
  /** What the probe runs, e.g. "spawn /bin/true and wait". */
  label: string
}

export interface ProbeResult extends ProbeBase {
  status: 'ok'
  /** The program that did the work: "unshare", "docker", "qemu-system-x86_64", "firecracker". */
  tool: string
  runs: number
  minMs: number
  p25Ms: number
  medianMs: number
  p75Ms: number
  maxMs: number
}

export interface ProbeSkipped extends ProbeBase {
  status: 'skipped'
  reason: string
}

export type Probe = ProbeResult | ProbeSkipped

export interface Machine {
  /** One line for the slide: CPU, cores, OS. */
  label: string
  cpu: string
  cores: number
  memoryGiB: number
  os: string
  kernel: string
  arch: string
  /** Whether the machine is itself a virtual machine; null when it cannot tell. */
  virtualised: boolean | null
  /** How that was decided, e.g. "systemd-detect-virt: kvm". */
  virtualisation: string
}

export interface Measured {
  schema: typeof MEASURED_SCHEMA
  /** When it was measured, ISO 8601. */
  date: string
  machine: Machine
  probes: Probe[]
}

export type MeasuredCheck
  = | { ok: true, measured: Measured }
    | { ok: false, problems: string[] }

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Checks a parsed `measured.json`; every problem is named with where it is. */
export function checkMeasured(value: unknown): MeasuredCheck {
  const problems: string[] = []
  const text = (where: string, item: unknown): void => {
    if (typeof item !== 'string' || item.trim() === '')
      problems.push(`${where} must be a non-empty string, not ${JSON.stringify(item)}`)
  }
  const amount = (where: string, item: unknown, most = Number.MAX_VALUE): void => {
    if (typeof item !== 'number' || !Number.isFinite(item) || item < 0 || item > most)
      problems.push(`${where} must be a number from 0 to ${most === Number.MAX_VALUE ? 'any size' : most}, not ${JSON.stringify(item)}`)
  }

  if (!isObject(value))
    return { ok: false, problems: ['the file must hold a JSON object'] }
  if (value.schema !== MEASURED_SCHEMA) {
    const found = typeof value.schema === 'number' && value.schema < MEASURED_SCHEMA ? ` (older than ${MEASURED_SCHEMA}: the file is out of date)` : ''
    problems.push(`schema must be ${MEASURED_SCHEMA}, not ${JSON.stringify(value.schema)}${found}`)
  }
  if (typeof value.date !== 'string' || Number.isNaN(Date.parse(value.date)))
    problems.push(`date must be an ISO 8601 date, not ${JSON.stringify(value.date)}`)

  if (!isObject(value.machine)) {
    problems.push('machine must be an object')
  }
  else {
    const machine = value.machine
    for (const key of ['label', 'cpu', 'os', 'kernel', 'arch', 'virtualisation'] as const)
      text(`machine.${key}`, machine[key])
    amount('machine.cores', machine.cores)
    amount('machine.memoryGiB', machine.memoryGiB)
    if (machine.virtualised !== null && typeof machine.virtualised !== 'boolean')
      problems.push(`machine.virtualised must be true, false or null, not ${JSON.stringify(machine.virtualised)}`)
  }

  if (!Array.isArray(value.probes)) {
    problems.push('probes must be a list')
  }
  else {
    const seen = new Set<unknown>()
    value.probes.forEach((probe: unknown, index) => {
      const where = `probes[${index}]`
      if (!isObject(probe)) {
        problems.push(`${where} must be an object`)
        return
      }
      if (!probeIds.includes(probe.id as ProbeId))
        problems.push(`${where}.id must be one of ${probeIds.join(', ')}, not ${JSON.stringify(probe.id)}`)
      else if (seen.has(probe.id))
        problems.push(`${where}.id ${JSON.stringify(probe.id)} appears twice`)
      seen.add(probe.id)
      text(`${where}.label`, probe.label)
      if (probe.status === 'skipped') {
        text(`${where}.reason`, probe.reason)
        return
      }
      if (probe.status !== 'ok') {
        problems.push(`${where}.status must be "ok" or "skipped", not ${JSON.stringify(probe.status)}`)
        return
      }
      text(`${where}.tool`, probe.tool)
      if (!Number.isInteger(probe.runs) || (probe.runs as number) < 1)
        problems.push(`${where}.runs must be a whole number of 1 or more, not ${JSON.stringify(probe.runs)}`)
      const keys = ['minMs', 'p25Ms', 'medianMs', 'p75Ms', 'maxMs'] as const
      keys.forEach(key => amount(`${where}.${key}`, probe[key], MAX_MS))
      const values = keys.map(key => probe[key])
      const valid = values.every(item => typeof item === 'number' && Number.isFinite(item) && item >= 0 && item <= MAX_MS)
      if (valid && values.some((item, at) => at > 0 && (item as number) < (values[at - 1] as number)))
        problems.push(`${where} must have minMs <= p25Ms <= medianMs <= p75Ms <= maxMs`)
    })
  }

  return problems.length === 0 ? { ok: true, measured: value as unknown as Measured } : { ok: false, problems }
}

/** Parses and checks the text of a `measured.json`. */
export function parseMeasured(source: string): MeasuredCheck {
  let value: unknown
  try {
    value = JSON.parse(source)
  }
  catch (error) {
    return { ok: false, problems: [`not JSON: ${(error as Error).message}`] }
  }
  return checkMeasured(value)
}

/** The timeline bar a probe's result is drawn beside. */
export function barForProbe(probe: ProbeResult): StartupId {
  switch (probe.id) {
    case 'process': return 'process'
    case 'namespaces': return 'runtime'
    case 'container': return 'docker-run'
    case 'vm': return probe.tool.includes('firecracker') ? 'microvm' : 'local-vm'
  }
}

/** What ran, in two words: "fork + exec", "unshare", "docker", "QEMU (TCG)". */
export function probeName(probe: ProbeResult): string {
  switch (probe.id) {
    case 'process': return 'fork + exec'
    case 'namespaces': return 'unshare'
    case 'container': return probe.tool
    case 'vm': return probe.tool.includes('firecracker')
      ? 'Firecracker'
      : `QEMU${/\((\w+)\)/.exec(probe.tool)?.[1] === 'tcg' ? ' (emulated)' : ''}`
  }
}

/** The measured result to draw beside a bar, if this machine has one. */
export function measuredFor(id: StartupId, measured: Measured | null): ProbeResult | undefined {
  return measured?.probes.find((probe): probe is ProbeResult => probe.status === 'ok' && barForProbe(probe) === id)
}

/** "AMD EPYC, 2 cores, Linux 6.1 (a VM), 27 Nov 2026": who measured, on what, when. */
export function machineCaption(measured: Measured): string {
  const day = new Date(measured.date).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
  const vm = measured.machine.virtualised === true ? ' (itself a VM)' : ''
  return `${measured.machine.label}${vm}, ${day}`
}
