/**
 * Child processes for `npm run bench`: each in its own process group, so a
 * timeout or Ctrl-C ends it with everything it started (Vite, Chromium); its
 * wall time; and the peak memory of its `slidev build` processes, polled from
 * /proc (Linux). Ending a group and reading /proc: scripts/lib/processes.ts.
 */
import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import process from 'node:process'
import { killGroup, parentPid, readProc, signalGroup, statusKb } from '../lib/processes'

/** How often the memory of a measured process tree is read. */
export const POLL_MS = 100
/** Output kept from each child, for the error message when it fails. */
const KEEP_OUTPUT = 16_000

const running = new Set<ChildProcess>()

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
    const stat = readProc(Number(name), 'stat')
    if (stat !== undefined)
      parents.set(Number(name), parentPid(stat))
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

/** VmRSS in kB; 0 for a process that is gone or has no memory (a zombie). */
function rssKb(pid: number): number {
  return statusKb(readProc(pid, 'status') ?? '', 'VmRSS') ?? 0
}

function commandLine(pid: number): string[] {
  return (readProc(pid, 'cmdline') ?? '').split('\0').filter(Boolean)
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
      signalGroup(child, 'SIGKILL')
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      clearInterval(poll)
      running.delete(child)
      resolve({ code, signal, timedOut, wallMs, peakRssKb, output })
    })
  })
}
