/**
 * A real HAProxy in front of several `npm run serve` instances, for the tests
 * of one talk across instances: its own configuration in a temporary
 * directory, on a free port of 127.0.0.1, round robin over the instances with
 * WebSocket upgrades passed through, each instance checked on /healthz every
 * 250 ms, a connection that cannot reach one retried on another, and the
 * instance that served each response named in `X-Served-By`. Stopped by the
 * test. Without haproxy installed, `haproxyMissing` says why the tests that
 * need it are skipped (CI installs it: .ci/run).
 */
import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './test-redis'

const BINARY = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find(path => existsSync(path)) ?? 'haproxy'

/** Why the tests that need HAProxy are skipped here, or undefined when it is installed. */
export function haproxyMissing(): string | undefined {
  const found = spawnSync(BINARY, ['-v'], { encoding: 'utf8' })
  return found.error ? 'haproxy is not installed (apt-get install haproxy; .ci/run installs it)' : undefined
}

export interface TestBalancer {
  port: number
  /** HAProxy's process id (for its CPU time). */
  pid: number | undefined
  /** Stops it and removes its directory. */
  close: () => Promise<void>
}

/** The configuration: one frontend, the instances (name and port) behind it. */
export function haproxyConfig(port: number, instances: ReadonlyArray<{ name: string, port: number }>): string {
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 60s',
    '  timeout server 60s',
    // A WebSocket is a tunnel once upgraded: it lives as long as the talk.
    '  timeout tunnel 1h',
    // A connection an instance refuses (it died) is tried again on another.
    '  retries 3',
    '  option redispatch 1',
    'frontend deck',
    `  bind 127.0.0.1:${port}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /healthz',
    '  http-response set-header X-Served-By %s',
    ...instances.map(instance => `  server ${instance.name} 127.0.0.1:${instance.port} check inter 250ms fall 2 rise 1`),
    '',
  ].join('\n')
}

/** Starts HAProxy in front of `instances`; resolves once it answers /healthz through them. */
export async function startHaproxy(instances: ReadonlyArray<{ name: string, port: number }>): Promise<TestBalancer> {
  const dir = mkdtempSync(join(tmpdir(), 'deck-haproxy-'))
  const port = await freePort()
  const config = join(dir, 'haproxy.cfg')
  writeFileSync(config, haproxyConfig(port, instances))
  const child: ChildProcess = spawn(BINARY, ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] })
  let errors = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += String(chunk)
  })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
  // Ready once a request goes through it to an instance: a bounded wait on the real signal.
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) {
      await close()
      throw new Error(`haproxy exited with ${child.exitCode}: ${errors}`)
    }
    const answered = await fetch(`http://127.0.0.1:${port}/healthz`).then(response => response.ok, () => false)
    if (answered)
      return { port, pid: child.pid, close }
    await new Promise(resolve => setTimeout(resolve, 25))
  }
  await close()
  throw new Error(`haproxy did not answer within 5 s: ${errors}`)
}
