import type { Options } from './measure'
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkMeasured } from '../../components/measured'
import { DEFAULT_VM_MARKER, kvmUsable, parseOptions, probeVm, qemuBinary, summarise, timePerRunInShell, timeToMarker, which } from './measure'

const MARKER = new RegExp(DEFAULT_VM_MARKER)
const TSX = resolve('node_modules/tsx/dist/cli.mjs')

/** A test that runs the command: as long as the runs it starts may take (spawnSync's own limit), on a busy machine too. */
const CLI_TIMEOUT_MS = 2 * 120_000

/** Runs `npm run measure` as a user would, minus any kernel the environment names (the tests choose their own). */
function measureCli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const { MEASURE_KERNEL: _kernel, ...rest } = env
  return spawnSync(process.execPath, [TSX, 'scripts/measure/measure.ts', ...args], { encoding: 'utf8', env: rest, timeout: 120_000 })
}

/** A folder with executable shell scripts standing in for real programs. */
function fakeBin(programs: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'measure-bin-'))
  for (const [name, body] of Object.entries(programs)) {
    writeFileSync(join(folder, name), `#!/bin/sh\n${body}\n`)
    chmodSync(join(folder, name), 0o755)
  }
  return folder
}

describe('statistics', () => {
  it('summarises samples as median and spread, in any order', () => {
    expect(summarise([5, 1, 3, 2, 4])).toEqual({ runs: 5, minMs: 1, p25Ms: 2, medianMs: 3, p75Ms: 4, maxMs: 5 })
  })

  it('interpolates the quartiles between neighbouring samples, and rounds to the microsecond', () => {
    expect(summarise([4, 1, 3, 2])).toEqual({ runs: 4, minMs: 1, p25Ms: 1.75, medianMs: 2.5, p75Ms: 3.25, maxMs: 4 })
    expect(summarise([0.123_456_7])).toMatchObject({ minMs: 0.123, medianMs: 0.123, maxMs: 0.123 })
  })
})

describe('options', () => {
  it('default to 20 runs, 5 VM runs, data/measured.json and busybox', () => {
    const options = parseOptions([], {}) as Options
    expect(options).toMatchObject({ runs: 20, vmRuns: 5, out: 'data/measured.json', image: 'busybox', accel: 'auto', timeoutMs: 30_000 })
    expect(options.kernel).toBeUndefined()
  })

  it('take the kernel from MEASURE_KERNEL when not given', () => {
    expect((parseOptions([], { MEASURE_KERNEL: '/k' }) as Options).kernel).toBe('/k')
    expect((parseOptions(['--kernel', '/a'], { MEASURE_KERNEL: '/k' }) as Options).kernel).toBe('/a')
  })

  it('refuse bad values and unknown flags, and answer --help', () => {
    expect(() => parseOptions(['--runs', '0'])).toThrow('--runs must be a whole number of 1 or more, not "0".')
    expect(() => parseOptions(['--vm', 'xen'])).toThrow('--vm must be one of qemu, firecracker, not "xen".')
    expect(() => parseOptions(['--fast'])).toThrow(/Unknown option/)
    expect(parseOptions(['--help'])).toBe('help')
  })
})

