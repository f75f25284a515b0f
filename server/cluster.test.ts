/**
 * One talk on three `npm run serve` instances, each its own process, sharing a
 * real redis-server, behind a real HAProxy (./test-haproxy.ts): the presenter
 * on instance A, the audience through the balancer. What every deck is told
 * is checked from the decks' side: moves reach every instance in order, votes
 * and upvotes count once wherever they arrive, a pairing code works once on
 * any instance, a phone paired on one hears the presenter's timer sent to
 * another and the rehearsal saved through a third (which `npm run rehearsals
 * -- --redis` reads back), a killed instance's decks come back through the
 * balancer and catch up, and with Redis stopped (or cut off from one
 * instance) the instances keep serving, refuse what they cannot keep (a
 * rehearsal too), say so to the presenter, and resume once it is back. Traffic goes to 127.0.0.1 only; every
 * process started is stopped. Skipped, with the reason printed, without
 * redis-server or haproxy.
 */
import type { ChildProcess } from 'node:child_process'
import type { Server, Socket } from 'node:net'
import type { Message } from './test-channel'
import type { TestBalancer } from './test-haproxy'
import type { TestRedis } from './test-redis'
import type { ServeProcess } from './test-serve'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { reconnectDelay } from '../shared/sync-protocol'
import { CLICK_TOTALS_FILE, formatClickTotals } from './click-totals'
import { formatPollDefinitions, POLLS_DEFINITIONS_FILE } from './polls'
import { NOT_SHARED } from './talk-backends'
import { openChannel, provedPresenter } from './test-channel'
import { haproxyMissing, startHaproxy } from './test-haproxy'
import { freePort, redisMissing, startRedis } from './test-redis'
import { spawnServe } from './test-serve'

const SECRET = 'a-secret-for-the-cluster-tests'
const TALK = 'cluster-test'
const OPTIONS = ['Yes', 'Sort of', 'No']
/** Decks through the balancer: round robin puts four on each instance. */
const DECKS = 12

const missing = redisMissing() ?? haproxyMissing()
if (missing)
  console.warn(`Skipped: one talk on three instances behind HAProxy (${missing})`)

const deck = mkdtempSync(join(tmpdir(), 'deck-cluster-dist-'))
writeFileSync(join(deck, 'index.html'), '<!DOCTYPE html><html><head><title>Deck</title></head><body></body></html>')
writeFileSync(join(deck, POLLS_DEFINITIONS_FILE), formatPollDefinitions([{ id: 'before', question: 'Are containers just lightweight VMs?', options: OPTIONS, slide: 1 }]))
writeFileSync(join(deck, CLICK_TOTALS_FILE), formatClickTotals([0, 2, 0, 0, 0, 0]))

const children: ChildProcess[] = []
const followers: Follower[] = []
let redis: TestRedis | undefined
let balancer: TestBalancer | undefined
/** The instances by name; C reaches Redis through `split`, a relay the test can cut. */
const instances = new Map<string, ServeProcess>()
let split: Relay | undefined

/**
 * An audience deck as the deck's own client behaves: it connects through the
 * balancer, follows every position it hears, and when its connection drops
 * it connects again after the deck's backoff (250 ms, then doubling).
 */
class Follower {
  ws!: WebSocket
  /** The instance that served the connection (HAProxy's X-Served-By). */
  instance = ''
  page = 0
  clicks = 0
  readonly received: Message[] = []
  private attempt = 0
  private stopped = false
  private readonly waiters: Array<() => void> = []

  constructor(private readonly url: string, readonly device: string) {}

  open(): Promise<void> {
    return new Promise((resolve) => {
      const ws = new WebSocket(this.url)
      this.ws = ws
      ws.on('upgrade', (response) => {
        this.instance = String(response.headers['x-served-by'] ?? '')
      })
      ws.on('open', () => {
        this.attempt = 0
        resolve()
      })
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Message
        this.received.push(message)
        if (message.t === 'state') {
          this.page = message.page as number
          this.clicks = message.clicks as number
        }
        for (const waiter of this.waiters.splice(0))
          waiter()
      })
      ws.on('error', () => {})
      ws.on('close', () => {
        if (this.stopped)
          return
        setTimeout(() => void this.open().then(resolve), reconnectDelay(this.attempt++))
      })
    })
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message))
  }

  /** Resolves once `done` holds, checked at each message. */
  until(done: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => done() ? resolve() : this.waiters.push(check)
      check()
    })
  }

  /** The next message that matches, from now on. */
  next(match: (message: Message) => boolean): Promise<Message> {
    const from = this.received.length
    return new Promise((resolve) => {
      const check = () => {
        const found = this.received.slice(from).find(match)
        if (found)
          resolve(found)
        else
          this.waiters.push(check)
      }
      check()
    })
  }

  stop(): void {
    this.stopped = true
    this.ws.terminate()
  }
}

