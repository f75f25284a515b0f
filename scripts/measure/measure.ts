import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
/**
 * `npm run measure`: how long this machine takes to start a process, a
 * namespaced process, a container and a VM, written to `data/measured.json`
 * for the startup timeline. Each probe that cannot run here is recorded as
 * skipped, with the reason. Nothing is downloaded: the container probe uses
 * an image that is already present, the VM probe a kernel you name.
 *
 *   npm run measure -- --runs 20 --kernel /boot/vmlinuz-$(uname -r)
 */
import type { Machine, Measured, Probe, ProbeId } from '../../components/measured.ts'
import { spawn, spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os, { tmpdir } from 'node:os'
import { basename, delimiter, dirname, join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { checkMeasured, MEASURED_SCHEMA } from '../../components/measured.ts'
import { readOptions } from '../lib/cli-args'
import { signalGroup } from '../lib/processes'
import { quantile } from '../lib/stats'

export const DEFAULT_OUT = 'data/measured.json'
/** What a booting kernel prints when it hands over to user space, or finds no root file system to hand over to. */
export const DEFAULT_VM_MARKER = 'Run /\\S*init as init process|VFS: Cannot open root device|VFS: Unable to mount root|Kernel panic'

export interface Options {
  runs: number
  vmRuns: number
  out: string
  kernel?: string
  vm?: 'qemu' | 'firecracker'
  accel: 'auto' | 'kvm' | 'tcg'
  marker: RegExp
  engine?: 'docker' | 'podman'
  image: string
  timeoutMs: number
}

export const USAGE = `Usage: npm run measure -- [options]

Measures how long this machine takes to start each kind of workload and
writes ${DEFAULT_OUT} for the startup timeline slides.

  --runs N           runs of each probe (default 20)
  --vm-runs N        runs of the VM probe (default 5)
  --out FILE         where to write (default ${DEFAULT_OUT})
  --kernel FILE      kernel image for the VM probe (or MEASURE_KERNEL);
                     the probe is skipped without one
  --vm qemu|firecracker   hypervisor (default: whichever is on PATH, QEMU first)
  --accel auto|kvm|tcg    QEMU accelerator (default auto: KVM, else emulation)
  --marker REGEX     console line that ends a VM boot
                     (default: the kernel handing over to user space)
  --engine docker|podman  container engine (default: the first that answers)
  --image NAME       image for the container probe (default busybox; never pulled)
  --timeout SECONDS  give up on one run after this long (default 30)
  --help             this text`

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Options | 'help' {
  const values = readOptions(argv, ['runs', 'vm-runs', 'out', 'kernel', 'vm', 'accel', 'marker', 'engine', 'image', 'timeout'])
  if (values === 'help')
    return 'help'
  const count = (name: string, raw: string | undefined, fallback: number): number => {
    if (raw === undefined)
      return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a whole number of 1 or more, not "${raw}".`)
    return value
  }
  const oneOf = <T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T | undefined => {
    if (raw === undefined)
      return undefined
    if (!allowed.includes(raw as T))
      throw new Error(`--${name} must be one of ${allowed.join(', ')}, not "${raw}".`)
    return raw as T
  }
  return {
    runs: count('runs', values.runs, 20),
    vmRuns: count('vm-runs', values['vm-runs'], 5),
    out: values.out ?? DEFAULT_OUT,
    kernel: values.kernel ?? (env.MEASURE_KERNEL || undefined),
    vm: oneOf('vm', values.vm, ['qemu', 'firecracker'] as const),
    accel: oneOf('accel', values.accel, ['auto', 'kvm', 'tcg'] as const) ?? 'auto',
    marker: new RegExp(values.marker ?? DEFAULT_VM_MARKER),
    engine: oneOf('engine', values.engine, ['docker', 'podman'] as const),
    image: values.image ?? 'busybox',
    timeoutMs: count('timeout', values.timeout, 30) * 1000,
  }
}

/** A probe's samples as their spread: quartiles interpolated between neighbouring samples (scripts/lib/stats.ts), to the microsecond. */
export function summarise(samples: readonly number[]) {
  const round = (ms: number) => Math.round(ms * 1000) / 1000
  return {
    runs: samples.length,
    minMs: round(quantile(samples, 0)),
    p25Ms: round(quantile(samples, 0.25)),
    medianMs: round(quantile(samples, 0.5)),
    p75Ms: round(quantile(samples, 0.75)),
    maxMs: round(quantile(samples, 1)),
  }
}

/** The full path of a program on PATH, or undefined. */
export function which(program: string, path = process.env.PATH ?? ''): string | undefined {
  if (program.includes('/'))
    return existsSync(program) ? program : undefined
  for (const folder of path.split(delimiter).filter(Boolean)) {
    const candidate = join(folder, program)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    }
    catch {}
  }
  return undefined
}

type Finish = (outcome: number | Error, options?: { kill?: boolean }) => void

/**
 * Starts a program in its own process group and settles once: `watch` hooks
 * its output and exit and calls `finish` with the milliseconds or an error;
 * at the timeout the whole group is killed, `onTimeout` runs (clean-up
 * outside the group), and the run fails with `timedOut`.
 */
function supervise(
  command: string,
  args: readonly string[],
  run: { stdout: boolean, timeoutMs: number, timedOut: string, onTimeout?: () => void },
  watch: (child: ChildProcess, started: number, finish: Finish) => void,
): Promise<number> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { stdio: ['ignore', run.stdout ? 'pipe' : 'ignore', 'pipe'], detached: true })
    let settled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const finish: Finish = (outcome, { kill = false } = {}) => {
      if (settled)
        return
      settled = true
      clearTimeout(timer)
      if (kill)
        signalGroup(child, 'SIGKILL')
      if (outcome instanceof Error)
        reject(outcome)
      else
        resolveRun(outcome)
    }
    timer = setTimeout(() => {
      signalGroup(child, 'SIGKILL')
      run.onTimeout?.()
      finish(new Error(run.timedOut))
    }, run.timeoutMs)
    child.on('error', error => finish(error))
    watch(child, started, finish)
  })
}

/** The last line a program wrote, for an error message. */
function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? ''
}

/** Starts a program and resolves with the milliseconds until it exits; rejects if it fails or takes too long (and kills it and its children). */
function timeRun(command: string, args: readonly string[], timeoutMs: number, onTimeout?: () => void): Promise<number> {
  return supervise(command, args, { stdout: false, timeoutMs, timedOut: `gave up after ${timeoutMs / 1000} s`, onTimeout }, (child, started, finish) => {
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000)
    })
    child.on('exit', (code, signal) => {
      const ms = performance.now() - started
      finish(code === 0 ? ms : new Error(signal ? `killed (${signal}) after ${Math.round(ms)} ms` : `exit code ${code}: ${lastLine(stderr)}`))
    })
  })
}

/**
 * Starts a program and resolves with the milliseconds until a line of its
 * output matches `marker`, then kills it; rejects if it exits first or takes
 * longer than `timeoutMs`.
 */
export function timeToMarker(command: string, args: readonly string[], marker: RegExp, timeoutMs: number): Promise<number> {
  const timedOut = `no line matching /${marker.source}/ within ${timeoutMs / 1000} s`
  return supervise(command, args, { stdout: true, timeoutMs, timedOut }, (child, started, finish) => {
    let seen = ''
    const watch = (chunk: Buffer) => {
      const ms = performance.now() - started
      seen = (seen + chunk.toString()).slice(-4000)
      if (marker.test(seen))
        finish(ms, { kill: true })
    }
    child.stdout!.on('data', watch)
    child.stderr!.on('data', watch)
    child.on('close', code => finish(new Error(`exited (code ${code}) before a line matching /${marker.source}/: ${lastLine(seen)}`), { kill: true }))
  })
}

/** A POSIX shell loop that runs its arguments N times, stopping at the first failure. */
const LOOP = 'n=$1; shift; i=0; while [ $i -lt $n ]; do "$@" || exit 1; i=$((i+1)); done'

/**
 * Milliseconds per run of a command, timed as a batch inside a shell loop
 * with the cost of the same loop around \`:\` (a shell built-in) subtracted, so
 * that what is left is fork, exec and wait, without Node's own spawning.
 */
export async function timePerRunInShell(command: string, args: readonly string[], batch: number, timeoutMs: number): Promise<number> {
  const empty = await timeRun('sh', ['-c', LOOP, 'sh', String(batch), ':'], timeoutMs)
  const full = await timeRun('sh', ['-c', LOOP, 'sh', String(batch), command, ...args], timeoutMs)
  return Math.max(0, full - empty) / batch
}

/** Runs of a process probe per sample; each sample is the mean of one batch. */
export const BATCH = 20

async function repeat(runs: number, once: () => Promise<number>): Promise<number[]> {
  const samples: number[] = []
  for (let run = 0; run < runs; run++)
    samples.push(await once())
  return samples
}

function skipped(id: ProbeId, label: string, reason: string): Probe {
  return { id, label, status: 'skipped', reason }
}

function ok(id: ProbeId, label: string, tool: string, samples: number[]): Probe {
  return { id, label, status: 'ok', tool, ...summarise(samples) }
}

export async function probeProcess(options: Options): Promise<Probe> {
  const label = `fork, exec and wait for /bin/true (batches of ${BATCH} in a shell loop)`
  const program = existsSync('/bin/true') ? '/bin/true' : which('true')
  if (!program)
    return skipped('process', label, 'no /bin/true on this machine')
  if (!which('sh'))
    return skipped('process', label, 'no POSIX shell (sh) on PATH')
  try {
    await timePerRunInShell(program, [], BATCH, options.timeoutMs)
    return ok('process', label, program, await repeat(options.runs, () => timePerRunInShell(program, [], BATCH, options.timeoutMs)))
  }
  catch (error) {
    return skipped('process', label, `running ${program} failed: ${(error as Error).message}`)
  }
}

/** The namespaces unshare(1) may create here, as its flags; user first, since it makes the others possible without root. */
export function permittedNamespaces(unshare: string): string[] {
  const works = (flags: string[]) => spawnSync(unshare, [...flags, '/bin/true'], { stdio: 'ignore', timeout: 10_000 }).status === 0
  const flags: string[] = []
  if (works(['--user', '--map-root-user']))
    flags.push('--user', '--map-root-user')
  for (const extra of [['--pid', '--fork'], ['--mount'], ['--uts'], ['--ipc'], ['--net'], ['--cgroup']]) {
    if (works([...flags, ...extra]))
      flags.push(...extra)
  }
  return flags
}

export async function probeNamespaces(options: Options): Promise<Probe> {
  const unshare = which('unshare')
  if (!unshare)
    return skipped('namespaces', 'unshare into new namespaces, then exec /bin/true', 'no unshare on PATH (it comes with util-linux, on Linux only)')
  const flags = permittedNamespaces(unshare)
  const names = flags.filter(flag => flag !== '--map-root-user' && flag !== '--fork').map(flag => flag.slice(2))
  const label = `unshare into new ${names.join(', ')} namespaces, then exec /bin/true (batches of ${BATCH} in a shell loop)`
  if (names.length === 0) {
    const tried = spawnSync(unshare, ['--user', '--map-root-user', '/bin/true'], { encoding: 'utf8' })
    return skipped('namespaces', 'unshare into new namespaces, then exec /bin/true', `unshare may not create any namespace here: ${lastLine(tried.stderr ?? '') || `exit code ${tried.status}`}`)
  }
  try {
    await timePerRunInShell(unshare, [...flags, '/bin/true'], BATCH, options.timeoutMs)
    return ok('namespaces', label, 'unshare', await repeat(options.runs, () => timePerRunInShell(unshare, [...flags, '/bin/true'], BATCH, options.timeoutMs)))
  }
  catch (error) {
    return skipped('namespaces', label, `unshare failed: ${(error as Error).message}`)
  }
}

export async function probeContainer(options: Options): Promise<Probe> {
  const engines = options.engine ? [options.engine] : ['docker', 'podman'] as const
  const label = (engine: string) => `${engine} run --rm ${options.image} true`
  const installed = engines.filter(engine => which(engine))
  if (installed.length === 0)
    return skipped('container', label(engines.join(' or ')), `no ${engines.join(' or ')} on PATH`)
  const answers: string[] = []
  for (const engine of installed) {
    const info = spawnSync(engine, ['info'], { encoding: 'utf8', timeout: 15_000 })
    if (info.status !== 0) {
      answers.push(`${engine} is installed but no engine answered (\`${engine} info\`: ${lastLine(info.stderr ?? '') || `exit code ${info.status}`})`)
      continue
    }
    const image = spawnSync(engine, ['image', 'inspect', options.image], { stdio: 'ignore', timeout: 15_000 })
    if (image.status !== 0) {
      answers.push(`the image ${options.image} is not on this machine; run \`${engine} pull ${options.image}\` first (the probe never downloads)`)
      continue
    }
    let run = 0
    const once = () => {
      const name = `measure-${process.pid}-${run++}`
      // A container left behind by a run that timed out is removed, not just its CLI.
      return timeRun(engine, ['run', '--rm', '--pull=never', '--network=none', '--name', name, options.image, 'true'], options.timeoutMs, () => {
        spawnSync(engine, ['rm', '-f', name], { stdio: 'ignore', timeout: 15_000 })
      })
    }
    const args = ['run', '--rm', '--pull=never', '--network=none', options.image, 'true']
    try {
      await once()
      return ok('container', label(engine), engine, await repeat(options.runs, once))
    }
    catch (error) {
      answers.push(`\`${engine} ${args.join(' ')}\` failed: ${(error as Error).message}`)
    }
  }
  return skipped('container', label(installed[0]!), answers.join('; '))
}

export function qemuBinary(): string {
  return `qemu-system-${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}`
}

export function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK)
    return true
  }
  catch {
    return false
  }
}

