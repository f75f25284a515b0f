import type { Measured, ProbeResult } from './measured'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { barForProbe, checkMeasured, machineCaption, MEASURED_SCHEMA, measuredFor, parseMeasured, probeName } from './measured'

const fixture = readFileSync('tests/fixtures/measured.json', 'utf8')
const valid = (): Measured => JSON.parse(fixture) as Measured
function problemsOf(value: unknown) {
  const check = checkMeasured(value)
  return check.ok ? [] : check.problems
}

describe('a measured.json', () => {
  it('is accepted when it has the current shape', () => {
    const check = parseMeasured(fixture)
    expect(check.ok).toBe(true)
    expect(check.ok && check.measured.probes).toHaveLength(4)
  })

  it('is accepted with skipped probes that say why', () => {
    const measured = valid()
    measured.probes[2] = { id: 'container', label: 'docker run --rm busybox true', status: 'skipped', reason: 'no docker or podman on PATH' }
    expect(problemsOf(measured)).toEqual([])
  })

  it('is refused when it is not JSON, or not an object', () => {
    expect(parseMeasured('{"schema": 1,').ok).toBe(false)
    expect(problemsOf([])).toEqual(['the file must hold a JSON object'])
    expect(problemsOf(null)).toEqual(['the file must hold a JSON object'])
  })

  it('is refused as out of date when its schema is older', () => {
    expect(problemsOf({ ...valid(), schema: MEASURED_SCHEMA - 1 })).toEqual([`schema must be ${MEASURED_SCHEMA}, not ${MEASURED_SCHEMA - 1} (older than ${MEASURED_SCHEMA}: the file is out of date)`])
    expect(problemsOf({ ...valid(), schema: 'one' })[0]).toMatch(/^schema must be 1/)
  })

  it('is refused with negative, missing or non-numeric figures, each named', () => {
    const measured = valid() as unknown as { probes: Record<string, unknown>[] }
    measured.probes[0]!.medianMs = -0.7
    delete measured.probes[1]!.maxMs
    measured.probes[2]!.minMs = '380'
    measured.probes[3]!.runs = 0
    expect(problemsOf(measured)).toEqual([
      'probes[0].medianMs must be a number from 0 to 3600000, not -0.7',
      'probes[1].maxMs must be a number from 0 to 3600000, not undefined',
      'probes[2].minMs must be a number from 0 to 3600000, not "380"',
      'probes[3].runs must be a whole number of 1 or more, not 0',
    ])
  })

  it('is refused with a duration too long to be a start, which would stretch the axis without end', () => {
    const measured = valid()
    Object.assign(measured.probes[3]!, { medianMs: 1.5e308, p75Ms: 1.5e308, maxMs: 1.5e308 })
    expect(problemsOf(measured)).toEqual([
      'probes[3].medianMs must be a number from 0 to 3600000, not 1.5e+308',
      'probes[3].p75Ms must be a number from 0 to 3600000, not 1.5e+308',
      'probes[3].maxMs must be a number from 0 to 3600000, not 1.5e+308',
    ])
  })

  it('is refused when the spread is out of order', () => {
    const measured = valid()
    Object.assign(measured.probes[0]!, { minMs: 2, medianMs: 1 })
    expect(problemsOf(measured)).toEqual(['probes[0] must have minMs <= p25Ms <= medianMs <= p75Ms <= maxMs'])
  })

  it('is refused with an unknown or repeated probe, a bad status, a skip without a reason', () => {
    const measured = valid() as unknown as { probes: Record<string, unknown>[] }
    measured.probes[0]!.id = 'mainframe'
    measured.probes[1]!.id = 'container'
    measured.probes[3]!.status = 'maybe'
    measured.probes.push({ id: 'vm', label: 'boot', status: 'skipped' })
    expect(problemsOf(measured)).toEqual([
      'probes[0].id must be one of process, namespaces, container, vm, not "mainframe"',
      'probes[2].id "container" appears twice',
      'probes[3].status must be "ok" or "skipped", not "maybe"',
      'probes[4].id "vm" appears twice',
      'probes[4].reason must be a non-empty string, not undefined',
    ])
  })

  it('is refused without a date or a machine', () => {
    const { machine: _machine, ...rest } = valid()
    expect(problemsOf({ ...rest, date: 'yesterday' })).toEqual([
      'date must be an ISO 8601 date, not "yesterday"',
      'machine must be an object',
    ])
    expect(problemsOf({ ...valid(), machine: { ...valid().machine, cores: -2 } })).toEqual(['machine.cores must be a number from 0 to any size, not -2'])
    expect(problemsOf({ ...valid(), machine: { ...valid().machine, virtualised: 'yes' } }))
      .toEqual(['machine.virtualised must be true, false or null, not "yes"'])
  })
})

describe('measured figures on the timeline', () => {
  const probe = (id: ProbeResult['id'], tool: string): ProbeResult =>
    ({ id, tool, label: id, status: 'ok', runs: 1, minMs: 1, p25Ms: 1, medianMs: 1, p75Ms: 1, maxMs: 1 })

  it('sit beside the cited bar they compare with', () => {
    expect(barForProbe(probe('process', '/bin/true'))).toBe('process')
    expect(barForProbe(probe('namespaces', 'unshare'))).toBe('runtime')
    expect(barForProbe(probe('container', 'podman'))).toBe('docker-run')
    expect(barForProbe(probe('vm', 'qemu-system-x86_64 (kvm)'))).toBe('local-vm')
    expect(barForProbe(probe('vm', 'firecracker'))).toBe('microvm')
  })

  it('are found for a bar only when the probe ran', () => {
    const measured = valid()
    expect(measuredFor('process', measured)?.medianMs).toBe(0.7)
    expect(measuredFor('cloud-vm', measured)).toBeUndefined()
    expect(measuredFor('process', null)).toBeUndefined()
    measured.probes[0] = { id: 'process', label: 'fork', status: 'skipped', reason: 'no /bin/true' }
    expect(measuredFor('process', measured)).toBeUndefined()
  })

  it('are named by what ran and captioned with the machine and the day', () => {
    expect(probeName(probe('vm', 'qemu-system-x86_64 (tcg)'))).toBe('QEMU (emulated)')
    expect(probeName(probe('vm', 'qemu-system-x86_64 (kvm)'))).toBe('QEMU')
    expect(probeName(probe('container', 'podman'))).toBe('podman')
    expect(machineCaption(valid())).toBe('Example CPU, 8 cores, Linux 6.8, 27 Nov 2026')
    expect(machineCaption({ ...valid(), machine: { ...valid().machine, virtualised: true } })).toContain('(itself a VM)')
  })
})
