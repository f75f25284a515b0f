import type { RunningServer, ServeOptions } from './serve'
import { Buffer } from 'node:buffer'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import { MAX_MESSAGE_BYTES } from '../shared/sync-protocol'
import { GuessLimiter } from './auth'
import { CLICK_TOTALS_FILE, formatClickTotals } from './click-totals'
import { POLICY_VIOLATION } from './hub'
import { STRICT_TRANSPORT_SECURITY } from './proxy'
import { startServer } from './serve'
import { CONTENT_SECURITY_POLICY } from './static'
import { openChannel, provedPresenter } from './test-channel'

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
  mkdirSync(join(dir, 'audience'))
  for (const no of [1, 2])
    writeFileSync(join(dir, 'audience', `${no}.html`), `<!DOCTYPE html><html class="audience-page"><head><title>Audience ${no}</title></head><body></body></html>`)
})

afterEach(async () => {
  vi.useRealTimers()
  for (const socket of sockets.splice(0))
    socket.terminate()
  await Promise.all(servers.splice(0).map(server => server.close()))
})

async function serve(options: Partial<Omit<ServeOptions, 'log'>> & { log?: string[] } = {}) {
  const { log, ...rest } = options
  const server = await startServer({ dir, base: '/', secret: SECRET, port: 0, host: 'localhost', ...rest, log: line => log?.push(line) })
  servers.push(server)
  return server
}

/** Headers as a reverse proxy in front sends them for a browser at `address` (with --trust-proxy). */
const fromAddress = (address: string) => ({ 'X-Forwarded-For': address })

/** The HTTP status of a sync connection the server refuses at the upgrade. */
async function refusal(server: RunningServer, headers: Record<string, string> = {}): Promise<number | undefined> {
  const ws = new WebSocket(`ws://localhost:${server.port}${server.base}sync`, { headers })
  sockets.push(ws)
  ws.on('error', () => {})
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_request, response) => resolve(response.statusCode))
    ws.once('open', () => resolve(undefined))
  })
}

/** A deck's connection to `server`: every message it receives, and a way to wait for the next that matches. */
function connect(server: RunningServer, headers: Record<string, string> = {}) {
  return openChannel(`ws://localhost:${server.port}${server.base}sync`, headers, sockets)
}

const presenter = (server: RunningServer) => provedPresenter(connect(server), SECRET)

const isState = (page: number, clicks = 0) => (message: Record<string, unknown>) => message.t === 'state' && message.page === page && message.clicks === clicks

