/**
 * The backends' rules, the same cases run against each backend (./backend.ts):
 * the embedded one (this process) and Redis (a real redis-server on a free
 * port, ./test-redis.ts; skipped, with the reason printed, when redis-server
 * is not installed). Two "instances" of one talk are two sets of backends: the
 * same set for the embedded one, which is one process.
 */
import type { AudienceBackend, GuessBudget, Move, PollsBackend, PositionBackend, RemoteBackend } from './backend'
import type { PollDefinition } from './polls'
import type { TestRedis } from './test-redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GuessLimiter } from './auth'
import { EmbeddedAudience, EmbeddedGuesses, EmbeddedPolls, EmbeddedPosition, EmbeddedRemote } from './backend'
import { RedisAudience, RedisGuesses, RedisPolls, RedisPosition, RedisRemote, RedisTalk } from './backend-redis'
import { PollBoard } from './polls'
import { RemoteKeys } from './remote'
import { redisMissing, startRedis } from './test-redis'

interface Instance { position: PositionBackend, guesses: GuessBudget, audience: AudienceBackend, polls: PollsBackend, remote: RemoteBackend }

interface Backends {
  /** Two instances of a new talk. */
  talk: () => Promise<[Instance, Instance]>
}

const POLLS: PollDefinition[] = [{ id: 'lightweight-vms', question: 'Are containers lightweight VMs?', options: ['Yes', 'No', 'It depends'], slide: 2 }]

const SECRET = 'a presenter secret for the tests'

const LIMITS = { perAddress: { burst: 2, perSecond: 1 / 60 }, global: { burst: 3, perSecond: 1 / 60 } }

const embedded: Backends = {
  talk: async () => {
    const one = { position: new EmbeddedPosition(), guesses: new EmbeddedGuesses(new GuessLimiter(LIMITS)), audience: new EmbeddedAudience(), polls: new EmbeddedPolls(new PollBoard(POLLS)), remote: new EmbeddedRemote(new RemoteKeys({ secret: SECRET })) }
    return [one, one]
  },
}

const missing = redisMissing()
if (missing)
  console.warn(`Skipped: the Redis backend's cases (${missing})`)

let redis: TestRedis | undefined
const talks: RedisTalk[] = []
let talkCount = 0
const onRedis: Backends = {
  talk: async () => {
    const name = `test-${++talkCount}`
    const open = async (): Promise<Instance> => {
      const talk = await RedisTalk.connect(redis!.url, name)
      talks.push(talk)
      return { position: await RedisPosition.open(talk), guesses: new RedisGuesses(talk, LIMITS), audience: await RedisAudience.open(talk), polls: await RedisPolls.open(talk, POLLS), remote: await RedisRemote.open(talk, new RemoteKeys({ secret: SECRET })) }
    }
    return [await open(), await open()]
  },
}

beforeAll(async () => {
  if (!missing)
    redis = await startRedis()
}, 20_000)

afterAll(async () => {
  for (const talk of talks)
    await talk.close()
  await redis?.close()
})

/** Resolves with the next move `position` hears. */
function nextMove(position: PositionBackend): Promise<Move> {
  return new Promise(resolve => position.onMove(move => resolve(move)))
}

