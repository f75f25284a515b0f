import type { WebSocket } from 'ws'
import type { Rehearsal } from '../shared/rehearsal'
import type { RunningServer } from './serve'
import type { FaultState } from './test-disk'
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MAX_REHEARSAL_BYTES } from '../shared/rehearsal'
import { CLICK_TOTALS_FILE, formatClickTotals } from './click-totals'
import { parseRehearsals, readRehearsals, RehearsalFile, REHEARSALS_FILE } from './rehearsals'
import { startServer } from './serve'
import { NotSaved } from './store'
import { openChannel, provedPresenter } from './test-channel'
import { faultyFiles } from './test-disk'

const rehearsal = (minutes: number): Rehearsal => ({ v: 1, at: `2025-05-${String(10 + minutes).padStart(2, '0')}T14:00:00.000Z`, target: 2700, slides: [[minutes * 60_000], []] })

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-rehearsals-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('the rehearsals file', () => {
  it('keeps each rehearsal as one line, in the order saved, readable by this user only, in a directory it makes', async () => {
    const store = new RehearsalFile(join(dir, 'data'))
    await Promise.all([store.save(rehearsal(1)), store.save(rehearsal(2)), store.save(rehearsal(3))])
    const text = readFileSync(store.file, 'utf8')
    expect(text.split('\n')).toHaveLength(4)
    expect(parseRehearsals(text).rehearsals).toEqual([rehearsal(1), rehearsal(2), rehearsal(3)])
    expect(statSync(store.file).mode & 0o777).toBe(0o600)
    expect(await store.last()).toEqual(rehearsal(3))
  })

  it('has no rehearsal before the first is saved', async () => {
    expect(await new RehearsalFile(dir).last()).toBeUndefined()
    expect(await readRehearsals(join(dir, REHEARSALS_FILE))).toEqual({ rehearsals: [], unreadable: [] })
  })

  it('answers only once the line is synced, and refuses what the disk did not take, leaving no part of it', async () => {
    const state: FaultState = { code: 'ENOSPC', syncs: 0 }
    const store = new RehearsalFile(dir, faultyFiles(state))
    await store.save(rehearsal(1))
    expect(state.syncs).toBe(1)
    for (const failing of ['write', 'sync', 'partial'] as const) {
      state.failing = failing
      const refused = await store.save(rehearsal(2)).catch((error: unknown) => error)
      expect(refused).toBeInstanceOf(NotSaved)
      expect((refused as Error).message).toBe('not saved: ENOSPC: injected')
      expect(readFileSync(store.file, 'utf8')).toBe(`${JSON.stringify(rehearsal(1))}\n`)
    }
    state.failing = undefined
    await store.save(rehearsal(3))
    expect((await readRehearsals(store.file)).rehearsals).toEqual([rehearsal(1), rehearsal(3)])
  })

  it('starts a new line after one a crash cut short, and reads past it, saying which', async () => {
    const store = new RehearsalFile(dir)
    await store.save(rehearsal(1))
    appendFileSync(store.file, '{"v":1,"at":"2025-')
    await store.save(rehearsal(2))
    appendFileSync(store.file, `${JSON.stringify({ ...rehearsal(3), v: 9 })}\n`)
    expect(await readRehearsals(store.file)).toEqual({
      rehearsals: [rehearsal(1), rehearsal(2)],
      unreadable: [{ line: 2, reason: 'not JSON (a line cut short?)' }, { line: 4, reason: 'v must be 1' }],
    })
    expect(await store.last()).toEqual(rehearsal(2))
  })
})