describe('the audience page', () => {
  it('is what an audience member gets at the deck\'s address and a slide\'s; Slidev\'s deck answers the rest', async () => {
    const server = await serve()
    const title = async (path: string) => /<title>([^<]*)<\/title>/.exec(await (await fetch(`http://localhost:${server.port}${path}`)).text())?.[1]
    expect(await title('/')).toBe('Audience 1')
    expect(await title('/2?clicks=1')).toBe('Audience 2')
    // A slide the build has no audience page for, the projector's deck, the presenter view, print: Slidev's page.
    for (const path of ['/3', '/2?projector', '/1?print', '/presenter/2', '/overview'])
      expect(await title(path), path).toBe('Deck')
    const response = await fetch(`http://localhost:${server.port}/2`)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })
})

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

  it('never locks out the right secret: after wrong guesses from the same address, even on the same connection, it is accepted', async () => {
    const server = await serve()
    const guesser = await connect(server)
    for (let attempt = 1; attempt <= 7; attempt++)
      guesser.send({ t: 'auth', secret: `guess-${attempt}` })
    await guesser.next(() => guesser.received.filter(message => message.t === 'auth').length === 7)
    // Five are counted as wrong; beyond the address's limit the answer is "limited", with when to try again.
    expect(guesser.received.map(message => message.reason)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'limited', 'limited'])
    expect(guesser.received.at(-1)!.retryAfter).toBeGreaterThan(0)
    const presenter = await connect(server)
    presenter.send({ t: 'auth', secret: SECRET })
    await presenter.next(message => message.t === 'auth' && message.ok === true)
    guesser.send({ t: 'auth', secret: SECRET })
    await guesser.next(message => message.t === 'auth' && message.ok === true)
  })

  it('limits wrong guesses across all addresses, and still accepts the right secret from any of them', async () => {
    let now = 1_000_000
    const server = await serve({ trustProxy: true, limiter: new GuessLimiter({ global: { burst: 10, perSecond: 1 } }, () => now) })
    const answers: unknown[] = []
    for (let index = 1; index <= 12; index++) {
      const guesser = await connect(server, fromAddress(`203.0.113.${index}`))
      guesser.send({ t: 'auth', secret: 'a-wrong-guess' })
      answers.push((await guesser.next(message => message.t === 'auth')).reason)
    }
    expect(answers).toEqual([...Array.from({ length: 10 }, () => 'wrong'), 'limited', 'limited'])
    const presenter = await connect(server, fromAddress('203.0.113.12'))
    presenter.send({ t: 'auth', secret: SECRET })
    await presenter.next(message => message.t === 'auth' && message.ok === true)
    // A second later the server answers one more wrong guess.
    now += 1000
    const later = await connect(server, fromAddress('203.0.113.13'))
    later.send({ t: 'auth', secret: 'a-wrong-guess' })
    expect((await later.next(message => message.t === 'auth')).reason).toBe('wrong')
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
    // The first bad message is logged with its reason; the others are counted (the next test).
    expect(log.filter(line => line.startsWith('dropped a message'))).toEqual([expect.stringContaining('not JSON')])
    expect(log.join('\n')).toContain('closed the connection')
    // The presenter's own bad message is dropped too, and the position stays.
    lead.send(bad[4]!)
    expect(server.hub.state).toEqual({ page: 5, clicks: 0, clicksTotal: 0 })
  })

  it('logs a flood of bad messages as one line and a count, not a line each', async () => {
    const log: string[] = []
    const server = await serve({ log })
    const flooders = await Promise.all(Array.from({ length: 20 }, () => connect(server)))
    for (const flooder of flooders) {
      for (let index = 0; index < 5; index++)
        flooder.send('not json')
    }
    await Promise.all(flooders.map(flooder => flooder.closed))
    await server.close()
    expect(log.filter(line => line.startsWith('dropped a message'))).toHaveLength(1)
    expect(log).toContain('bad messages: 99 more in the last 10 s, not logged one by one')
    expect(log.filter(line => line.startsWith('closed the connection'))).toHaveLength(1)
    expect(log).toContain('closed connections: 19 more in the last 10 s, not logged one by one')
  })

  it('caps the connections one address holds and opens, answering 429; this machine is not capped', async () => {
    const server = await serve({ trustProxy: true, maxSocketsPerAddress: 2, connectsPerMinute: 2 })
    await connect(server, fromAddress('198.51.100.1'))
    const second = await connect(server, fromAddress('198.51.100.1'))
    expect(await refusal(server, fromAddress('198.51.100.1'))).toBe(429)
    await connect(server, fromAddress('198.51.100.2'))
    // Closed, the second frees its place, but the address has opened its two connections this minute.
    second.ws.close()
    await second.closed
    expect(await refusal(server, fromAddress('198.51.100.1'))).toBe(429)
    // Loopback (the presenter's own machine, a local benchmark) is never capped.
    await Promise.all(Array.from({ length: 5 }, () => connect(server)))
  })

  it('counts an IPv6 /64 as one network for every budget: connections, votes, questions; --ipv6-prefix 128 counts addresses', async () => {
    const server = await serve({ trustProxy: true, maxSocketsPerAddress: 2, connectsPerMinute: 100 })
    // Addresses rotated inside one /64, as a phone or a home network may at will.
    await connect(server, fromAddress('2001:db8:1:2::1'))
    await connect(server, fromAddress('2001:db8:1:2:ffff::2'))
    expect(await refusal(server, fromAddress('2001:db8:1:2:abcd:ef01:2345:6789'))).toBe(429)
    // Another /64, and an IPv4-mapped address, are networks of their own.
    await connect(server, fromAddress('2001:db8:1:3::1'))
    await connect(server, fromAddress('::ffff:198.51.100.7'))
    const perAddress = await serve({ trustProxy: true, maxSocketsPerAddress: 2, ipv6Prefix: 128 })
    await Promise.all(['::1:1', '::1:2', '::1:3'].map(tail => connect(perAddress, fromAddress(`2001:db8:1:2${tail}`))))
  })

  it('holds at most so many connections from other machines in all, however many networks they come from', async () => {
    const server = await serve({ trustProxy: true, maxSockets: 3 })
    for (let i = 1; i <= 3; i++)
      await connect(server, fromAddress(`2001:db8:${i}::1`))
    expect(await refusal(server, fromAddress('2001:db8:4::1'))).toBe(429)
  })

  it('one /64 cannot outvote the room: rotating addresses shares one network\'s budget of questions and upvotes', async () => {
    const server = await serve({ trustProxy: true, questionLimits: { askPerAddress: { burst: 3, perSecond: 0.001 } } })
    const answers: Record<string, unknown>[] = []
    for (let i = 0; i < 5; i++) {
      const deck = await connect(server, fromAddress(`2001:db8:9:9::${i + 1}`))
      deck.send({ t: 'ask', device: `rotating-device-${String(i).padStart(8, '0')}`, text: `question ${i}` })
      answers.push(await deck.next(message => message.t === 'asked' || message.t === 'refused'))
    }
    expect(answers.map(answer => answer.t)).toEqual(['asked', 'asked', 'asked', 'refused', 'refused'])
    expect(answers[3]!.reason).toMatch(/^Too many questions from this device or network: try again in \d+ s$/)
  })

  it('counts a presenter that pairs its own view as a phone once, not twice', async () => {
    const server = await serve()
    const lead = await presenter(server)
    lead.send({ t: 'pair' })
    const { token } = await lead.next(message => message.t === 'pairing')
    await connect(server)
    await lead.next(message => message.t === 'audience' && message.count === 1)
    // The presenter's own connection proves the pairing code: it was not part of the audience, and still is not.
    lead.send({ t: 'remote', token })
    await lead.next(message => message.t === 'remote' && message.ok === true)
    expect(server.hub.audience).toBe(1)
    const phone = await connect(server)
    await lead.next(message => message.t === 'audience' && message.count === 2)
    phone.ws.close()
    await lead.next(message => message.t === 'audience' && message.count === 1)
  })

  it('writes what a client chose into the log bounded and escaped (./proxy.test.ts and ./limits.test.ts try the bytes no client sends)', async () => {
    const log: string[] = []
    const server = await serve({ log, trustProxy: true })
    const ws = new WebSocket(`ws://localhost:${server.port}/sync`, { headers: { 'Origin': `https://evil.example/${'x'.repeat(300)}`, 'X-Forwarded-For': 'not-an-address' } })
    sockets.push(ws)
    ws.on('error', () => {})
    await new Promise(resolve => ws.once('unexpected-response', resolve))
    expect(log.find(line => line.startsWith('refused a sync connection'))).toMatch(/^refused a sync connection from origin "https:\/\/evil\.example\/x{179}\\u2026"$/)
    expect(log.join('\n')).not.toMatch(/[\r\u2028]/)
    expect(log.every(line => line.length < 320)).toBe(true)
  })

  it('answers a deck\'s ping with a pong', async () => {
    const server = await serve()
    const deck = await connect(server)
    deck.send({ t: 'ping' })
    await deck.next(message => message.t === 'pong')
  })

  it('closes a connection that stops answering its pings, and keeps the ones that answer', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const server = await serve({ heartbeatMs: 30_000 })
    const healthy = await connect(server)
    const silent = new WebSocket(`ws://localhost:${server.port}/sync`, { autoPong: false })
    sockets.push(silent)
    await new Promise(resolve => silent.once('open', resolve))
    const pinged = (ws: WebSocket) => new Promise(resolve => ws.once('ping', resolve))
    const pings = Promise.all([pinged(healthy.ws), pinged(silent)])
    vi.advanceTimersByTime(30_000)
    await pings
    // Both have been pinged; the healthy deck's pong left before this message, so the server has it once the answer comes.
    healthy.send({ t: 'ping' })
    await healthy.next(message => message.t === 'pong')
    const silentClosed = new Promise<number>(resolve => silent.once('close', code => resolve(code)))
    const pingedAgain = pinged(healthy.ws)
    vi.advanceTimersByTime(30_000)
    expect(await silentClosed).toBe(1006)
    await pingedAgain
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN)
  })

  it('refuses a position past the slide\'s last click or past the last slide, when the build lists the clicks', async () => {
    const built = mkdtempSync(join(tmpdir(), 'deck-clicks-'))
    writeFileSync(join(built, 'index.html'), '<!DOCTYPE html><html><head></head><body></body></html>')
    writeFileSync(join(built, CLICK_TOTALS_FILE), formatClickTotals([0, 3, 1]))
    const log: string[] = []
    const server = await serve({ dir: built, log })
    const lead = await presenter(server)
    const watcher = await connect(server)
    lead.send({ t: 'nav', page: 2, clicks: 4, clicksTotal: 4 })
    lead.send({ t: 'nav', page: 4, clicks: 0, clicksTotal: 0 })
    lead.send({ t: 'nav', page: 2, clicks: 3, clicksTotal: 3 })
    await watcher.next(isState(2, 3))
    expect(watcher.received.filter(message => message.t === 'state')).toEqual([{ t: 'state', page: 2, clicks: 3, clicksTotal: 3 }])
    expect(log).toContainEqual(expect.stringMatching(/^dropped a position from .+: click 4 on slide 2, which has 3$/))
    // The presenter is not cut off for it: Slidev may pass a slide's end for a moment as it moves.
    expect(lead.ws.readyState).toBe(WebSocket.OPEN)
  })

  it('drops a flood beyond the message rate', async () => {
    const log: string[] = []
    const server = await serve({ log })
    const flooder = await connect(server)
    for (let index = 0; index < 60; index++)
      flooder.send({ t: 'ping' })
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

  it('never sends a Location that leaves the site, whatever the path resolves to', async () => {
    for (const base of ['/', '/talk/']) {
      const server = await serve({ base })
      const origin = `http://localhost:${server.port}`
      for (const path of ['x%2f..', 'x%2f..?y=1', '%2f%2fevil.example', '%5c%5cevil.example%2f..%2freader', 'reader%2f.', 'https:%2f%2fevil.example%2f..%2f..%2freader', '.', '%2e%2e']) {
        const response = await fetch(`${origin}${base}${path}`, { redirect: 'manual' })
        const location = response.headers.get('location')
        if (location !== null)
          expect(location, `${base}${path}`).toMatch(/^\/(?![/\\])[^:]*$/)
      }
      // A path that resolves to the deck's own folder is the deck, not a redirect.
      const self = await fetch(`${origin}${base}x%2f..?y=1`, { redirect: 'manual' })
      expect([self.status, self.headers.get('location')]).toEqual([200, null])
    }
  })

  it('follows no symlink out of the deck\'s folder', async () => {
    const built = mkdtempSync(join(tmpdir(), 'deck-links-'))
    const elsewhere = mkdtempSync(join(tmpdir(), 'deck-elsewhere-'))
    writeFileSync(join(built, 'index.html'), '<!DOCTYPE html><html><head><title>Deck</title></head><body></body></html>')
    writeFileSync(join(built, 'inside.txt'), 'inside\n')
    writeFileSync(join(elsewhere, 'private.txt'), 'private\n')
    writeFileSync(join(elsewhere, 'index.html'), '<!DOCTYPE html><html><head><title>Private</title></head><body></body></html>')
    symlinkSync(join(elsewhere, 'private.txt'), join(built, 'leak.txt'))
    symlinkSync(elsewhere, join(built, 'folder'))
    symlinkSync(join(built, 'inside.txt'), join(built, 'alias.txt'))
    const server = await serve({ dir: built })
    const origin = `http://localhost:${server.port}`
    expect((await fetch(`${origin}/leak.txt`)).status).toBe(404)
    expect((await fetch(`${origin}/folder/private.txt`)).status).toBe(404)
    const folder = await fetch(`${origin}/folder/`, { redirect: 'manual' })
    expect(await folder.text()).not.toContain('Private')
    // A link that stays inside the folder leads nowhere new.
    expect(await (await fetch(`${origin}/alias.txt`)).text()).toBe('inside\n')
  })

  it('serves byte ranges, so a download can resume', async () => {
    const built = mkdtempSync(join(tmpdir(), 'deck-ranges-'))
    writeFileSync(join(built, 'index.html'), '<!DOCTYPE html><html><head></head><body></body></html>')
    writeFileSync(join(built, 'slides.pdf'), '0123456789')
    const server = await serve({ dir: built })
    const url = `http://localhost:${server.port}/slides.pdf`
    const ranged = async (range: string, headers: Record<string, string> = {}) => {
      const response = await fetch(url, { headers: { 'Range': range, 'Accept-Encoding': 'identity', ...headers } })
      return [response.status, response.headers.get('content-range'), await response.text()]
    }
    expect(await ranged('bytes=2-4')).toEqual([206, 'bytes 2-4/10', '234'])
    expect(await ranged('bytes=7-')).toEqual([206, 'bytes 7-9/10', '789'])
    expect(await ranged('bytes=-3')).toEqual([206, 'bytes 7-9/10', '789'])
    expect(await ranged('bytes=8-100')).toEqual([206, 'bytes 8-9/10', '89'])
    expect(await ranged('bytes=10-')).toEqual([416, 'bytes */10', ''])
    expect(await ranged('bytes=0-1,4-5')).toEqual([200, null, '0123456789'])
    expect(await ranged('bytes=2-4', { 'If-Range': '"another-version"' })).toEqual([200, null, '0123456789'])
    expect((await fetch(url)).headers.get('accept-ranges')).toBe('bytes')
  })

  it('answers If-None-Match with 304 for a list, a weak tag or *', async () => {
    const server = await serve()
    const url = `http://localhost:${server.port}/assets/index-abc.js`
    const etag = (await fetch(url)).headers.get('etag')!
    const status = async (ifNoneMatch: string) => (await fetch(url, { headers: { 'If-None-Match': ifNoneMatch } })).status
    expect(await status(`"other", ${etag}`)).toBe(304)
    expect(await status(`W/${etag}`)).toBe(304)
    expect(await status('*')).toBe(304)
    expect(await status('"other", W/"another"')).toBe(200)
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
    // Nothing about who is connected: the public may not learn whether a presenter is live.
    expect(health).toEqual({ ok: true })
  })
})