export function qemuArgs(kernel: string, accel: 'kvm' | 'tcg'): string[] {
  const machine = process.arch === 'arm64' ? ['-machine', 'virt'] : []
  const cpu = accel === 'kvm' ? ['-cpu', 'host'] : process.arch === 'arm64' ? ['-cpu', 'max'] : []
  const console = process.arch === 'arm64' ? 'ttyAMA0' : 'ttyS0'
  return [...machine, '-accel', accel, ...cpu, '-m', '256', '-nodefaults', '-no-user-config', '-display', 'none', '-serial', 'stdio', '-no-reboot', '-kernel', kernel, '-append', `console=${console} panic=-1`]
}

/** A Firecracker configuration booting `kernel` with no root drive. */
export function firecrackerConfig(kernel: string) {
  return {
    'boot-source': { kernel_image_path: kernel, boot_args: 'console=ttyS0 reboot=k panic=1 pci=off' },
    'drives': [],
    'machine-config': { vcpu_count: 1, mem_size_mib: 128 },
  }
}

export async function probeVm(options: Options): Promise<Probe> {
  const label = 'boot a kernel to its hand-over to user space'
  const hypervisors = options.vm ? [options.vm] : ['qemu', 'firecracker'] as const
  const found = hypervisors
    .map(vm => ({ vm, path: which(vm === 'qemu' ? qemuBinary() : 'firecracker') }))
    .find(candidate => candidate.path)
  const names = hypervisors.map(vm => vm === 'qemu' ? qemuBinary() : 'firecracker').join(' or ')
  if (!found?.path)
    return skipped('vm', label, `no ${names} on PATH`)
  if (!options.kernel)
    return skipped('vm', label, `no kernel image given: pass --kernel FILE (or set MEASURE_KERNEL), e.g. a copy of /boot/vmlinuz-$(uname -r) for QEMU or an uncompressed vmlinux for Firecracker`)
  const kernel = resolve(options.kernel)
  if (!existsSync(kernel))
    return skipped('vm', label, `the kernel image ${kernel} does not exist`)
  const runs = Math.min(options.runs, options.vmRuns)

  if (found.vm === 'firecracker') {
    const folder = mkdtempSync(join(tmpdir(), 'measure-firecracker-'))
    const config = join(folder, 'config.json')
    writeFileSync(config, JSON.stringify(firecrackerConfig(kernel)))
    const args = ['--no-api', '--config-file', config]
    try {
      return ok('vm', `Firecracker: ${label}`, 'firecracker', await repeat(runs, () => timeToMarker(found.path!, args, options.marker, options.timeoutMs)))
    }
    catch (error) {
      return skipped('vm', `Firecracker: ${label}`, `firecracker did not boot ${basename(kernel)}: ${(error as Error).message}`)
    }
    finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }

  const accels: Array<'kvm' | 'tcg'> = options.accel === 'auto' ? (kvmUsable() ? ['kvm', 'tcg'] : ['tcg']) : [options.accel]
  const failures: string[] = []
  for (const accel of accels) {
    const args = qemuArgs(kernel, accel)
    const described = accel === 'kvm'
      ? 'QEMU with KVM'
      : `QEMU, emulated (TCG${failures.length > 0 ? '; KVM did not boot' : ', no KVM'})`
    try {
      await timeToMarker(found.path, args, options.marker, options.timeoutMs)
      return ok('vm', `${described}: ${label}`, `${basename(found.path)} (${accel})`, await repeat(runs, () => timeToMarker(found.path!, args, options.marker, options.timeoutMs)))
    }
    catch (error) {
      failures.push(`${described}: ${(error as Error).message}`)
    }
  }
  return skipped('vm', label, failures.join('; '))
}