describe.each([['embedded', embedded, false], ['Redis', onRedis, Boolean(missing)]] as const)('the %s backend', (_name, backends, skip) => {
  it.skipIf(skip)('moves the talk in order: each move numbered after the last, heard on every instance, the same position twice not a move, and a deck joining either instance starts where the talk is', async () => {
    const [a, b] = await backends.talk()
    const heardOnB = nextMove(b.position)
    expect(a.position.move({ page: 2, clicks: 0, clicksTotal: 1 })).toBe(true)
    const first = await heardOnB
    expect(first.position).toEqual({ page: 2, clicks: 0, clicksTotal: 1 })
    expect(a.position.move({ page: 2, clicks: 0, clicksTotal: 1 })).toBe(false)
    const again = nextMove(a.position)
    b.position.move({ page: 2, clicks: 1, clicksTotal: 1 }, 'remote')
    const second = await again
    expect(second).toMatchObject({ position: { page: 2, clicks: 1, clicksTotal: 1 }, by: 'remote' })
    expect(second.seq).toBeGreaterThan(first.seq)
    expect(a.position.current()?.position).toEqual({ page: 2, clicks: 1, clicksTotal: 1 })
    expect(b.position.current()?.position).toEqual({ page: 2, clicks: 1, clicksTotal: 1 })
    expect(a.position.startedAt()).toBeTypeOf('number')
  }, 20_000)

  it.skipIf(skip)('counts wrong secrets against one budget for the talk: per network, and in all', async () => {
    const [a, b] = await backends.talk()
    expect(await a.guesses.fail('198.51.100.1')).toBe(0)
    expect(await b.guesses.fail('198.51.100.1')).toBe(0)
    // The network's burst is spent, whichever instance counts the next.
    expect(await a.guesses.fail('198.51.100.1')).toBeGreaterThan(0)
    expect(await b.guesses.fail('198.51.100.1')).toBeGreaterThan(0)
    expect(await b.guesses.fail('198.51.100.2')).toBe(0)
    // The talk's burst (3) is spent: another network waits too.
    expect(await a.guesses.fail('198.51.100.3')).toBeGreaterThan(0)
  }, 20_000)

  it.skipIf(skip)('takes one vote per device per poll, from any instance: a changed vote moves the count, the same vote again is no change, and every instance has the same results', async () => {
    const [a, b] = await backends.talk()
    const heardOnA = new Promise<void>(resolve => a.polls.onResult(result => result.counts[2] === 1 && resolve()))
    expect(await a.polls.vote('device-one', 'lightweight-vms', 0)).toMatchObject({ changed: true, result: { counts: [1, 0, 0] } })
    expect(await b.polls.vote('device-one', 'lightweight-vms', 0)).toMatchObject({ changed: false })
    expect(await b.polls.vote('device-one', 'lightweight-vms', 2)).toMatchObject({ changed: true, result: { counts: [0, 0, 1] } })
    if (a !== b)
      await heardOnA
    expect(a.polls.result('lightweight-vms')).toEqual(b.polls.result('lightweight-vms'))
    // One device voting on both instances at once still counts once.
    const votes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).polls.vote('device-two', 'lightweight-vms', i % 3)))
    const last = votes.at(-1)!
    expect('result' in last && last.result.counts.reduce((sum, count) => sum + count, 0)).toBe(2)
    expect(a.polls.list()[0]).toMatchObject({ id: 'lightweight-vms', question: 'Are containers lightweight VMs?' })
  }, 20_000)

  it.skipIf(skip)('refuses votes on a closed poll from any instance, and on a poll or an option the deck does not have', async () => {
    const [a, b] = await backends.talk()
    expect(await a.polls.setOpen('lightweight-vms', false)).toMatchObject({ changed: true, result: { open: false } })
    expect(await b.polls.setOpen('lightweight-vms', false)).toMatchObject({ changed: false })
    expect(await b.polls.vote('device-one', 'lightweight-vms', 1)).toEqual({ refused: 'This poll is closed.', code: 'poll-closed' })
    expect(await a.polls.vote('device-one', 'no-such-poll', 1)).toEqual({ refused: 'there is no poll "no-such-poll"', code: 'unknown' })
    expect(await a.polls.vote('device-one', 'lightweight-vms', 3)).toEqual({ refused: 'poll "lightweight-vms" has no option 4', code: 'unknown' })
    expect(await b.polls.setOpen('lightweight-vms', true)).toMatchObject({ changed: true, result: { open: true } })
    expect(await a.polls.vote('device-one', 'lightweight-vms', 1)).toMatchObject({ changed: true, result: { counts: [0, 1, 0] } })
  }, 20_000)

  it.skipIf(skip)('uses a pairing code once, on whichever instance: a session from one is good on another, and a revocation on one refuses the phones of every instance', async () => {
    const [a, b] = await backends.talk()
    const code = a.remote.pairingCode().token
    const paired = await b.remote.redeem(code)
    expect(paired).toMatchObject({ paired: true })
    expect(await a.remote.redeem(code)).toEqual({ refused: 'used' })
    const session = 'session' in paired ? paired.session.token : ''
    expect(await a.remote.redeem(session)).toMatchObject({ paired: false, session: { token: session } })
    const heardOnB = new Promise<void>(resolve => b.remote.onRevoke(resolve))
    const unused = b.remote.pairingCode().token
    expect(await a.remote.revoke()).toEqual({})
    if (a !== b)
      await heardOnB
    expect(await b.remote.redeem(session)).toEqual({ refused: 'revoked' })
    expect(await b.remote.redeem(unused)).toEqual({ refused: 'revoked' })
    expect(await b.remote.redeem(a.remote.pairingCode().token)).toMatchObject({ paired: true })
  }, 20_000)

  it.skipIf(skip)('counts the talk\'s audience: every instance\'s followers', async () => {
    const [a, b] = await backends.talk()
    const changed = new Promise<void>(resolve => b.audience.onChange(resolve))
    a.audience.report(3)
    if (a !== b) {
      await changed
      b.audience.report(2)
      expect(b.audience.total()).toBe(5)
    }
    else {
      expect(a.audience.total()).toBe(3)
    }
  }, 20_000)
})