describe('behind a reverse proxy', () => {
  /** What nginx or Caddy sends for a browser at https://talk.example.com: its own Host upstream, the browser's in X-Forwarded-*. */
  const proxied = (port: number) => ({
    'Host': `127.0.0.1:${port}`,
    'Origin': 'https://talk.example.com',
    'X-Forwarded-For': '192.0.2.7',
    'X-Forwarded-Proto': 'https',
    'X-Forwarded-Host': 'talk.example.com',
  })

  it('with --trust-proxy, takes the browser\'s host, scheme and address from the proxy\'s headers and sends HSTS', async () => {
    const server = await serve({ trustProxy: true, limiter: new GuessLimiter({ perAddress: { burst: 1, perSecond: 0.001 } }) })
    const deck = await connect(server, proxied(server.port))
    // The address is the browser's: its wrong guess counts against 192.0.2.7, not against the proxy.
    deck.send({ t: 'auth', secret: 'a-wrong-guess' })
    expect((await deck.next(message => message.t === 'auth')).reason).toBe('wrong')
    const other = await connect(server, { ...proxied(server.port), 'X-Forwarded-For': '192.0.2.8' })
    other.send({ t: 'auth', secret: 'a-wrong-guess' })
    expect((await other.next(message => message.t === 'auth')).reason).toBe('wrong')
    const page = await fetch(`http://localhost:${server.port}/1`, { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(page.headers.get('strict-transport-security')).toBe(STRICT_TRANSPORT_SECURITY)
    expect((await fetch(`http://localhost:${server.port}/1`)).headers.get('strict-transport-security')).toBeNull()
  })

  it('without --trust-proxy, ignores those headers: the rewritten Host does not match, and no HSTS over plain HTTP', async () => {
    const server = await serve()
    expect(await refusal(server, proxied(server.port))).toBe(403)
    const page = await fetch(`http://localhost:${server.port}/1`, { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(page.headers.get('strict-transport-security')).toBeNull()
  })

  it('with a public origin, accepts pages from that origin only, whatever the Host, and sends HSTS for https', async () => {
    const server = await serve({ publicOrigin: 'https://talk.example.com' })
    const { 'X-Forwarded-Host': _host, ...headers } = proxied(server.port)
    await connect(server, headers)
    expect(await refusal(server, { ...headers, Origin: `http://127.0.0.1:${server.port}` })).toBe(403)
    expect(await refusal(server, { ...headers, Origin: 'https://evil.example' })).toBe(403)
    expect((await fetch(`http://localhost:${server.port}/1`)).headers.get('strict-transport-security')).toBe(STRICT_TRANSPORT_SECURITY)
  })
})
