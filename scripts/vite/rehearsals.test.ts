import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Rehearsal } from '../../shared/rehearsal'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RehearsalFile, REHEARSALS_FILE } from '../../server/rehearsals'
import { fromThisMachine, rehearsalsMiddleware } from './rehearsals'

const rehearsal: Rehearsal = { v: 1, at: '2025-05-12T14:00:00.000Z', target: 2700, slides: [[60_000], [], [1000, 2000]] }

let dir: string
let server: Server
let origin: string
const log: string[] = []

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deck-dev-rehearsals-'))
  const middleware = rehearsalsMiddleware({ base: '/', store: new RehearsalFile(join(dir, 'data')), log: line => log.push(line) })
  server = createServer((request, response) => middleware(request, response, () => {
    response.writeHead(404)
    response.end('the deck')
  }))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(async () => {
  await new Promise(resolve => server.close(resolve))
  rmSync(dir, { recursive: true, force: true })
  log.length = 0
})

const post = (body: unknown, headers: Record<string, string> = {}) => fetch(`${origin}/api/rehearsals`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })

describe('npm run dev\'s rehearsals', () => {
  it('saves a rehearsal from this machine into data/rehearsals.jsonl, and gives the last back', async () => {
    expect(await (await fetch(`${origin}/api/rehearsals/last`)).json()).toEqual({ rehearsal: null })
    const saved = await post(rehearsal, { Origin: 'http://localhost:3030' })
    expect(saved.status).toBe(201)
    expect(readFileSync(join(dir, 'data', REHEARSALS_FILE), 'utf8')).toBe(`${JSON.stringify(rehearsal)}\n`)
    expect(await (await fetch(`${origin}/api/rehearsals/last`)).json()).toEqual({ rehearsal })
    expect(log).toEqual([`rehearsal of 63 s saved in ${join(dir, 'data', REHEARSALS_FILE)}`])
  })

  it('checks a rehearsal as the hosted server does, and bounds its size', async () => {
    const refused = await post({ ...rehearsal, slides: [[Number.MAX_SAFE_INTEGER]] })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({ error: 'slide 1\'s times must be whole milliseconds from 0 to a day' })
    expect((await post('x'.repeat(70_000))).status).toBe(413)
  })

  it('refuses a page of another site', async () => {
    const refused = await post(rehearsal, { Origin: 'https://elsewhere.example' })
    expect(refused.status).toBe(403)
    expect((await fetch(`${origin}/api/rehearsals/last`, { headers: { Origin: 'http://evil.localhost.example' } })).status).toBe(403)
  })

  it('passes every other address on to the deck', async () => {
    expect(await (await fetch(`${origin}/api/rehearsals.csv`)).text()).toBe('the deck')
    expect(await (await fetch(`${origin}/presenter/1`)).text()).toBe('the deck')
  })
})

describe('this machine', () => {
  const request = (remoteAddress: string, origin?: string) => ({ socket: { remoteAddress }, headers: origin ? { origin } : {} }) as Parameters<typeof fromThisMachine>[0]

  it('is a loopback address with no other site\'s origin', () => {
    expect(fromThisMachine(request('127.0.0.1'))).toBe(true)
    expect(fromThisMachine(request('::1', 'http://[::1]:3030'))).toBe(true)
    expect(fromThisMachine(request('::ffff:127.0.0.1', 'http://127.0.0.1:3030'))).toBe(true)
    expect(fromThisMachine(request('192.168.1.20'))).toBe(false)
    expect(fromThisMachine(request('127.0.0.1', 'http://localhost.evil.example'))).toBe(false)
    expect(fromThisMachine(request('127.0.0.1', 'null'))).toBe(false)
  })
})