/**
 * A TCP relay to Redis that can be cut (every connection closed, new ones
 * refused), gone silent (bytes no longer passed either way, nothing closed:
 * a network that drops packets), and healed.
 */
interface Relay { port: number, cut: () => Promise<void>, silence: () => void, heal: () => Promise<void>, close: () => Promise<void> }

async function relay(target: number): Promise<Relay> {
  const port = await freePort()
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let silent = false
  const listen = () => new Promise<void>((resolve) => {
    server = createServer((client) => {
      const upstream = connect(target, '127.0.0.1')
      for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
        sockets.add(from)
        from.on('error', () => {})
        from.on('close', () => {
          sockets.delete(from)
          client.destroy()
          upstream.destroy()
        })
        from.on('data', (chunk) => {
          if (!silent)
            to.write(chunk)
        })
      }
    })
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const cut = async () => {
    const closing = server
    server = undefined
    for (const socket of sockets)
      socket.destroy()
    await new Promise<void>(resolve => closing ? closing.close(() => resolve()) : resolve())
  }
  const heal = async () => {
    // The silent connections are dropped (their bytes are lost), new ones pass again.
    if (silent) {
      silent = false
      for (const socket of sockets)
        socket.destroy()
    }
    if (!server)
      await listen()
  }
  await listen()
  return { port, cut, silence: () => void (silent = true), heal, close: cut }
}

/** A rehearsal of this deck (six slides, the second with two clicks): `minutes` on the first slide. */
const rehearsal = (minutes: number) => ({ v: 1, at: '2025-05-12T14:00:00.000Z', target: 2700, slides: [[minutes * 60_000], [1000, 2000, 3000], [], [], [], []] })

/** Saves a rehearsal through one instance, by its port, as the presenter view does. */
function saveRehearsal(port: number, body: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/rehearsals`, { method: 'POST', headers: { 'Authorization': `Bearer ${SECRET}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
}

/** The last rehearsal, as one instance answers the presenter view. */
async function lastRehearsal(port: number): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/api/rehearsals/last`, { headers: { Authorization: `Bearer ${SECRET}` } })
  expect(response.status).toBe(200)
  return ((await response.json()) as { rehearsal: unknown }).rehearsal
}

/** The presenter's export from one instance, by its port. */
async function exported(port: number, what: 'questions' | 'polls'): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/api/${what}.json`, { headers: { Authorization: `Bearer ${SECRET}` } })
  expect(response.status).toBe(200)
  return response.json()
}

const port = (name: string) => instances.get(name)!.port
const balanced = () => `ws://127.0.0.1:${balancer!.port}/sync`
const onInstance = (name: string) => followers.filter(follower => follower.instance === name)

beforeAll(async () => {
  if (missing)
    return
  redis = await startRedis()
  split = await relay(redis.port)
  const serve = (redisPort: number) => spawnServe(['--dir', deck, '--redis', `redis://127.0.0.1:${redisPort}/0`, '--talk', TALK], { DECK_SECRET: SECRET }, children)
  const [a, b, c] = await Promise.all([serve(redis.port), serve(redis.port), serve(split.port)])
  instances.set('a', a).set('b', b).set('c', c)
  balancer = await startHaproxy([...instances].map(([name, instance]) => ({ name, port: instance.port })))
}, 60_000)

afterAll(async () => {
  for (const follower of followers)
    follower.stop()
  await balancer?.close()
  for (const child of children)
    child.kill('SIGKILL')
  await split?.close()
  await redis?.close()
  rmSync(deck, { recursive: true, force: true })
})

