import type { RunningServer } from './serve'
import type { Channel, Message } from './test-channel'
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { parseClientMessage, parseServerMessage } from '../shared/sync-protocol'
import { CLICK_TOTALS_FILE, formatClickTotals } from './click-totals'
import { REVOKED } from './hub'
import { PAIRING_TTL_MS, readRemoteState, REMOTE_FILE, RemoteKeys, SESSION_TTL_MS, stepPosition, writeRemoteState } from './remote'
import { startServer } from './serve'
import { openChannel, provedPresenter } from './test-channel'

const SECRET = 'a-secret-for-the-remote-tests'

describe('remote tokens', () => {
  it('accepts a pairing token once and a session token until it expires, both under 120 characters', () => {
    let now = 1_000_000
    const keys = new RemoteKeys({ secret: SECRET, now: () => now })
    const pairing = keys.issue('pair')
    const session = keys.issue('session')
    expect(pairing.token.length).toBeLessThan(120)
    expect(pairing.token).not.toContain(SECRET)
    expect(keys.check(pairing.token)).toMatchObject({ kind: 'pair', expiresAt: now + PAIRING_TTL_MS })
    expect(keys.check(pairing.token)).toEqual({ refused: 'used' })
    expect(keys.check(session.token)).toMatchObject({ kind: 'session', expiresAt: now + SESSION_TTL_MS })
    expect(keys.check(session.token)).toMatchObject({ kind: 'session', expiresAt: now + SESSION_TTL_MS })
    // A pairing that could not be saved gives its code back.
    const unsaved = keys.issue('pair')
    const checked = keys.check(unsaved.token) as { undo: () => void }
    checked.undo()
    expect(keys.check(unsaved.token)).toMatchObject({ kind: 'pair' })
    const late = keys.issue('pair')
    now += PAIRING_TTL_MS
    expect(keys.check(late.token)).toEqual({ refused: 'expired' })
    now += SESSION_TTL_MS
    expect(keys.check(session.token)).toEqual({ refused: 'expired' })
  })

  it('refuses a token signed with another secret, or changed in any part', () => {
    const keys = new RemoteKeys({ secret: SECRET })
    const other = new RemoteKeys({ secret: `${SECRET}-not` })
    expect(keys.check(other.issue('session').token)).toEqual({ refused: 'wrong' })
    const { token } = keys.issue('session')
    const parts = token.split('.')
    // A session made to look like a pairing token, a later expiry, another id: each breaks the signature.
    expect(keys.check(['p', ...parts.slice(1)].join('.'))).toEqual({ refused: 'wrong' })
    expect(keys.check([...parts.slice(0, 3), (Number.parseInt(parts[3]!, 36) + 1).toString(36), parts[4]].join('.'))).toEqual({ refused: 'wrong' })
    expect(keys.check([parts[0], 'AAAAAAAAAAAAAAAA', ...parts.slice(2)].join('.'))).toEqual({ refused: 'wrong' })
    expect(keys.check('')).toEqual({ refused: 'malformed' })
    expect(keys.check(SECRET)).toEqual({ refused: 'malformed' })
  })

  it('refuses every token issued before a revocation, and accepts those issued after', () => {
    const keys = new RemoteKeys({ secret: SECRET })
    const before = keys.issue('session')
    const pairing = keys.issue('pair')
    keys.revoke()
    expect(keys.check(before.token)).toEqual({ refused: 'revoked' })
    expect(keys.check(pairing.token)).toEqual({ refused: 'revoked' })
    // A restarted server that kept the revocation refuses them too.
    const restarted = new RemoteKeys({ secret: SECRET, state: keys.state() })
    expect(restarted.check(before.token)).toEqual({ refused: 'revoked' })
    const after = restarted.issue('session')
    expect(restarted.check(after.token)).toMatchObject({ kind: 'session' })
  })

  it('a revocation refuses every token issued before it, even when the clock has been set back since', () => {
    let now = 5_000_000
    const keys = new RemoteKeys({ secret: SECRET, now: () => now })
    const early = keys.issue('session')
    now = 1_000_000
    const underSetBackClock = keys.issue('session')
    keys.revoke()
    expect(keys.check(early.token)).toEqual({ refused: 'revoked' })
    expect(keys.check(underSetBackClock.token)).toEqual({ refused: 'revoked' })
    expect(keys.check(keys.issue('session').token)).toMatchObject({ kind: 'session' })
  })
})

