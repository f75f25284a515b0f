/**
 * Child processes for `npm run bench`: each in its own process group, so a
 * timeout or Ctrl-C ends it with everything it started (Vite, Chromium); its
 * wall time; and the peak memory of a process tree, polled from /proc (Linux).
 */
import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import process from 'node:process'

/** How often the memory of a measured process tree is read. */
export const POLL_MS = 100
/** Output kept from each child, for the error message when it fails. */
const KEEP_OUTPUT = 16_000

const running = new Set<ChildProcess>()

/** Ends a child's whole process group: SIGTERM, then SIGKILL if it is still there after graceMs. */
export function killGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      resolve()
      return
    }
    const pid = child.pid
    const signal = (name: NodeJS.Signals): void => {
      try {
        process.kill(-pid, name)
      }
      catch {}
    }
    const timer = setTimeout(() => {
      signal('SIGKILL')
      resolve()
    }, graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      // Anything the child left behind in its group.
      signal('SIGKILL')
      resolve()
    })
    signal('SIGTERM')
  })
}

/** Ends every child still running (for Ctrl-C and errors). */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map(child => killGroup(child, 1000)))
}

/** The parent of each process, from /proc/<pid>/stat. */
export function processParents(): Map<number, number> {
  const parents = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name))
      continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      // The command name (field 2) may hold spaces and parentheses: read after its closing one.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      parents.set(Number(name), Number(fields[1]))
    }
    catch {}
  }
  return parents
}

/** The process and all its descendants. */
export function processTree(root: number, parents: Map<number, number>): number[] {
  const children = new Map<number, number[]>()
  for (const [pid, parent] of parents)
    children.set(parent, [...(children.get(parent) ?? []), pid])
  const tree: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    const pid = queue.shift()!
    tree.push(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return tree
}

/** VmRSS in kB from the text of /proc/<pid>/status; 0 for a process without memory (a zombie). */
export function parseVmRssKb(status: string): number {
  const match = /^VmRSS:\s*(\d+)\s*kB/m.exec(status)
  return match ? Number(match[1]) : 0
}

function rssKb(pid: number): number {
  try {
    return parseVmRssKb(readFileSync(`/proc/${pid}/status`, 'utf8'))
  }
  catch {
    return 0
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
  }
  catch {
    return []
  }
}

/** Whether a command line is `slidev build` (the CLI's bin, then `build`). */
export function isSlidevBuild(args: readonly string[]): boolean {
  const bin = args.findIndex(arg => /(?:^|\/)slidev(?:\.m?js)?$/.test(arg))
  return bin >= 0 && args.slice(bin + 1).includes('build')
}

/**
 * Summed VmRSS of the `slidev build` processes in the tree under root and all
 * their children (a wrapper such as tsx around it is not counted).
 */
export function slidevBuildRssKb(root: number): number {
  const parents = processParents()
  const tree = processTree(root, parents)
  const builds = tree.filter(pid => isSlidevBuild(commandLine(pid)))
  // The topmost ones: a build's own children are in its subtree already.
  const tops = builds.filter(pid => !builds.includes(parents.get(pid) ?? -1))
  return tops.flatMap(pid => processTree(pid, parents)).reduce((sum, pid) => sum + rssKb(pid), 0)
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  wallMs: number
  /** Highest summed RSS seen, when measured. */
  peakRssKb: number
  /** The end of what the child printed. */
  output: string
}

export interface RunOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  timeoutMs: number
  /** Poll the memory of the `slidev build` process tree under the child. */
  measureBuildMemory?: boolean
}

/** Runs a command in its own process group, times it, optionally polls its memory, kills it on timeout. */
export function runMeasured(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    running.add(child)
    let output = ''
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-KEEP_OUTPUT)
    }
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    let peakRssKb = 0
    const poll = options.measureBuildMemory && child.pid !== undefined
      ? setInterval(() => {
          peakRssKb = Math.max(peakRssKb, slidevBuildRssKb(child.pid!))
        }, POLL_MS)
      : undefined
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      void killGroup(child)
    }, options.timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      clearInterval(poll)
      running.delete(child)
      reject(error)
    })
    let wallMs = 0
    child.once('exit', () => {
      wallMs = performance.now() - started
      clearInterval(poll)
      // Whatever the child started and left in its group (it would hold the output pipes open).
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        }
        catch {}
      }
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      clearInterval(poll)
      running.delete(child)
      resolve({ code, signal, timedOut, wallMs, peakRssKb, output })
    })
  })
}