describe('timing a boot to its marker line', () => {
  it('stops the clock at the marker and the program with it', async () => {
    const started = performance.now()
    const ms = await timeToMarker('sh', ['-c', 'echo booting; echo "[ 0.4] Run /init as init process"; sleep 20'], MARKER, 10_000)
    expect(ms).toBeGreaterThan(0)
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('gives up at the timeout, killing the program and what it started', async () => {
    const started = performance.now()
    await expect(timePerRunInShell('sleep', ['5'], 1, 300)).rejects.toThrow(/gave up after 0.3 s/)
    expect(performance.now() - started).toBeLessThan(3000)
  })

  it('fails when the program exits before the marker, or never prints it', async () => {
    await expect(timeToMarker('sh', ['-c', 'echo "no kernel here"'], MARKER, 10_000)).rejects.toThrow(/exited \(code 0\) before a line matching/)
    await expect(timeToMarker('sh', ['-c', 'sleep 20'], MARKER, 300)).rejects.toThrow(/within 0.3 s/)
  })
})

describe('the VM probe', () => {
  const kernel = join(mkdtempSync(join(tmpdir(), 'kernel-')), 'vmlinuz')
  writeFileSync(kernel, 'not really a kernel')
  const path = process.env.PATH
  const base = parseOptions(['--runs', '2', '--kernel', kernel, '--timeout', '10'], {}) as Options
  beforeEach(() => {
    process.env.PATH = path
  })
  afterEach(() => {
    process.env.PATH = path
  })

  it('is skipped with the reason when no kernel is given or no hypervisor is installed', async () => {
    process.env.PATH = fakeBin({ [qemuBinary()]: 'exit 1' })
    expect(await probeVm({ ...base, kernel: undefined })).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^no kernel image given: pass --kernel FILE/) })
    process.env.PATH = fakeBin({})
    expect(await probeVm(base)).toMatchObject({ status: 'skipped', reason: `no ${qemuBinary()} or firecracker on PATH` })
  })

  it('boots QEMU with the kernel to the marker line', async () => {
    process.env.PATH = `${fakeBin({ [qemuBinary()]: `case "$*" in *"-kernel ${kernel} "*) ;; *) echo "bad arguments: $*" >&2; exit 3;; esac\necho "[ 0.5] Run /init as init process"\nsleep 20` })}:${path}`
    const probe = await probeVm(base)
    expect(probe).toMatchObject({ status: 'ok', runs: 2, tool: expect.stringMatching(new RegExp(`^${qemuBinary()} \\((kvm|tcg)\\)$`)) })
  })

  it.skipIf(!kvmUsable())('falls back to emulation when KVM fails, and says so', async () => {
    process.env.PATH = `${fakeBin({ [qemuBinary()]: `case "$*" in *"-accel kvm"*) echo "failed to set MSR" >&2; exit 1;; esac\necho "VFS: Cannot open root device"\nsleep 20` })}:${path}`
    const probe = await probeVm(base)
    expect(probe).toMatchObject({ status: 'ok', tool: `${qemuBinary()} (tcg)`, label: expect.stringMatching(/^QEMU, emulated \(TCG; KVM did not boot\)/) })
  })

  it('reports why QEMU did not boot', async () => {
    process.env.PATH = `${fakeBin({ [qemuBinary()]: 'echo "qemu: could not load kernel" >&2; exit 1' })}:${path}`
    const probe = await probeVm({ ...base, accel: 'tcg' })
    expect(probe).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/could not load kernel/) })
  })

  it('boots Firecracker from a configuration naming the kernel', async () => {
    const firecracker = `config=""; while [ $# -gt 0 ]; do [ "$1" = --config-file ] && config="$2"; shift; done
grep -q '"kernel_image_path":"${kernel}"' "$config" || { echo "kernel missing from $config" >&2; exit 3; }
echo "[ 0.1] Run /sbin/init as init process"; sleep 20`
    process.env.PATH = `${fakeBin({ firecracker })}:${path}`
    expect(await probeVm({ ...base, vm: 'firecracker' })).toMatchObject({ status: 'ok', tool: 'firecracker', runs: 2 })
  })
})

describe('npm run measure', () => {
  it('measures this machine into a file that passes the deck\'s check', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'measured-')), 'measured.json')
    const run = measureCli(['--runs', '3', '--out', out])
    expect(run.status, run.stderr).toBe(0)
    const check = checkMeasured(JSON.parse(readFileSync(out, 'utf8')))
    expect(check.ok && check.measured.probes.map(probe => probe.id)).toEqual(['process', 'namespaces', 'container', 'vm'])
    if (!check.ok)
      return
    const process = check.measured.probes[0]!
    expect(process.status === 'ok' && process.medianMs).toBeGreaterThan(0)
    for (const probe of check.measured.probes)
      expect(run.stdout).toContain(probe.status === 'ok' ? `${probe.id.padEnd(10)} median` : probe.reason)
    // No kernel was given, so the VM probe is skipped whatever is installed.
    expect(check.measured.probes[3]).toMatchObject({ status: 'skipped' })
  }, CLI_TIMEOUT_MS)

  it('skips, with reasons, what this machine lacks', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'measured-')), 'measured.json')
    const bin = fakeBin({})
    for (const program of ['sh', 'unshare']) {
      const found = which(program)
      if (found)
        symlinkSync(found, join(bin, program))
    }
    const run = measureCli(['--runs', '2', '--out', out, '--kernel', out], { PATH: bin })
    expect(run.status, run.stderr).toBe(0)
    const measured = JSON.parse(readFileSync(out, 'utf8'))
    expect(measured.probes.slice(2)).toEqual([
      { id: 'container', label: 'docker or podman run --rm busybox true', status: 'skipped', reason: 'no docker or podman on PATH' },
      { id: 'vm', label: 'boot a kernel to its hand-over to user space', status: 'skipped', reason: `no ${qemuBinary()} or firecracker on PATH` },
    ])
  }, CLI_TIMEOUT_MS)

  it('explains itself, and refuses a bad flag with the usage', () => {
    expect(measureCli(['--help']).stdout).toContain('Usage: npm run measure')
    const bad = measureCli(['--runs', 'many'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--runs must be a whole number')
  }, CLI_TIMEOUT_MS)
})