describe('the remote\'s file', () => {
  it('keeps the revocation and the codes used across a restart; reads a damaged file or a directory as "revoked until now"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-remote-'))
    const log: string[] = []
    expect(await readRemoteState(dir, line => log.push(line))).toEqual({ revokedBefore: 0, used: {} })
    const now = Date.now()
    await writeRemoteState(dir, { revokedBefore: 1234, used: { abcdefgh12: now + 60_000 } })
    expect(statSync(join(dir, REMOTE_FILE)).mode & 0o777).toBe(0o600)
    expect(await readRemoteState(dir, line => log.push(line), () => now)).toEqual({ revokedBefore: 1234, used: { abcdefgh12: now + 60_000 } })
    // Times past the clock are taken as now; a code's life is never longer than a pairing code's.
    await writeRemoteState(dir, { revokedBefore: now + 86_400_000, used: { abcdefgh12: now + 86_400_000, expired000: now - 1 } })
    expect(await readRemoteState(dir, () => {}, () => now)).toEqual({ revokedBefore: now, used: { abcdefgh12: now + PAIRING_TTL_MS } })
    writeFileSync(join(dir, REMOTE_FILE), '{"revokedBefore": 12')
    expect(await readRemoteState(dir, line => log.push(line), () => 5678)).toEqual({ revokedBefore: 5678, used: {} })
    expect(log).toEqual([expect.stringContaining('is damaged: every phone remote paired before now must pair again')])
    rmSync(join(dir, REMOTE_FILE))
    mkdirSync(join(dir, REMOTE_FILE))
    expect(await readRemoteState(dir, line => log.push(line), () => 91011)).toEqual({ revokedBefore: 91011, used: {} })
    expect(log.at(-1)).toMatch(/cannot be read \(EISDIR/)
    // And saving into it fails, so nothing that needs it is answered as saved.
    await expect(writeRemoteState(dir, { revokedBefore: 1, used: {} })).rejects.toThrow()
  })
})

describe('a step of the deck', () => {
  const totals = [0, 2, 1]
  it('goes click by click, then to the next slide\'s start; back, to the previous slide\'s last click', () => {
    expect(stepPosition({ page: 1, clicks: 0 }, 1, totals)).toEqual({ page: 2, clicks: 0, clicksTotal: 2 })
    expect(stepPosition({ page: 2, clicks: 1 }, 1, totals)).toEqual({ page: 2, clicks: 2, clicksTotal: 2 })
    expect(stepPosition({ page: 2, clicks: 2 }, 1, totals)).toEqual({ page: 3, clicks: 0, clicksTotal: 1 })
    expect(stepPosition({ page: 3, clicks: 0 }, -1, totals)).toEqual({ page: 2, clicks: 2, clicksTotal: 2 })
    expect(stepPosition({ page: 2, clicks: 1 }, -1, totals)).toEqual({ page: 2, clicks: 0, clicksTotal: 2 })
  })

  it('stays at either end of the deck, takes a click past the last as the last, and has no step from a slide the deck lacks', () => {
    expect(stepPosition({ page: 3, clicks: 1 }, 1, totals)).toEqual({ page: 3, clicks: 1, clicksTotal: 1 })
    expect(stepPosition({ page: 1, clicks: 0 }, -1, totals)).toEqual({ page: 1, clicks: 0, clicksTotal: 0 })
    expect(stepPosition({ page: 2, clicks: 999 }, 1, totals)).toEqual({ page: 3, clicks: 0, clicksTotal: 1 })
    expect(stepPosition({ page: 4, clicks: 0 }, 1, totals)).toBeUndefined()
  })
})

describe('the protocol', () => {
  it('reads the remote\'s messages and refuses malformed ones', () => {
    expect(parseClientMessage('{"t":"pair"}', 12)).toEqual({ ok: true, message: { t: 'pair' } })
    expect(parseClientMessage('{"t":"step","direction":1,"page":2,"clicks":0}', 50)).toEqual({ ok: true, message: { t: 'step', direction: 1, page: 2, clicks: 0 } })
    expect(parseClientMessage('{"t":"step","direction":2,"page":2,"clicks":0}', 50)).toMatchObject({ ok: false })
    expect(parseClientMessage('{"t":"remote","token":"<script>"}', 40)).toMatchObject({ ok: false })
    expect(parseClientMessage(`{"t":"remote","token":"${'a'.repeat(121)}"}`, 150)).toMatchObject({ ok: false })
    expect(parseServerMessage('{"t":"state","page":2,"clicks":0,"clicksTotal":1,"by":"remote"}')).toEqual({ t: 'state', page: 2, clicks: 0, clicksTotal: 1, by: 'remote' })
    expect(parseServerMessage('{"t":"remote","ok":false,"reason":"nonsense"}')).toBeUndefined()
  })
})