describe.skipIf(Boolean(missing))('one talk on three instances behind HAProxy, on Redis', () => {
  it('counts the audience of all three for the presenter on A, moves every deck on every instance from there, in order; a deck joining C late starts where the talk is', async () => {
    for (let index = 0; index < DECKS; index++) {
      const follower = new Follower(balanced(), `cluster-device-${String(index).padStart(6, '0')}`)
      await follower.open()
      followers.push(follower)
    }
    expect(new Set(followers.map(follower => follower.instance))).toEqual(new Set(['a', 'b', 'c']))
    const presenter = await provedPresenter(openChannel(`ws://127.0.0.1:${port('a')}/sync`), SECRET)
    // The presenter on A is told the talk's audience: the decks on all three instances.
    await presenter.next(message => message.t === 'audience' && message.count === DECKS)
    for (const [page, clicks] of [[2, 0], [2, 1], [2, 2], [3, 0]] as const) {
      presenter.send({ t: 'nav', page, clicks, clicksTotal: 2 })
      await Promise.all(followers.map(follower => follower.until(() => follower.page === page && follower.clicks === clicks)))
    }
    // Each deck heard the moves in the order they were made: never a step back.
    for (const follower of followers) {
      const states = follower.received.filter(message => message.t === 'state').map(message => (message.page as number) * 10 + (message.clicks as number))
      expect(states).toEqual([...states].sort((x, y) => x - y))
    }
    let late: Follower | undefined
    for (let tries = 0; tries < 6 && late?.instance !== 'c'; tries++) {
      late?.stop()
      late = new Follower(balanced(), 'cluster-device-late')
      await late.open()
    }
    expect(late!.instance).toBe('c')
    await late!.until(() => late!.page === 3 && late!.clicks === 0)
    late!.stop()
    presenter.ws.close()
  }, 30_000)

  it('counts one vote per device per poll and one upvote per device per question from decks on all three, changed votes too, and every instance exports the same', async () => {
    for (const [index, follower] of followers.entries())
      follower.send({ t: 'vote', device: follower.device, poll: 'before', option: index % 3 })
    await Promise.all(followers.map(follower => follower.next(message => message.t === 'voted')))
    // Four decks change their vote to "No"; the same vote again is no change.
    for (const follower of followers.slice(0, 4))
      follower.send({ t: 'vote', device: follower.device, poll: 'before', option: 2 })
    await Promise.all(followers.slice(0, 4).map(follower => follower.next(message => message.t === 'voted')))
    const asker = onInstance('b')[0]!
    asker.send({ t: 'ask', device: asker.device, text: 'Does a container have its own kernel?' })
    const { id } = await asker.next(message => message.t === 'asked')
    // Every deck hears of the question, wherever it is, and upvotes it; then again (refused: once per device).
    await Promise.all(followers.map(follower => follower.until(() => follower.received.some(message => message.t === 'question' && (message.question as Message).id === id))))
    for (const follower of followers)
      follower.send({ t: 'upvote', device: follower.device, id })
    await Promise.all(followers.map(follower => follower.next(message => message.t === 'upvoted')))
    const again = onInstance('c')[0]!
    again.send({ t: 'upvote', device: again.device, id })
    expect(await again.next(message => message.t === 'refused')).toMatchObject({ about: 'questions', id, reason: 'you have upvoted this question already' })

    const expected = [0, 0, 0]
    for (const [index] of followers.entries())
      expected[index < 4 ? 2 : index % 3]!++
    for (const name of ['a', 'b', 'c']) {
      const polls = await exported(port(name), 'polls') as Array<{ id: string, options: Array<{ votes: number }> }>
      expect(polls[0]!.options.map(option => option.votes), `votes exported by ${name}`).toEqual(expected)
      const questions = await exported(port(name), 'questions') as Array<{ id: number, votes: number }>
      expect(questions, `questions exported by ${name}`).toEqual([expect.objectContaining({ id, votes: DECKS })])
    }
    expect(await exported(port('a'), 'polls')).toEqual(await exported(port('c'), 'polls'))
    expect(await exported(port('a'), 'questions')).toEqual(await exported(port('b'), 'questions'))
  }, 30_000)

  it('uses a pairing code once on any instance: paired on B, refused on C, and the phone on B drives the presenter on A', async () => {
    const presenter = await provedPresenter(openChannel(`ws://127.0.0.1:${port('a')}/sync`), SECRET)
    presenter.send({ t: 'pair' })
    const { token } = await presenter.next(message => message.t === 'pairing')
    const phone = await openChannel(`ws://127.0.0.1:${port('b')}/sync`)
    phone.send({ t: 'remote', token })
    expect(await phone.next(message => message.t === 'remote')).toMatchObject({ ok: true })
    const other = await openChannel(`ws://127.0.0.1:${port('c')}/sync`)
    other.send({ t: 'remote', token })
    expect(await other.next(message => message.t === 'remote')).toEqual({ t: 'remote', ok: false, reason: 'used' })
    const at = presenter.received.filter(message => message.t === 'state').length
    phone.send({ t: 'step', direction: 1, page: 3, clicks: 0 })
    const moved = await presenter.next(message => message.t === 'state' && presenter.received.indexOf(message) >= at)
    expect(moved).toMatchObject({ t: 'state', page: 4, clicks: 0, by: 'remote' })
    await Promise.all(followers.map(follower => follower.until(() => follower.page === 4)))
    for (const channel of [presenter, phone, other])
      channel.ws.close()
  }, 30_000)

  it('gives a phone paired on B the timer the presenter on A keeps, and the rehearsal saved through C, which every instance and npm run rehearsals -- --redis read back', async () => {
    const presenter = await provedPresenter(openChannel(`ws://127.0.0.1:${port('a')}/sync`), SECRET)
    const sent = performance.now()
    presenter.send({ t: 'clock', running: true, elapsed: 30_000 })
    presenter.send({ t: 'pair' })
    const { token } = await presenter.next(message => message.t === 'pairing')
    const phone = await openChannel(`ws://127.0.0.1:${port('b')}/sync`)
    phone.send({ t: 'remote', token })
    expect(await phone.next(message => message.t === 'remote')).toMatchObject({ ok: true })
    // Whether B heard the timer before the phone paired or after, the phone gets it, as it is now.
    const running = await phone.next(message => message.t === 'clock')
    const since = performance.now() - sent
    expect(running).toMatchObject({ t: 'clock', running: true })
    expect(running.elapsed as number).toBeGreaterThanOrEqual(30_000)
    expect(running.elapsed as number).toBeLessThanOrEqual(30_000 + since)
    presenter.send({ t: 'clock', running: false, elapsed: 45_000 })
    expect(await phone.next(message => message.t === 'clock' && message.running === false)).toEqual({ t: 'clock', running: false, elapsed: 45_000 })

    const saved = await saveRehearsal(port('c'), rehearsal(2))
    expect(saved.status).toBe(201)
    expect(await saved.json()).toEqual({ saved: true })
    expect(await phone.next(message => message.t === 'rehearsal')).toEqual({ t: 'rehearsal', rehearsal: rehearsal(2) })
    for (const name of ['a', 'b', 'c'])
      expect(await lastRehearsal(port(name)), `the last rehearsal on ${name}`).toEqual(rehearsal(2))
    // The command, as the presenter runs it, on the talk's Redis: its own process, stopped if it takes longer than 30 s.
    const report = await promisify(execFile)('npm', ['run', '--silent', 'rehearsals', '--', '--redis', redis!.url, '--talk', TALK, '--last', '1'], { encoding: 'utf8', timeout: 30_000 })
    expect(report.stderr).toBe('')
    const out = report.stdout.split('\n')
    expect(out[0]).toBe(`Rehearsals in Redis (${redis!.url}), talk "${TALK}": the last 1 of 1; the talk's target is 45:00 (duration: 45min in slides.md).`)
    // The rehearsal's 2:00 on the first slide, 2:06 in all.
    expect(out.find(line => line.startsWith('Total'))).toMatch(/^Total\s+2:06\s/)
    for (const channel of [presenter, phone])
      channel.ws.close()
  }, 60_000)

  it('brings the decks of a killed instance back through the balancer to another, following the talk', async () => {
    const presenter = await provedPresenter(openChannel(`ws://127.0.0.1:${port('a')}/sync`), SECRET)
    const onB = onInstance('b')
    expect(onB.length).toBeGreaterThan(0)
    const killedAt = performance.now()
    const b = instances.get('b')!
    b.child.kill('SIGKILL')
    await b.exited
    presenter.send({ t: 'nav', page: 5, clicks: 0, clicksTotal: 0 })
    const caughtUp = await Promise.all(onB.map(async (follower) => {
      await follower.until(() => follower.page === 5 && follower.instance !== 'b')
      return performance.now() - killedAt
    }))
    // The figure, for the record (bench:sync --instances 3 --redis measures it): not asserted, a timing.
    console.warn(`cluster: ${onB.length} decks of the killed instance following again after ${Math.round(Math.max(...caughtUp))} ms at most`)
    expect(new Set(onB.map(follower => follower.instance))).not.toContain('b')
    presenter.ws.close()
  }, 30_000)

  it('keeps serving without Redis: the presenter hears "Sync degraded", the decks on its instance follow, votes and questions are refused as not saved; all resumes once Redis is back', async () => {
    const presenter = await provedPresenter(openChannel(`ws://127.0.0.1:${port('a')}/sync`), SECRET)
    // A presenter's window on the voter's instance too: each instance reconnects to Redis on its own, and says so.
    const presenterOnC = await provedPresenter(openChannel(`ws://127.0.0.1:${port('c')}/sync`), SECRET)
    const degraded = [presenter, presenterOnC].map(window => window.next(message => message.t === 'shared' && message.ok === false))
    await redis!.stop()
    for (const heard of await Promise.all(degraded))
      expect(heard).toMatchObject({ t: 'shared', ok: false, problem: expect.any(String) })
    presenter.send({ t: 'nav', page: 6, clicks: 0, clicksTotal: 0 })
    await Promise.all(onInstance('a').map(follower => follower.until(() => follower.page === 6)))
    const voter = onInstance('c')[0]!
    voter.send({ t: 'vote', device: voter.device, poll: 'before', option: 0 })
    expect(await voter.next(message => message.t === 'refused')).toEqual({ t: 'refused', code: 'not-saved', reason: NOT_SHARED, about: 'polls', poll: 'before' })
    voter.send({ t: 'ask', device: voter.device, text: 'Is anyone there?' })
    expect(await voter.next(message => message.t === 'refused')).toEqual({ t: 'refused', code: 'not-saved', reason: NOT_SHARED, about: 'questions' })
    // A rehearsal is refused in the same words, and nothing claims it saved.
    const refused = await saveRehearsal(port('c'), rehearsal(9))
    expect(refused.status).toBe(503)
    expect(await refused.json()).toEqual({ error: NOT_SHARED })

    // Back once the instances say so: a (the presenter's) and c (the voter's; its store may come back after a's).
    const back = [presenter, presenterOnC].map(window => window.next(message => message.t === 'shared' && message.ok === true))
    await redis!.start()
    await Promise.all(back)
    // The move made while Redis was away reaches the other instance's decks once it is back.
    await Promise.all(followers.map(follower => follower.until(() => follower.page === 6)))
    voter.send({ t: 'vote', device: voter.device, poll: 'before', option: 0 })
    expect(await voter.next(message => message.t === 'voted' || message.t === 'refused')).toEqual({ t: 'voted', poll: 'before', option: 0 })
    expect(await lastRehearsal(port('c'))).toEqual(rehearsal(2))
    presenter.ws.close()
    presenterOnC.ws.close()
  }, 30_000)

  it('behaves the same when only one instance is cut off from Redis: its presenter hears it, its decks are refused, and it catches up once the network heals', async () => {
    const presenterOnC = await provedPresenter(openChannel(`ws://127.0.0.1:${port('c')}/sync`), SECRET)
    const presenterOnA = await provedPresenter(openChannel(`ws://127.0.0.1:${port('a')}/sync`), SECRET)
    const degraded = presenterOnC.next(message => message.t === 'shared' && message.ok === false)
    await split!.cut()
    await degraded
    const onC = onInstance('c')
    const voter = onC[0]!
    voter.send({ t: 'vote', device: voter.device, poll: 'before', option: 1 })
    expect(await voter.next(message => message.t === 'refused')).toMatchObject({ reason: NOT_SHARED })
    // The talk goes on on A; C's decks catch up once C reaches Redis again.
    presenterOnA.send({ t: 'nav', page: 2, clicks: 1, clicksTotal: 2 })
    await Promise.all(onInstance('a').map(follower => follower.until(() => follower.page === 2 && follower.clicks === 1)))
    const healed = presenterOnC.next(message => message.t === 'shared' && message.ok === true)
    await split!.heal()
    await healed
    await Promise.all(onC.map(follower => follower.until(() => follower.page === 2 && follower.clicks === 1)))
    voter.send({ t: 'vote', device: voter.device, poll: 'before', option: 1 })
    expect(await voter.next(message => message.t === 'voted' || message.t === 'refused')).toEqual({ t: 'voted', poll: 'before', option: 1 })
    presenterOnA.ws.close()
    presenterOnC.ws.close()
  }, 30_000)

  it('refuses, never acknowledges, when the network to Redis goes silent (nothing closed, nothing answered), and resumes once it heals', async () => {
    const presenterOnC = await provedPresenter(openChannel(`ws://127.0.0.1:${port('c')}/sync`), SECRET)
    split!.silence()
    const voter = onInstance('c')[1] ?? onInstance('c')[0]!
    voter.send({ t: 'vote', device: voter.device, poll: 'before', option: 0 })
    // Unanswered by Redis: refused once the command's deadline passes, not left waiting.
    expect(await voter.next(message => message.t === 'voted' || message.t === 'refused')).toMatchObject({ t: 'refused', reason: NOT_SHARED })
    await presenterOnC.next(message => message.t === 'shared' && message.ok === false)
    const healed = presenterOnC.next(message => message.t === 'shared' && message.ok === true)
    await split!.heal()
    await healed
    voter.send({ t: 'vote', device: voter.device, poll: 'before', option: 0 })
    expect(await voter.next(message => message.t === 'voted' || message.t === 'refused')).toEqual({ t: 'voted', poll: 'before', option: 0 })
    presenterOnC.ws.close()
  }, 30_000)
})