describe('the Redis backend when Redis stops', () => {
  it.skipIf(Boolean(missing))('keeps moving this instance\'s decks, refuses to count a wrong secret it cannot count and a vote or a pairing it cannot keep, and shares the talk again once Redis is back, without a restart', async () => {
    const [a, b] = await onRedis.talk()
    const [talkA, talkB] = talks.slice(-2) as [RedisTalk, RedisTalk]
    const heard = nextMove(b.position)
    a.position.move({ page: 1, clicks: 0, clicksTotal: 0 })
    await heard
    const downA = new Promise<void>(resolve => talkA.onHealth(problem => problem !== undefined && resolve()))
    await redis!.stop()
    await downA
    // Redis is away: the presenter's own instance still moves its decks.
    const local = nextMove(a.position)
    a.position.move({ page: 3, clicks: 0, clicksTotal: 0 })
    expect((await local).position).toEqual({ page: 3, clicks: 0, clicksTotal: 0 })
    await expect(a.guesses.fail('198.51.100.9')).rejects.toThrow()
    // A vote is refused as not kept, never answered as taken.
    expect(await b.polls.vote('device-one', 'lightweight-vms', 1)).toHaveProperty('unsaved')
    // A pairing code Redis cannot mark used is not taken, and stays good.
    const code = a.remote.pairingCode().token
    expect(await b.remote.redeem(code)).toHaveProperty('unsaved')
    const caughtUp = new Promise<Move>(resolve => b.position.onMove(move => move.position.page === 3 && resolve(move)))
    const up = [talkA, talkB].map(talk => new Promise<void>(resolve => talk.onHealth(problem => problem === undefined && resolve())))
    await redis!.start()
    await Promise.all(up)
    // Back: the instance that moved meanwhile shares its move, and the other takes it.
    expect((await caughtUp).position).toEqual({ page: 3, clicks: 0, clicksTotal: 0 })
    expect(await a.guesses.fail('198.51.100.9')).toBe(0)
    expect(await b.polls.vote('device-one', 'lightweight-vms', 1)).toMatchObject({ changed: true, result: { counts: [0, 1, 0] } })
    expect(await a.remote.redeem(code)).toMatchObject({ paired: true })
  }, 20_000)
})