describe('the phone remote on the sync channel', () => {
  let dir: string
  const servers: RunningServer[] = []
  const sockets: WebSocket[] = []

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'deck-remote-dist-'))
    writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><html><head></head><body></body></html>')
    writeFileSync(join(dir, CLICK_TOTALS_FILE), formatClickTotals([0, 2, 1, 0]))
  })

  afterEach(async () => {
    for (const socket of sockets.splice(0))
      socket.terminate()
    await Promise.all(servers.splice(0).map(server => server.close()))
  })

  async function serve(options: { dataDir?: string, log?: string[] } = {}) {
    const server = await startServer({ dir, base: '/', secret: SECRET, port: 0, host: 'localhost', dataDir: options.dataDir, log: line => options.log?.push(line) })
    servers.push(server)
    return server
  }
  const connect = (server: RunningServer) => openChannel(`ws://localhost:${server.port}/sync`, {}, sockets)
  const presenter = (server: RunningServer) => provedPresenter(connect(server), SECRET)
  async function pairingToken(lead: Channel): Promise<string> {
    lead.send({ t: 'pair' })
    return (await lead.next(message => message.t === 'pairing')).token as string
  }
  async function remote(server: RunningServer, token: string) {
    const phone = await connect(server)
    phone.send({ t: 'remote', token })
    const answer = await phone.next(message => message.t === 'remote')
    return { phone, answer }
  }
  const isState = (page: number, clicks: number) => (message: Message) => message.t === 'state' && message.page === page && message.clicks === clicks

  it('pairs a phone that steps every deck, the presenter\'s included; the pairing token works once; no token reaches the log', async () => {
    const log: string[] = []
    const server = await serve({ log })
    const lead = await presenter(server)
    const audience = [await connect(server), await connect(server)]
    const token = await pairingToken(lead)
    const { phone, answer } = await remote(server, token)
    expect(answer).toMatchObject({ t: 'remote', ok: true, session: expect.any(String) })
    await lead.next(message => message.t === 'remotes' && message.count === 1 && message.paired === true)
    phone.send({ t: 'step', direction: 1, page: 1, clicks: 0 })
    for (const deck of [...audience, lead, phone])
      await deck.next(message => isState(2, 0)(message) && message.by === 'remote')
    expect(server.hub.state).toEqual({ page: 2, clicks: 0, clicksTotal: 2 })
    // A phone remote is not counted as audience.
    expect(server.hub.audience).toBe(2)
    const again = await remote(server, token)
    expect(again.answer).toEqual({ t: 'remote', ok: false, reason: 'used' })
    expect(log.join('\n')).not.toContain(token)
    expect(log.join('\n')).not.toContain(answer.session)
    expect(log).toContain('phone remote paired from 127.0.0.1')
  })

  it('passes on the presenter\'s position with the build\'s click total, which Slidev may report as 0 at first', async () => {
    const server = await serve()
    const lead = await presenter(server)
    const watcher = await connect(server)
    lead.send({ t: 'nav', page: 2, clicks: 0, clicksTotal: 0 })
    lead.send({ t: 'nav', page: 2, clicks: 0, clicksTotal: 2 })
    lead.send({ t: 'nav', page: 3, clicks: 0, clicksTotal: 0 })
    await watcher.next(isState(3, 0))
    expect(watcher.received.filter(message => message.t === 'state')).toEqual([
      { t: 'state', page: 2, clicks: 0, clicksTotal: 2 },
      { t: 'state', page: 3, clicks: 0, clicksTotal: 1 },
    ])
  })

  it('lets the last command win: two phones pressing next on the same slide take the talk one step', async () => {
    const server = await serve()
    const lead = await presenter(server)
    const watcher = await connect(server)
    const a = await remote(server, await pairingToken(lead))
    const b = await remote(server, await pairingToken(lead))
    a.phone.send({ t: 'step', direction: 1, page: 2, clicks: 0 })
    b.phone.send({ t: 'step', direction: 1, page: 2, clicks: 0 })
    await b.phone.next(isState(2, 1))
    await a.phone.next(isState(2, 1))
    expect(server.hub.state).toEqual({ page: 2, clicks: 1, clicksTotal: 2 })
    expect(watcher.received.filter(message => message.t === 'state').map(message => [message.page, message.clicks])).toEqual([[2, 1]])
  })

  it('refuses a step from a deck that is not a paired remote, and pairing from a deck without the secret', async () => {
    const server = await serve()
    const stranger = await connect(server)
    stranger.send({ t: 'step', direction: 1, page: 1, clicks: 0 })
    expect(await stranger.next(message => message.t === 'refused')).toMatchObject({ reason: 'only a paired remote steps the deck' })
    stranger.send({ t: 'pair' })
    expect(await stranger.next(message => message.t === 'refused' && String(message.reason).includes('pairs'))).toBeTruthy()
    expect(server.hub.state).toBeUndefined()
    const forged = await remote(server, `s.${'a'.repeat(16)}.1.zzzzzz.${'b'.repeat(22)}`)
    expect(forged.answer).toEqual({ t: 'remote', ok: false, reason: 'wrong' })
  })

  it('revokes from the presenter view: the phone is told and closed, its session refused, also after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deck-remote-data-'))
    const server = await serve({ dataDir })
    const lead = await presenter(server)
    const { phone, answer } = await remote(server, await pairingToken(lead))
    const unused = await pairingToken(lead)
    const before = lead.received.length
    lead.send({ t: 'revoke-remotes' })
    expect(await phone.next(message => message.t === 'remote' && message.ok === false)).toEqual({ t: 'remote', ok: false, reason: 'revoked' })
    expect(await phone.closed).toBe(REVOKED)
    // The new count comes once the revocation is saved.
    await lead.next(message => lead.received.indexOf(message) >= before && message.t === 'remotes' && message.count === 0)
    expect((await remote(server, answer.session as string)).answer).toEqual({ t: 'remote', ok: false, reason: 'revoked' })
    expect((await remote(server, unused)).answer).toEqual({ t: 'remote', ok: false, reason: 'revoked' })
    expect((await readRemoteState(dataDir, () => {})).revokedBefore).toBeGreaterThan(0)
    await server.close()
    const restarted = await serve({ dataDir })
    expect((await remote(restarted, answer.session as string)).answer).toEqual({ t: 'remote', ok: false, reason: 'revoked' })
    // A phone paired after the revocation works.
    const fresh = await remote(restarted, await pairingToken(await presenter(restarted)))
    expect(fresh.answer).toMatchObject({ ok: true })
    expect(fresh.phone.ws.readyState).toBe(WebSocket.OPEN)
  })

  it('counts a deck that becomes a remote out of the audience, and tells the presenter', async () => {
    const server = await serve()
    const lead = await presenter(server)
    const phone = await connect(server)
    await lead.next(message => message.t === 'audience' && message.count === 1)
    const seen = lead.received.length
    phone.send({ t: 'remote', token: await pairingToken(lead) })
    await phone.next(message => message.t === 'remote' && message.ok === true)
    await lead.next(message => message.t === 'audience' && message.count === 0 && lead.received.indexOf(message) >= seen)
  })

  it('tells the presenter a code was used only when it was: a phone back by its session changes the count alone', async () => {
    const server = await serve()
    const lead = await presenter(server)
    const { answer } = await remote(server, await pairingToken(lead))
    await lead.next(message => message.t === 'remotes' && message.count === 1)
    await remote(server, answer.session as string)
    expect(await lead.next(message => message.t === 'remotes' && message.count === 2)).toEqual({ t: 'remotes', count: 2 })
  })

  it('a revocation while a pairing is being saved refuses that pairing too', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deck-remote-data-'))
    const server = await serve({ dataDir })
    const lead = await presenter(server)
    for (let i = 0; i < 5; i++) {
      const token = await pairingToken(lead)
      const phone = await connect(server)
      // Sent together: the revocation arrives while the pairing is written to remote.json, or just after it.
      phone.send({ t: 'remote', token })
      lead.send({ t: 'revoke-remotes' })
      expect(await phone.next(message => message.t === 'remote' && message.ok === false)).toEqual({ t: 'remote', ok: false, reason: 'revoked' })
      expect(server.hub.remotes).toBe(0)
    }
  })

  it('keeps a used pairing code used across a restart: saved before the phone is told it is paired', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deck-remote-data-'))
    const server = await serve({ dataDir })
    const token = await pairingToken(await presenter(server))
    expect((await remote(server, token)).answer).toMatchObject({ ok: true })
    // Answered "paired": the code is on disk as used already.
    expect(Object.keys((await readRemoteState(dataDir, () => {})).used)).toHaveLength(1)
    await server.close()
    const restarted = await serve({ dataDir })
    expect((await remote(restarted, token)).answer).toEqual({ t: 'remote', ok: false, reason: 'used' })
  })

  it('takes a phone back after the server restarts, by its session', async () => {
    const server = await serve()
    const { answer } = await remote(server, await pairingToken(await presenter(server)))
    await server.close()
    const restarted = await serve()
    const back = await remote(restarted, answer.session as string)
    expect(back.answer).toEqual({ t: 'remote', ok: true, session: answer.session })
    back.phone.send({ t: 'step', direction: 1, page: 3, clicks: 1 })
    await back.phone.next(isState(4, 0))
  })
})
