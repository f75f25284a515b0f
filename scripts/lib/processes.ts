/**
 * Child processes and what Linux's /proc says about them, for `npm run bench`,
 * `npm run bench:sync` and `npm run measure`: ending a child with everything it
 * started (its process group), and reading a process's memory, CPU time and
 * parent.
 */
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import process from 'node:process'

/**
 * Sends a signal to a child's whole process group (a child spawned with
 * `detached: true` leads its own), so that what it started gets it too; to the
 * child alone when the group cannot be signalled. Nothing happens once both
 * are gone.
 */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined)
    return
  try {
    process.kill(-child.pid, signal)
  }
  catch {
    if (child.exitCode === null && child.signalCode === null)
      child.kill(signal)
  }
}

/**
 * Ends a child's process group: SIGTERM, then SIGKILL after graceMs, or at
 * once when the child exits (for anything it left in its group). Resolves
 * then; at once for a child that has already exited.
 */
export function killGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      resolve()
      return
    }
    const timer = setTimeout(() => {
      signalGroup(child, 'SIGKILL')
      resolve()
    }, graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      signalGroup(child, 'SIGKILL')
      resolve()
    })
    signalGroup(child, 'SIGTERM')
  })
}

/** A process's file under /proc (`status`, `stat`, `cmdline`); undefined once it is gone or off Linux. */
export function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8')
  }
  catch {
    return undefined
  }
}

/** A field in kB of the text of `/proc/<pid>/status` (VmRSS, VmHWM, ...); undefined when it has none (a zombie has no memory). */
export function statusKb(status: string, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s*(\\d+)\\s*kB`, 'm').exec(status)
  return match ? Number(match[1]) : undefined
}

export interface Memory {
  /** VmRSS: resident now, in kB (KiB). */
  rssKb: number
  /** VmHWM: the highest VmRSS so far, in kB. */
  peakKb: number
}

/** VmRSS and VmHWM from the text of `/proc/<pid>/status`; throws when one is missing. */
export function parseMemory(status: string): Memory {
  const field = (name: string): number => {
    const kb = statusKb(status, name)
    if (kb === undefined)
      throw new Error(`no ${name} in /proc status`)
    return kb
  }
  return { rssKb: field('VmRSS'), peakKb: field('VmHWM') }
}

/**
 * The fields of `/proc/<pid>/stat` from the third (state) on: index 1 is the
 * parent's pid, 11 and 12 the user and system CPU ticks. The command name
 * (field 2) may hold spaces and parentheses, so they are counted after its
 * last closing parenthesis.
 */
export function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
}

/** The parent's pid from the text of `/proc/<pid>/stat`. */
export function parentPid(stat: string): number {
  return Number(statFields(stat)[1])
}

/** User + system CPU time in ms from the text of `/proc/<pid>/stat` (all threads; Linux counts 1/100 s ticks). */
export function parseCpuMs(stat: string): number {
  const fields = statFields(stat)
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  if (!Number.isFinite(utime) || !Number.isFinite(stime))
    throw new Error('no utime and stime in /proc stat')
  return (utime + stime) * 10
}
