/**
 * A real redis-server for the tests: started on a free port of 127.0.0.1 with
 * its own configuration and data in a temporary directory, stopped by the
 * test. Without redis-server on the PATH `startRedis` gives the reason the
 * tests that need it are skipped (CI installs it: .ci/run).
 */
import type { ChildProcess } from 'node:child_process'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestRedis {
  url: string
  port: number
  /** Stops it (SIGTERM) and waits until it has exited. */
  stop: () => Promise<void>
  /** Starts it again on the same port and data directory. */
  start: () => Promise<void>
  /** Stops it and removes its directory. */
  close: () => Promise<void>
  /** The running redis-server's process id (for its CPU time), if it runs. */
  pid: () => number | undefined
}

/** Why the tests that need redis-server are skipped here, or undefined when it is installed. */
export function redisMissing(): string | undefined {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' })
  return found.error ? 'redis-server is not installed (apt-get install redis-server; .ci/run installs it)' : undefined
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Starts redis-server with AOF on and `appendfsync always`, as the README advises for a talk. */
export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'deck-redis-'))
  const port = await freePort()
  const config = join(dir, 'redis.conf')
  writeFileSync(config, [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'appendonly yes', 'appendfsync always', 'save ""', 'daemonize no', 'loglevel warning', `logfile ${join(dir, 'redis.log')}`].join('\n'))
  let child: ChildProcess | undefined
  const start = async (): Promise<void> => {
    const started = spawn('redis-server', [config], { stdio: 'ignore' })
    child = started
    // Ready once it answers: a bounded wait on the real signal, a PING answered.
    for (let attempt = 0; attempt < 200; attempt++) {
      if (started.exitCode !== null)
        throw new Error(`redis-server exited with ${started.exitCode}; see ${join(dir, 'redis.log')}`)
      if (await answers(port))
        return
      await new Promise(resolve => setTimeout(resolve, 25))
    }
    throw new Error('redis-server did not answer within 5 s')
  }
  const stop = async (): Promise<void> => {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null)
      return
    const exited = new Promise<void>(resolve => running.once('exit', () => resolve()))
    running.kill('SIGTERM')
    await exited
  }
  await start()
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    stop,
    start,
    pid: () => child?.pid,
    close: async () => {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** One PING over a plain socket: true when redis-server answers PONG. */
async function answers(port: number): Promise<boolean> {
  const { connect } = await import('node:net')
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', data => done(String(data).startsWith('+PONG')))
  })
}
