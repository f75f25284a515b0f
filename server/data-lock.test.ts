import type { ChildProcess } from 'node:child_process'
import type { LockOptions } from './data-lock'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCK_FILE, lockDataDir, processRuns, processStartToken, SOCKET_FILE } from './data-lock'
import { startServer } from './serve'

const root = fileURLToPath(new URL('..', import.meta.url))
const workerScript = fileURLToPath(new URL('./data-lock-worker.ts', import.meta.url))
const TRIES = 20
const children: ChildProcess[] = []
const dirs: string[] = []

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deck-lock-'))
  dirs.push(dir)
  return dir
}

/** ./data-lock-worker.ts in a process of its own: a line to it, the next line from it. */
class Worker {
  readonly child: ChildProcess
  private readonly lines: string[] = []
  private readonly waiting: { resolve: (line: string) => void, reject: (error: Error) => void }[] = []
  private readonly exited: Promise<void>

  constructor(prefix: string[] = []) {
    const [command, ...args] = [...prefix, process.execPath, '--import', 'tsx', workerScript]
    this.child = spawn(command!, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] })
    children.push(this.child)
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const waiter = this.waiting.shift()
      if (waiter)
        waiter.resolve(line)
      else
        this.lines.push(line)
    })
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        for (const waiter of this.waiting.splice(0))
          waiter.reject(new Error(`the lock worker exited (${signal ?? code}) before answering`))
        resolve()
      })
    })
  }

  get pid(): number {
    return this.child.pid!
  }

  send(line: string): void {
    this.child.stdin!.write(`${line}\n`)
  }

  next(): Promise<string> {
    const line = this.lines.shift()
    if (line !== undefined)
      return Promise.resolve(line)
    if (this.child.exitCode !== null || this.child.signalCode !== null)
      return Promise.reject(new Error('the lock worker has exited'))
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }))
  }

  async ask(line: string): Promise<string> {
    this.send(line)
    return this.next()
  }

  /** A crash: SIGKILL, whatever it holds stays behind. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL')
    await this.exited
  }

  async stop(): Promise<void> {
    this.child.stdin!.end()
    await this.exited
  }
}

function command(dir: string, options: LockOptions): string {
  return Object.keys(options).length === 0 ? dir : `${dir} ${JSON.stringify(options)}`
}

/** The workers take `dir`'s lock at the same moment (each armed, then told to go at once); their answers, in their order. */
async function race(workers: Worker[], dir: string, options: LockOptions = {}): Promise<string[]> {
  await Promise.all(workers.map(async worker => expect(await worker.ask(`arm ${command(dir, options)}`)).toBe('armed')))
  for (const worker of workers)
    worker.send('go')
  return Promise.all(workers.map(worker => worker.next()))
}

/** Exactly one of the answers is "held": the others are refused, naming that one. */
function expectOneHolder(workers: Worker[], answers: string[], dir: string): void {
  const holders = workers.filter((_worker, index) => answers[index]!.startsWith('held '))
  expect(holders, answers.join('\n')).toHaveLength(1)
  const holder = holders[0]!
  expect(readFileSync(join(dir, LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(holder.pid))
  for (const [index, answer] of answers.entries()) {
    if (workers[index] !== holder)
      expect(answer, answers.join('\n')).toMatch(new RegExp(`^refused Another npm run serve \\(process ${holder.pid}\\) uses the data directory .*: one server per data directory`))
  }
}

async function releaseAll(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map(async worker => expect(await worker.ask('release')).toBe('released')))
}

function lockText(dir: string): string {
  return readFileSync(join(dir, LOCK_FILE), 'utf8')
}

/** A process that runs but holds no lock: a process id a lock file may name after a reboot or a restarted container. */
function startSleeper(): ChildProcess {
  const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' })
  children.push(sleeper)
  return sleeper
}

const racers: Worker[] = []

beforeAll(() => {
  racers.push(new Worker(), new Worker(), new Worker())
})

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null)
      child.kill('SIGKILL')
  }
  for (const dir of dirs)
    rmSync(dir, { recursive: true, force: true })
})