describe('the hosted server\'s rehearsals, for the presenter only', () => {
  const SECRET = 'a-secret-for-the-rehearsal-tests'
  const servers: RunningServer[] = []
  const sockets: WebSocket[] = []
  let dist: string
  const fits = (minutes: number): Rehearsal => ({ v: 1, at: '2025-05-12T14:00:00.000Z', target: 2700, slides: [[minutes * 60_000], [1000, 2000, 0], []] })

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'deck-rehearsal-dist-'))
    writeFileSync(join(dist, 'index.html'), '<!DOCTYPE html><html><head></head><body></body></html>')
    writeFileSync(join(dist, CLICK_TOTALS_FILE), formatClickTotals([0, 2, 1]))
  })
  afterEach(async () => {
    for (const socket of sockets.splice(0))
      socket.terminate()
    await Promise.all(servers.splice(0).map(server => server.close()))
  })
  afterAll(() => rmSync(dist, { recursive: true, force: true }))

  async function serve(options: { dataDir?: string, log?: string[] } = {}) {
    const server = await startServer({ dir: dist, base: '/talk/', secret: SECRET, port: 0, host: 'localhost', dataDir: options.dataDir, log: line => options.log?.push(line) })
    servers.push(server)
    return server
  }
  const url = (server: RunningServer, route = '') => `http://localhost:${server.port}/talk/api/rehearsals${route}`
  const post = (server: RunningServer, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${SECRET}` }) => fetch(url(server), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const last = (server: RunningServer) => fetch(url(server, '/last'), { headers: { Authorization: `Bearer ${SECRET}` } })

  it('saves a rehearsal that fits the deck, answering once it is on disk, and gives the last one back', async () => {
    const log: string[] = []
    const server = await serve({ dataDir: dir, log })
    expect(await (await last(server)).json()).toEqual({ rehearsal: null })
    const saved = await post(server, fits(2))
    expect(saved.status).toBe(201)
    expect(saved.headers.get('cache-control')).toBe('no-store')
    expect(await saved.json()).toEqual({ saved: true })
    expect(readFileSync(join(dir, REHEARSALS_FILE), 'utf8')).toBe(`${JSON.stringify(fits(2))}\n`)
    expect(await (await last(server)).json()).toEqual({ rehearsal: fits(2) })
    expect(log).toContain(`rehearsal of 123 s saved in ${join(dir, REHEARSALS_FILE)}`)
  })

  it('answers nobody without the secret, in a header, not the address', async () => {
    const server = await serve({ dataDir: dir })
    for (const headers of [{}, { Authorization: 'Bearer wrong-secret' }, { Authorization: SECRET }] as Record<string, string>[]) {
      const refused = await post(server, fits(1), headers)
      expect(refused.status, JSON.stringify(headers)).toBe(401)
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="rehearsals"')
    }
    expect((await fetch(`${url(server, '/last')}?secret=${SECRET}`)).status).toBe(401)
    expect((await fetch(url(server, '/last'))).status).toBe(401)
    expect((await readRehearsals(join(dir, REHEARSALS_FILE))).rehearsals).toEqual([])
  })

  it.each([
    [400, 'the deck has 3 slides, the rehearsal 2', { ...fits(1), slides: [[1000], []] }],
    [400, 'slide 2 has 2 clicks, the rehearsal times 3', { ...fits(1), slides: [[1000], [1, 2, 3, 4], []] }],
    [400, 'slide 1\'s times must be whole milliseconds from 0 to a day', { ...fits(1), slides: [[-5], [], []] }],
    [400, 'not JSON', '{"v":1,'],
  ])('refuses what is not a rehearsal of this deck with %d: %s', async (status, error, body) => {
    const server = await serve({ dataDir: dir })
    const refused = await post(server, body)
    expect(refused.status).toBe(status)
    expect(await refused.json()).toEqual({ error })
  })

  it('refuses a body over the limit, another type and another method', async () => {
    const server = await serve({ dataDir: dir })
    const large = await post(server, `{"pad":"${'x'.repeat(MAX_REHEARSAL_BYTES)}"}`)
    expect(large.status).toBe(413)
    const text = await fetch(url(server), { method: 'POST', headers: { 'Authorization': `Bearer ${SECRET}`, 'Content-Type': 'text/plain' }, body: JSON.stringify(fits(1)) })
    expect(text.status).toBe(415)
    expect((await fetch(url(server), { headers: { Authorization: `Bearer ${SECRET}` } })).status).toBe(405)
    expect((await fetch(url(server, '/last'), { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } })).status).toBe(405)
  })

  it('says "not saved" when it cannot save: no data directory, or one it cannot write', async () => {
    const without = await serve()
    const refused = await post(without, fits(1))
    expect(refused.status).toBe(503)
    expect((await refused.json() as { error: string }).error).toMatch(/^Not saved: this server keeps no data directory/)
    await without.close()
    const blocked = join(dir, 'blocked')
    mkdirSync(join(blocked, REHEARSALS_FILE), { recursive: true })
    const server = await serve({ dataDir: blocked })
    const failed = await post(server, fits(1))
    expect(failed.status).toBe(503)
    expect((await failed.json() as { error: string }).error).toMatch(/^Not saved: EISDIR/)
  })

  it('sends the last rehearsal and the presenter\'s timer to a phone remote when it pairs and as they change; never to the audience', async () => {
    writeFileSync(join(dir, REHEARSALS_FILE), `${JSON.stringify(fits(1))}\n`)
    const server = await serve({ dataDir: dir })
    const connect = () => openChannel(`ws://localhost:${server.port}/talk/sync`, {}, sockets)
    const lead = await provedPresenter(connect(), SECRET)
    const audience = await connect()
    lead.send({ t: 'clock', running: false, elapsed: 90_000 })
    lead.send({ t: 'pair' })
    const token = (await lead.next(message => message.t === 'pairing')).token as string
    const phone = await connect()
    phone.send({ t: 'remote', token })
    expect(await phone.next(message => message.t === 'rehearsal')).toEqual({ t: 'rehearsal', rehearsal: fits(1) })
    expect(await phone.next(message => message.t === 'clock')).toEqual({ t: 'clock', running: false, elapsed: 90_000 })
    expect((await post(server, fits(3))).status).toBe(201)
    await phone.next(message => message.t === 'rehearsal' && (message.rehearsal as Rehearsal).slides[0]![0] === 180_000)
    lead.send({ t: 'clock', running: true, elapsed: 0 })
    await phone.next(message => message.t === 'clock' && message.running === true)
    lead.send({ t: 'ping' })
    audience.send({ t: 'ping' })
    await lead.next(message => message.t === 'pong')
    await audience.next(message => message.t === 'pong')
    expect([...lead.received, ...audience.received].filter(message => message.t === 'rehearsal' || message.t === 'clock')).toEqual([])
  })
})
