/**
 * The server as the container runs it: bundled into one file by esbuild (the
 * options of the `build:server` npm script), started with plain `node` from a
 * directory with no node_modules, so any dependency left out of the bundle
 * fails here. It answers /healthz, takes a sync connection, and on SIGTERM
 * closes that connection as "going away" and exits 0.
 */
import type { ChildProcess } from 'node:child_process'
import type { ClientMessage } from '../shared/sync-protocol'
import { Buffer } from 'node:buffer'
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { GOING_AWAY } from './hub'

const SECRET = 'a-secret-for-the-bundle-test'
/** Each wait fails the test after this long instead of hanging it. */
const STEP_MS = 3000

let dir: string
let bundle: string
let child: ChildProcess | undefined
let socket: WebSocket | undefined

/** `promise`, or a failure naming what was awaited once `ms` have passed. */
function within<T>(promise: Promise<T>, what: string, ms = STEP_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deck-bundle-'))
  mkdirSync(join(dir, 'dist'))
  writeFileSync(join(dir, 'dist', 'index.html'), '<!DOCTYPE html><html><head><title>Deck</title></head><body><p>slide</p></body></html>')
  bundle = join(dir, 'serve.mjs')
  // The npm script itself, as the Dockerfile runs it, with the output moved here.
  const result = spawnSync('npm', ['run', '--silent', 'build:server', '--', `--outfile=${bundle}`, '--log-level=error'], { encoding: 'utf8' })
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
})

afterAll(() => {
  socket?.terminate()
  if (child && child.exitCode === null && child.signalCode === null)
    child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

it('serves /healthz and the sync channel, and on SIGTERM closes it as going away and exits 0', async () => {
  const server = spawn(process.execPath, [bundle, '--port', '0', '--host', '127.0.0.1', '--base', '/', '--dir', 'dist'], {
    cwd: dir,
    env: { ...process.env, DECK_SECRET: SECRET, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = server
  let stdout = ''
  let stderr = ''
  server.stdout.setEncoding('utf8').on('data', (chunk: string) => stdout += chunk)
  server.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr += chunk)
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    server.once('exit', (code, signal) => resolve({ code, signal }))
  })

  // "Serving dist/ at / on port N." once it listens; an early exit fails at once, with what it printed.
  const port = await within(new Promise<number>((resolve, reject) => {
    const check = () => {
      const match = /on port (\d+)\./.exec(stdout)
      if (match)
        resolve(Number(match[1]))
    }
    server.stdout.on('data', check)
    check()
    void exited.then(({ code, signal }) => reject(new Error(`the server exited (${code ?? signal}) before listening:\n${stdout}${stderr}`)))
  }), 'the "on port N" line')
  expect(port).toBeGreaterThan(0)
  expect(stdout).toContain(`/presenter/1#secret=${SECRET}`)

  const health = await within(fetch(`http://127.0.0.1:${port}/healthz`), '/healthz')
  expect(health.status).toBe(200)
  expect(health.headers.get('content-type')).toBe('application/json')
  expect(await health.json()).toEqual({ ok: true })

  const ws = new WebSocket(`ws://127.0.0.1:${port}/sync`)
  socket = ws
  const received: unknown[] = []
  const errors: Error[] = []
  ws.on('message', (data, isBinary) => received.push(isBinary ? Buffer.from(data as Buffer) : JSON.parse(String(data))))
  ws.on('error', error => errors.push(error))
  const closed = new Promise<{ code: number, reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) }))
  })
  await within(new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  }), 'the sync connection to open')

  // Both ways through the bundled ws: the secret in, the server's answer out.
  const answered = new Promise<void>(resolve => ws.on('message', () => resolve()))
  ws.send(JSON.stringify({ t: 'auth', secret: SECRET } satisfies ClientMessage))
  await within(answered, 'the answer to the presenter secret')
  expect(received[0]).toEqual({ t: 'auth', ok: true })

  expect(server.kill('SIGTERM')).toBe(true)
  const [close, exit] = await within(Promise.all([closed, exited]), 'the close and the exit after SIGTERM')
  expect(close).toEqual({ code: GOING_AWAY, reason: 'server shutting down' })
  expect(exit).toEqual({ code: 0, signal: null })
  expect(errors).toEqual([])
  // Only well-formed answers: the auth, and the presenter's counts of audience and paired remotes.
  expect(received).toEqual(expect.arrayContaining([{ t: 'auth', ok: true }]))
  for (const message of received)
    expect(message).toMatchObject({ t: expect.stringMatching(/^(?:auth|audience|remotes)$/) })
  expect(stderr).toContain('SIGTERM: closing 1 sync connection(s)')
}, 10_000)
