import type { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import process from 'node:process'
import { describe, expect, it } from 'vitest'
import { killGroup, parentPid, parseCpuMs, parseMemory, readProc, signalGroup, statusKb } from './processes'

/** Whether a process is still there (a zombie counts as gone). */
function alive(pid: number): boolean {
  const status = readProc(pid, 'status')
  return status !== undefined && !/^State:\s*Z/m.test(status)
}

/** A shell in its own process group that starts a grandchild and prints its pid. */
function groupWithGrandchild(script = 'sleep 30 & echo $!; wait') {
  const child = spawn('sh', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] })
  const grandchild = new Promise<number>(resolve => child.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))))
  return { child, grandchild }
}

describe('/proc text', () => {
  const status = 'Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t   95000 kB\nVmRSS:\t   90000 kB\nThreads:\t11\n'

  it('reads kB fields, none from a zombie', () => {
    expect(statusKb(status, 'VmRSS')).toBe(90_000)
    expect(statusKb(status, 'VmHWM')).toBe(95_000)
    expect(statusKb('Name:\tzombie\nState:\tZ\n', 'VmRSS')).toBeUndefined()
  })

  it('reads VmRSS and VmHWM together, and refuses a status without them', () => {
    expect(parseMemory(status)).toEqual({ rssKb: 90_000, peakKb: 95_000 })
    expect(() => parseMemory('Name:\tnode\n')).toThrow(/VmRSS/)
  })

  it('reads the parent and the CPU time, even with a command name holding spaces and parentheses', () => {
    const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194304 5000 0 0 0 150 30 0 0 20 0 11 0 100 1000000 20000'
    expect(parentPid(stat)).toBe(1)
    expect(parseCpuMs(stat)).toBe(1800)
    expect(() => parseCpuMs('1 (x) S')).toThrow(/utime/)
  })

  it.runIf(process.platform === 'linux')('reads this process\'s own files, and nothing for a pid that does not exist', () => {
    expect(statusKb(readProc(process.pid, 'status')!, 'VmRSS')).toBeGreaterThan(0)
    expect(parentPid(readProc(process.pid, 'stat')!)).toBe(process.ppid)
    expect(readProc(2 ** 30, 'status')).toBeUndefined()
  })
})

describe.runIf(process.platform === 'linux')('process groups', () => {
  it('killGroup ends the child and what it started, and resolves once the child is gone', async () => {
    const { child, grandchild } = groupWithGrandchild()
    const pid = await grandchild
    expect(alive(pid)).toBe(true)
    await killGroup(child, 5000)
    expect(child.exitCode !== null || child.signalCode !== null).toBe(true)
    await expect.poll(() => alive(pid)).toBe(false)
  })

  it('killGroup kills a child that ignores SIGTERM after the grace time', async () => {
    const { child, grandchild } = groupWithGrandchild('trap "" TERM; echo $$; while :; do sleep 0.1; done')
    await grandchild
    const started = performance.now()
    await killGroup(child, 200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(150)
    await expect.poll(() => child.signalCode).toBe('SIGKILL')
  })

  it('killGroup resolves at once for a child that has exited', async () => {
    const child = spawn('true', [], { detached: true, stdio: 'ignore' })
    await new Promise(resolve => child.once('exit', resolve))
    await killGroup(child, 60_000)
  })

  it('signalGroup reaches what a child left in its group after it exited', async () => {
    const { child, grandchild } = groupWithGrandchild('sleep 30 & echo $!')
    const pid = await grandchild
    await new Promise(resolve => child.once('exit', resolve))
    expect(alive(pid)).toBe(true)
    signalGroup(child, 'SIGKILL')
    await expect.poll(() => alive(pid)).toBe(false)
    signalGroup(child, 'SIGKILL') // nothing left: no error
  })
})