function virtualisation(): Pick<Machine, 'virtualised' | 'virtualisation'> {
  const detect = which('systemd-detect-virt')
  if (detect) {
    const ask = (flag: string) => (spawnSync(detect, [flag], { encoding: 'utf8', timeout: 5000 }).stdout ?? '').trim()
    const vm = ask('--vm')
    const container = ask('--container')
    if (vm) {
      const inside = container && container !== 'none' ? `; inside a ${container} container` : ''
      return { virtualised: vm !== 'none', virtualisation: `systemd-detect-virt --vm: ${vm}${inside}` }
    }
  }
  if (process.platform === 'linux' && existsSync('/proc/cpuinfo')) {
    const flagged = /^flags\s*:.*\bhypervisor\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'))
    return { virtualised: flagged, virtualisation: `/proc/cpuinfo ${flagged ? 'has' : 'lacks'} the hypervisor flag` }
  }
  if (process.platform === 'darwin') {
    const result = spawnSync('sysctl', ['-n', 'kern.hv_vmm_present'], { encoding: 'utf8' })
    if (result.status === 0)
      return { virtualised: result.stdout.trim() === '1', virtualisation: `sysctl kern.hv_vmm_present: ${result.stdout.trim()}` }
  }
  return { virtualised: null, virtualisation: 'unknown: no way to tell on this system' }
}

