import type { RunningServer } from './serve'
import { Buffer } from 'node:buffer'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { MAX_MESSAGE_BYTES } from '../shared/sync-protocol'
import { FailureLimiter } from './auth'
import { POLICY_VIOLATION } from './hub'
import { startServer } from './serve'
import { CONTENT_SECURITY_POLICY } from './static'

const SECRET = 'a-secret-for-these-tests'
let dir: string
const servers: RunningServer[] = []
const sockets: WebSocket[] = []

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-dist-'))
  writeFileSync(join(dir, 'index.html'), `<!DOCTYPE html><html><head><title>Deck</title></head><body>${'<p>slide</p>'.repeat(200)}</body></html>`)
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log("deck")\n'.repeat(100))
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  mkdirSync(join(dir, 'reader', 'assets'), { recursive: true })
  writeFileSync(join(dir, 'reader', 'index.html'), '<!DOCTYPE html><html><head><title>Reader</title></head><body></body></html>')
  writeFileSync(join(dir, 'reader', 'assets', 'index-def.js'), 'console.log("reader")\n')
})

afterEach(async () => {
  for (const socket of sockets.splice(0))
    socket.terminate()
  await Promise.all(servers.splice(0).map(server => server.close()))
})

async function serve(options: { base?: string, limiter?: FailureLimiter, log?: string[] } = {}) {
  const server = await startServer({ dir, base: options.base ?? '/', secret: SECRET, port: 0, host: 'localhost', limiter: options.limiter, log: line => options.log?.push(line) })
  servers.push(server)
  return server
}

/** A deck's connection: every message it receives, and a way to wait for the next that matches. */
async function connect(server: RunningServer, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`ws://localhost:${server.port}${server.base}sync`, { headers })
  sockets.push(ws)
  const received: Record<string, unknown>[] = []
  const waiters: { match: (message: Record<string, unknown>) => boolean, resolve: (message: Record<string, unknown>) => void }[] = []
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>
    received.push(message)
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(message))
        waiter.resolve(message)
      else
        waiters.push(waiter)
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const closed = new Promise<number>(resolve => ws.once('close', code => resolve(code)))
  return {
    ws,
    received,
    closed,
    send: (message: unknown) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (match: (message: Record<string, unknown>) => boolean) => new Promise<Record<string, unknown>>((resolve) => {
      const seen = received.find(match)
      if (seen)
        return resolve(seen)
      waiters.push({ match, resolve })
    }),
  }
}

async function presenter(server: RunningServer) {
  const deck = await connect(server)
  deck.send({ t: 'auth', secret: SECRET })
  await deck.next(message => message.t === 'auth' && message.ok === true)
  return deck
}

const isState = (page: number, clicks = 0) => (message: Record<string, unknown>) => message.t === 'state' && message.page === page && message.clicks === clicks