describe('one server per data directory', () => {
  it.each([
    ['an abstract socket and a socket file (Linux)', {}],
    ['a socket file only (other systems)', { abstractSocket: false }],
    ['the lock file only (no sockets)', { abstractSocket: false, socketFile: false }],
  ] as [string, LockOptions][])(`exactly one of three servers starting at the same moment on a fresh directory takes it, in each of ${TRIES} tries: %s`, async (_name, options) => {
    for (let attempt = 0; attempt < TRIES; attempt++) {
      const dir = freshDir()
      const answers = await race(racers, dir, options)
      expectOneHolder(racers, answers, dir)
      await releaseAll(racers)
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
      expect(existsSync(join(dir, SOCKET_FILE))).toBe(false)
    }
  }, 30_000)

  it(`exactly one of three servers starting at the same moment takes over the lock of a killed server, in each of ${TRIES} tries`, async () => {
    // One crashed server leaves TRIES stale locks: their files and socket files stay, the kernel freed the rest.
    const crashed = new Worker()
    const stale = Array.from({ length: TRIES }, freshDir)
    for (const dir of stale)
      expect(await crashed.ask(`hold ${dir}`)).toBe(`held ${crashed.pid}`)
    await crashed.kill()
    for (const dir of stale) {
      expect(lockText(dir).split('\n')[0]).toBe(String(crashed.pid))
      expect(statSync(join(dir, SOCKET_FILE)).isSocket()).toBe(true)
      const answers = await race(racers, dir)
      expectOneHolder(racers, answers, dir)
      await releaseAll(racers)
    }
  }, 30_000)

  it('takes at once the lock of a server killed with SIGKILL, and says so', async () => {
    const dir = freshDir()
    const crashed = new Worker()
    expect(await crashed.ask(`hold ${dir}`)).toBe(`held ${crashed.pid}`)
    await crashed.kill()
    const log: string[] = []
    const lock = await lockDataDir(dir, line => log.push(line))
    expect(log).toEqual([expect.stringContaining(`taking over the lock of a server that no longer runs (process ${crashed.pid})`)])
    expect(lockText(dir).split('\n')[0]).toBe(String(process.pid))
    await lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    expect(existsSync(join(dir, SOCKET_FILE))).toBe(false)
  }, 30_000)

  it('takes over a lock whose process id now belongs to another program, or that cannot be read', async () => {
    const sleeper = startSleeper()
    const dir = freshDir()
    writeFileSync(join(dir, LOCK_FILE), `${sleeper.pid}\n`)
    expect(processRuns(sleeper.pid!)).toBe(true)
    const log: string[] = []
    const lock = await lockDataDir(dir, line => log.push(line))
    expect(log).toEqual([expect.stringContaining(`taking over the lock of a server that no longer runs (process ${sleeper.pid})`)])
    expect(lockText(dir).split('\n')[0]).toBe(String(process.pid))
    await lock.release()
    writeFileSync(join(dir, LOCK_FILE), 'garbage')
    const again: string[] = []
    await (await lockDataDir(dir, line => again.push(line))).release()
    expect(again).toEqual([expect.stringContaining('(process unknown)')])
  }, 30_000)

  it('without sockets, tells a reused process id by its start time, and takes a lock whose process does not run', async () => {
    const options = { abstractSocket: false, socketFile: false }
    const sleeper = startSleeper()
    const dir = freshDir()
    // The sleeper's id, with another process's start: the id was reused, the lock is stale.
    writeFileSync(join(dir, LOCK_FILE), `${sleeper.pid}\nstart-token: ${processStartToken(process.pid)}\n`)
    const lock = await lockDataDir(dir, () => {}, options)
    await lock.release()
    // The sleeper's id and its own start: as far as the file can tell, that is the server that wrote it.
    writeFileSync(join(dir, LOCK_FILE), `${sleeper.pid}\nstart-token: ${processStartToken(sleeper.pid!)}\n`)
    await expect(lockDataDir(dir, () => {}, options)).rejects.toThrow(`Another npm run serve (process ${sleeper.pid}) uses the data directory`)
    // A process that has exited.
    sleeper.kill('SIGKILL')
    await new Promise(resolve => sleeper.once('exit', resolve))
    await (await lockDataDir(dir, () => {}, options)).release()
  })

  it('refuses while another server holds it, takes it once that one has stopped, refuses a second in this process, and frees it on release', async () => {
    const dir = freshDir()
    const other = new Worker()
    expect(await other.ask(`hold ${dir}`)).toBe(`held ${other.pid}`)
    await expect(lockDataDir(dir, () => {})).rejects.toThrow(new RegExp(`Another npm run serve \\(process ${other.pid}\\) uses the data directory ${dir}: one server per data directory`))
    // Refused: the other's lock is left as it was.
    expect(lockText(dir).split('\n')[0]).toBe(String(other.pid))
    expect(await other.ask('release')).toBe('released')
    await other.stop()

    const lock = await lockDataDir(dir, () => {})
    expect(lock.file).toBe(join(dir, LOCK_FILE))
    expect(lockText(dir)).toMatch(new RegExp(`^${process.pid}\nhost: .+\nstarted: \\d{4}-.+Z\nstart-token: .+\n$`))
    expect(statSync(lock.file).mode & 0o777).toBe(0o600)
    // A second server in this same process is refused too, however the directory is spelled.
    await expect(lockDataDir(dir, () => {})).rejects.toThrow(/This process already serves the data directory/)
    const link = join(freshDir(), 'link')
    symlinkSync(dir, link)
    await expect(lockDataDir(link, () => {})).rejects.toThrow(/This process already serves the data directory/)
    await lock.release()
    await lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    expect(existsSync(join(dir, SOCKET_FILE))).toBe(false)
    await (await lockDataDir(link, () => {})).release()
  }, 30_000)

  const unshare = spawnSync('unshare', ['-rn', 'true']).status === 0
  it.skipIf(!unshare)('sees a server in another network namespace (a container sharing the directory) through the socket file', async () => {
    const dir = freshDir()
    // unshare -rn: a network namespace of its own, where this process's abstract sockets are not seen, and the other way round.
    const other = new Worker(['unshare', '-rn'])
    const answer = await other.ask(`hold ${dir}`)
    expect(answer).toMatch(/^held \d+$/)
    await expect(lockDataDir(dir, () => {})).rejects.toThrow(/Another npm run serve \(process \d+\) uses the data directory/)
    expect(await other.ask('release')).toBe('released')
    await (await lockDataDir(dir, () => {})).release()
    await other.stop()
  }, 30_000)

  it('knows this process runs and a made-up one does not, and the start of each', () => {
    expect(processRuns(process.pid)).toBe(true)
    expect(processRuns(2 ** 22 + 12345)).toBe(false)
    const sleeper = startSleeper()
    for (const platform of ['linux', 'darwin'] as const) {
      const own = processStartToken(process.pid, platform)
      expect(own).toBeTruthy()
      expect(processStartToken(process.pid, platform)).toBe(own)
      expect(processStartToken(2 ** 22 + 12345, platform)).toBeUndefined()
    }
    // Started at another moment (the clock tick, 10 ms, tells them apart; ps's second may not).
    expect(processStartToken(sleeper.pid!, 'linux')).not.toBe(processStartToken(process.pid, 'linux'))
  })

  it('npm run serve refuses a second server on the same data directory, and starts once the first has stopped', async () => {
    const dist = freshDir()
    writeFileSync(join(dist, 'index.html'), '<!DOCTYPE html><html><head></head><body></body></html>')
    const dataDir = freshDir()
    const options = { dir: dist, base: '/', secret: 'a-secret-for-the-lock-tests', port: 0, host: 'localhost', dataDir }
    const first = await startServer(options)
    await expect(startServer(options)).rejects.toThrow(/one server per data directory/)
    await first.close()
    const again = await startServer(options)
    await again.close()
  })
})