export function describeMachine(): Machine {
  const cpus = os.cpus()
  const cpu = (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim()
  const kernel = os.release()
  const name = os.type() === 'Darwin' ? 'macOS' : os.type()
  return {
    label: `${cpu}, ${cpus.length} cores, ${name} ${kernel.split('-')[0]}`,
    cpu,
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    os: name,
    kernel,
    arch: process.arch,
    ...virtualisation(),
  }
}

export async function measure(options: Options, log: (line: string) => void = () => {}): Promise<Measured> {
  const probes: Probe[] = []
  for (const probe of [probeProcess, probeNamespaces, probeContainer, probeVm]) {
    const result = await probe(options)
    log(result.status === 'ok'
      ? `${result.id.padEnd(10)} median ${result.medianMs} ms (min ${result.minMs}, max ${result.maxMs}, ${result.runs} runs): ${result.label}`
      : `${result.id.padEnd(10)} skipped: ${result.reason}`)
    probes.push(result)
  }
  return { schema: MEASURED_SCHEMA, date: new Date().toISOString(), machine: describeMachine(), probes }
}

async function main(): Promise<void> {
  let options: Options | 'help'
  try {
    options = parseOptions(process.argv.slice(2))
  }
  catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (options === 'help') {
    console.log(USAGE)
    return
  }
  const measured = await measure(options, line => console.log(line))
  const check = checkMeasured(measured)
  if (!check.ok)
    throw new Error(`The measurements do not pass their own check:\n  - ${check.problems.join('\n  - ')}`)
  mkdirSync(dirname(resolve(options.out)), { recursive: true })
  writeFileSync(options.out, `${JSON.stringify(measured, null, 2)}\n`)
  console.log(`\nWrote ${options.out} (${measured.machine.label}${measured.machine.virtualised ? ', itself a VM' : ''}). The startup timeline shows it from the next build or \`npm run dev\`.`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await main()