describe('the sync channel', () => {
  it('passes the presenter\'s position to every other deck, and gives late joiners the current one', async () => {
    const server = await serve()
    const lead = await presenter(server)
    const a = await connect(server)
    const b = await connect(server)
    lead.send({ t: 'nav', page: 3, clicks: 1, clicksTotal: 2 })
    await Promise.all([a.next(isState(3, 1)), b.next(isState(3, 1))])
    const late = await connect(server)
    await late.next(isState(3, 1))
    expect(lead.received.filter(message => message.t === 'state')).toEqual([])
    expect(server.hub.state).toEqual({ page: 3, clicks: 1, clicksTotal: 2 })
  })

  it('tells the presenter how many decks follow', async () => {
    const server = await serve()
    const lead = await presenter(server)
    await connect(server)
    await connect(server)
    await lead.next(message => message.t === 'audience' && message.count === 2)
  })

  it('refuses a position from a deck without the secret, and the others never see it', async () => {
    const log: string[] = []
    const server = await serve({ log })
    const lead = await presenter(server)
    const intruder = await connect(server)
    const watcher = await connect(server)
    intruder.send({ t: 'nav', page: 9, clicks: 0, clicksTotal: 0 })
    await intruder.next(message => message.t === 'refused')
    lead.send({ t: 'nav', page: 2, clicks: 0, clicksTotal: 0 })
    await watcher.next(isState(2))
    expect(watcher.received.filter(message => message.t === 'state')).toEqual([{ t: 'state', page: 2, clicks: 0, clicksTotal: 0 }])
    expect(log.join('\n')).toContain('nav without the secret')
  })

  it('refuses a wrong secret, and after five failures refuses even the right one for a while', async () => {
    let now = 1_000_000
    const server = await serve({ limiter: new FailureLimiter(5, 60_000, () => now) })
    const guesser = await connect(server)
    for (let attempt = 1; attempt <= 5; attempt++) {
      guesser.send({ t: 'auth', secret: `guess-${attempt}` })
      await guesser.next(message => message.t === 'auth' && message.reason === 'wrong' && guesser.received.filter(m => m.reason === 'wrong').length === attempt)
    }
    guesser.send({ t: 'auth', secret: SECRET })
    const limited = await guesser.next(message => message.t === 'auth' && message.reason === 'limited')
    expect(limited.retryAfter).toBe(60)
    // Another connection from the same address is limited too.
    const again = await connect(server)
    again.send({ t: 'auth', secret: SECRET })
    await again.next(message => message.t === 'auth' && message.reason === 'limited')
    now += 60_001
    again.send({ t: 'auth', secret: SECRET })
    await again.next(message => message.t === 'auth' && message.ok === true)
  })

  it('drops malformed, oversized, binary and unknown messages without disturbing other decks, and closes a connection that keeps sending them', async () => {
    const log: string[] = []
    const server = await serve({ log })
    const lead = await presenter(server)
    const watcher = await connect(server)
    const rogue = await connect(server)
    const bad = [
      'not json',
      '[1,2,3]',
      JSON.stringify({ t: 'teleport', page: 1 }),
      JSON.stringify({ t: 'nav', page: 0, clicks: 0, clicksTotal: 0 }),
      JSON.stringify({ t: 'nav', page: 2, clicks: -1, clicksTotal: 0, extra: true }),
      JSON.stringify({ t: 'auth', secret: 'x'.repeat(MAX_MESSAGE_BYTES) }),
    ]
    for (const message of bad.slice(0, 4))
      rogue.send(message)
    lead.send({ t: 'nav', page: 4, clicks: 0, clicksTotal: 1 })
    await watcher.next(isState(4))
    rogue.ws.send(Buffer.from([1, 2, 3]), { binary: true })
    rogue.send(bad[5]!)
    expect(await rogue.closed).toBe(POLICY_VIOLATION)
    lead.send({ t: 'nav', page: 5, clicks: 0, clicksTotal: 0 })
    await watcher.next(isState(5))
    expect(log.filter(line => line.startsWith('dropped a message'))).toHaveLength(5)
    expect(log.join('\n')).toMatch(/not JSON[\s\S]*not a JSON object[\s\S]*unknown message type "teleport"[\s\S]*page must be a whole number[\s\S]*binary message/)
    expect(log.join('\n')).toContain('closed the connection')
    // The presenter's own bad message is dropped too, and the position stays.
    lead.send(bad[4]!)
    expect(server.hub.state).toEqual({ page: 5, clicks: 0, clicksTotal: 0 })
  })

  it('drops a flood beyond the message rate', async () => {
    const log: string[] = []
    const server = await serve({ log })
    const flooder = await connect(server)
    for (let index = 0; index < 60; index++)
      flooder.send({ t: 'auth', secret: 'flood' })
    expect(await flooder.closed).toBe(POLICY_VIOLATION)
    expect(log.join('\n')).toContain('more than the allowed messages per second')
  })

  it('refuses a connection opened by a page from another site', async () => {
    const server = await serve()
    const ws = new WebSocket(`ws://localhost:${server.port}/sync`, { headers: { Origin: 'https://elsewhere.example' } })
    sockets.push(ws)
    ws.on('error', () => {})
    const status = await new Promise<number | undefined>(resolve => ws.once('unexpected-response', (_request, response) => resolve(response.statusCode)))
    expect(status).toBe(403)
  })

  it('closes every connection with "going away" when it stops', async () => {
    const server = await serve()
    const deck = await connect(server)
    await server.close()
    expect(await deck.closed).toBe(1001)
  })
})

describe('the deck\'s files', () => {
  it('serves the deck under its base path, with the fallback for routes and 404 for missing files', async () => {
    const server = await serve({ base: '/talk/' })
    const origin = `http://localhost:${server.port}`
    const slide = await fetch(`${origin}/talk/12`)
    expect(slide.status).toBe(200)
    const html = await slide.text()
    expect(html).toContain('<title>Deck</title>')
    expect(html).toContain('<meta name="deck-sync" content="available">')
    expect((await fetch(`${origin}/talk/presenter/3`)).status).toBe(200)
    expect((await fetch(`${origin}/talk/assets/missing.js`)).status).toBe(404)
    expect((await fetch(`${origin}/talk/..%2f..%2fetc%2fpasswd`)).status).toBe(404)
    expect((await fetch(`${origin}/elsewhere`)).status).toBe(404)
    const root = await fetch(`${origin}/`, { redirect: 'manual' })
    expect([root.status, root.headers.get('location')]).toEqual([302, '/talk/'])
    expect((await fetch(`${origin}/talk/sync`)).status).toBe(200)
    expect((await fetch(`${origin}/talk/1`, { method: 'POST' })).status).toBe(405)
  })

  it('serves a folder\'s own page (the reader edition) at its path with a slash, and redirects there without one', async () => {
    const server = await serve({ base: '/talk/' })
    const origin = `http://localhost:${server.port}`
    const reader = await fetch(`${origin}/talk/reader/`)
    expect(reader.status).toBe(200)
    expect(await reader.text()).toContain('<title>Reader</title>')
    const bare = await fetch(`${origin}/talk/reader?x=1`, { redirect: 'manual' })
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/talk/reader/?x=1'])
    const asset = await fetch(`${origin}/talk/reader/assets/index-def.js`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    // A route of the deck that is no folder still gets the deck.
    expect(await (await fetch(`${origin}/talk/readers`)).text()).toContain('<title>Deck</title>')
  })

  it('redirects to a folder\'s page by the folder\'s own path, never to another host', async () => {
    for (const base of ['/', '/talk/']) {
      const server = await serve({ base })
      const origin = `http://localhost:${server.port}`
      // Decoded, these paths begin with // (a protocol-relative URL to evil.example) or wander with ..; they
      // still name the reader folder, and the redirect names it as it is.
      for (const path of ['%2fevil.example%2f..%2freader', '%2F%2Fevil.example%2F..%2Freader', 'x%2f..%2freader']) {
        const response = await fetch(`${origin}${base}${path}?x=1`, { redirect: 'manual' })
        expect([response.status, response.headers.get('location')], `${base}${path}`).toEqual([301, `${base}reader/?x=1`])
      }
      // One .. too many leaves the deck's folder: not found, and no redirect.
      const outside = await fetch(`${origin}${base}%2fevil.example%2f..%2f..%2freader`, { redirect: 'manual' })
      expect([outside.status, outside.headers.get('location')]).toEqual([404, null])
    }
  })

  it('sends security headers, long caching for hashed assets, gzip and ETags', async () => {
    const server = await serve()
    const origin = `http://localhost:${server.port}`
    const page = await fetch(`${origin}/1`)
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain(`script-src 'self';`)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('cache-control')).toBe('no-cache')
    const asset = await fetch(`${origin}/assets/index-abc.js`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect(asset.headers.get('content-type')).toContain('text/javascript')
    const raw = await new Promise<{ encoding?: string, body: Buffer }>((resolve, reject) => {
      import('node:http').then(({ get }) => get(`${origin}/assets/index-abc.js`, { headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', chunk => chunks.push(chunk as Buffer))
        response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }))
      }).on('error', reject), reject)
    })
    expect(raw.encoding).toBe('gzip')
    expect(gunzipSync(raw.body).toString()).toContain('console.log("deck")')
    const etag = asset.headers.get('etag')!
    expect((await fetch(`${origin}/assets/index-abc.js`, { headers: { 'If-None-Match': etag } })).status).toBe(304)
    // A file changed on disk (a new build) is served anew.
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><title>new</title></svg>')
    expect(await (await fetch(`${origin}/favicon.svg`)).text()).toContain('<title>new</title>')
    const health = await (await fetch(`${origin}/healthz`)).json()
    expect(health).toEqual({ ok: true, audience: 0, presenters: 0 })
  })
})
