/**
 * The backends' rules, the same cases run against each backend (./backend.ts):
 * the embedded one (this process) and Redis (a real redis-server on a free
 * port, ./test-redis.ts; skipped, with the reason printed, when redis-server
 * is not installed). Two "instances" of one talk are two sets of backends: the
 * same set for the embedded one, which is one process.
 */
import type { AudienceBackend, GuessBudget, Move, PollsBackend, PositionBackend, QuestionChange, QuestionsBackend, RateBudgets, RemoteBackend } from './backend'
import type { PollDefinition } from './polls'
import type { TestRedis } from './test-redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GuessLimiter } from './auth'
import { EmbeddedAudience, EmbeddedBudgets, EmbeddedGuesses, EmbeddedPolls, EmbeddedPosition, EmbeddedQuestions, EmbeddedRemote } from './backend'
import { RedisAudience, RedisBudgets, RedisGuesses, RedisPolls, RedisPosition, RedisRemote, RedisTalk } from './backend-redis'
import { RedisQuestions } from './backend-redis-questions'
import { PollBoard, PollLimiter } from './polls'
import { QuestionBoard, QuestionLimiter } from './questions'
import { RemoteKeys } from './remote'
import { redisMissing, startRedis } from './test-redis'

interface Instance { position: PositionBackend, guesses: GuessBudget, audience: AudienceBackend, polls: PollsBackend, remote: RemoteBackend, questions: QuestionsBackend, budgets: RateBudgets }

interface Backends {
  /** Two instances of a new talk. */
  talk: () => Promise<[Instance, Instance]>
}

const POLLS: PollDefinition[] = [{ id: 'lightweight-vms', question: 'Are containers lightweight VMs?', options: ['Yes', 'No', 'It depends'], slide: 2 }]

const SECRET = 'a presenter secret for the tests'

const LIMITS = { perAddress: { burst: 2, perSecond: 1 / 60 }, global: { burst: 3, perSecond: 1 / 60 } }

/** Small budgets: two questions a device, three a network, four for the room, then one a minute. */
const QUESTION_LIMITS = { askPerDevice: { burst: 2, perSecond: 1 / 60 }, askPerAddress: { burst: 3, perSecond: 1 / 60 }, askPerRoom: { burst: 4, perSecond: 1 / 60 } }
const POLL_LIMITS = { votePerDevice: { burst: 2, perSecond: 1 / 60 } }

const embedded: Backends = {
  talk: async () => {
    const one = { position: new EmbeddedPosition(), guesses: new EmbeddedGuesses(new GuessLimiter(LIMITS)), audience: new EmbeddedAudience(), polls: new EmbeddedPolls(new PollBoard(POLLS)), remote: new EmbeddedRemote(new RemoteKeys({ secret: SECRET })), questions: new EmbeddedQuestions(new QuestionBoard()), budgets: new EmbeddedBudgets(new QuestionLimiter(QUESTION_LIMITS), new PollLimiter(POLL_LIMITS)) }
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
      return { position: await RedisPosition.open(talk), guesses: new RedisGuesses(talk, LIMITS), audience: await RedisAudience.open(talk), polls: await RedisPolls.open(talk, POLLS), remote: await RedisRemote.open(talk, new RemoteKeys({ secret: SECRET })), questions: await RedisQuestions.open(talk), budgets: new RedisBudgets(talk, QUESTION_LIMITS, POLL_LIMITS) }
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

/** Resolves once `done` holds, asked again as often as the event loop allows (a bounded number of times). */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 1000; attempt++) {
    if (await done())
      return
    await new Promise(resolve => setImmediate(resolve))
  }
  throw new Error('never held')
}

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

  it.skipIf(skip)('takes questions from any instance: one upvote per device per question, the presenter\'s moderation heard everywhere, a hidden question gone from the audience\'s list, and the same list and export on every instance', async () => {
    const [a, b] = await backends.talk()
    const heard: QuestionChange[] = []
    const heardUpvote = new Promise<void>(resolve => a.questions.onChange((change) => {
      heard.push(change)
      if (change.question.votes === 1)
        resolve()
    }))
    const asked = await a.questions.ask('device-one', 'Do containers share the kernel?')
    expect(asked).toMatchObject({ changed: true, question: { text: 'Do containers share the kernel?', votes: 0, answered: false, hidden: false } })
    const id = 'question' in asked ? asked.question.id : 0
    expect(await b.questions.upvote('device-two', id)).toMatchObject({ changed: true, question: { id, votes: 1 } })
    expect(await a.questions.upvote('device-two', id)).toEqual({ refused: 'you have upvoted this question already', code: 'already-upvoted' })
    expect(await b.questions.upvote('device-two', 999)).toEqual({ refused: 'there is no question 999', code: 'unknown' })
    if (a !== b) {
      await heardUpvote
      expect(heard.at(-1)).toMatchObject({ whole: false, justHidden: false, question: { id, votes: 1 } })
    }
    // Many devices upvoting on both instances at once: each counted once.
    const upvotes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).questions.upvote(`device-${i % 10}`, id)))
    expect(upvotes.filter(outcome => 'changed' in outcome && outcome.changed)).toHaveLength(10)
    const second = await b.questions.ask('device-two', 'And the VM?')
    const other = 'question' in second ? second.question.id : 0
    expect(other).not.toBe(id)
    const hiddenOnB = new Promise<void>(resolve => b.questions.onChange(change => change.justHidden && resolve()))
    expect(await a.questions.moderate(other, 'hidden')).toMatchObject({ changed: true, question: { id: other, hidden: true } })
    expect(await b.questions.moderate(other, 'hidden')).toMatchObject({ changed: false })
    expect(await a.questions.upvote('device-three', other)).toEqual({ refused: `there is no question ${other}`, code: 'unknown' })
    expect(await b.questions.moderate(id, 'answered')).toMatchObject({ changed: true, question: { answered: true } })
    if (a !== b)
      await hiddenOnB
    await until(() => a.questions.list(true)[0]?.answered === true)
    for (const instance of [a, b]) {
      expect(instance.questions.list(false)).toEqual([{ id, text: 'Do containers share the kernel?', votes: 11, answered: true }])
      expect(instance.questions.list(true)).toEqual([{ id, text: 'Do containers share the kernel?', votes: 11, answered: true }, { id: other, text: 'And the VM?', votes: 0, answered: false, hidden: true }])
      expect(instance.questions.visible()).toBe(1)
    }
    expect(a.questions.exported()).toEqual(b.questions.exported())
    expect(a.questions.exported().map(question => [question.id, question.votes, question.hidden])).toEqual([[id, 11, false], [other, 0, true]])
  }, 20_000)

  it.skipIf(skip)('keeps with each question the slide the presenter showed when it was asked, on every instance and through its moderation, and none when no slide was given', async () => {
    const [a, b] = await backends.talk()
    const onSlide = await a.questions.ask('device-one', 'Asked on slide 7?', 7)
    expect(onSlide).toMatchObject({ changed: true, question: { slide: 7 } })
    const without = await b.questions.ask('device-two', 'Asked before the talk began?')
    expect(without).toMatchObject({ changed: true })
    expect('question' in without && without.question).not.toHaveProperty('slide')
    const id = 'question' in onSlide ? onSlide.question.id : 0
    expect(await b.questions.moderate(id, 'answered')).toMatchObject({ changed: true, question: { slide: 7, answered: true } })
    await until(() => a.questions.exported().length === 2 && a.questions.exported().some(question => question.answered))
    for (const instance of [a, b]) {
      expect(instance.questions.exported().map(question => [question.text, question.slide, question.answered])).toEqual([['Asked on slide 7?', 7, true], ['Asked before the talk began?', null, false]])
      // The decks' view does not carry it.
      expect(instance.questions.list(true)[0]).not.toHaveProperty('slide')
    }
  }, 20_000)

  it.skipIf(skip)('spends one budget per device, network and room for the whole talk, whichever instance counts, and gives back what was not kept', async () => {
    const [a, b] = await backends.talk()
    const network = '198.51.100.7'
    expect(await a.budgets.take('ask', 'device-one', network, false)).toBeUndefined()
    expect(await b.budgets.take('ask', 'device-one', network, false)).toBeUndefined()
    // The device's two are spent, whichever instance it reaches.
    expect(await a.budgets.take('ask', 'device-one', network, false)).toMatchObject({ by: 'device', wait: expect.any(Number) })
    expect(await b.budgets.take('ask', 'device-two', network, false)).toBeUndefined()
    // The network's three are spent: another device on it waits too, one elsewhere does not.
    expect(await a.budgets.take('ask', 'device-three', network, false)).toMatchObject({ by: 'network' })
    expect(await a.budgets.take('ask', 'device-four', '198.51.100.8', false)).toBeUndefined()
    // The room's four are spent: loopback (no network budget) waits for the room too.
    expect(await b.budgets.take('ask', 'device-five', '127.0.0.1', true)).toMatchObject({ by: 'room' })
    // Given back, a budget allows one more.
    b.budgets.refund('ask', 'device-four', '198.51.100.8', false)
    await until(async () => (await a.budgets.take('ask', 'device-four', '198.51.100.8', false)) === undefined)
    // Votes and upvotes are budgets of their own.
    expect(await a.budgets.take('vote', 'device-one', network, false)).toBeUndefined()
    expect(await b.budgets.take('vote', 'device-one', network, false)).toBeUndefined()
    expect(await a.budgets.take('vote', 'device-one', network, false)).toMatchObject({ by: 'device' })
    expect(await b.budgets.take('upvote', 'device-one', network, false)).toBeUndefined()
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
    expect(await a.questions.ask('device-one', 'Still there?')).toHaveProperty('unsaved')
    await expect(b.budgets.take('ask', 'device-one', '198.51.100.9', false)).rejects.toThrow()
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
    expect(await b.budgets.take('ask', 'device-one', '198.51.100.9', false)).toBeUndefined()
    const asked = await a.questions.ask('device-one', 'Still there?')
    expect(asked).toMatchObject({ changed: true, question: { text: 'Still there?' } })
    await until(() => b.questions.list(false).length === 1)
  }, 20_000)

  it.skipIf(Boolean(missing))('ends where Redis ordered the moves on every instance, when a move of this instance is numbered after moves of another it has not heard yet', async () => {
    for (let trial = 0; trial < 10; trial++) {
      const [a, b] = await onRedis.talk()
      const [talkA, talkB] = talks.slice(-2) as [RedisTalk, RedisTalk]
      b.position.move({ page: 2, clicks: 0, clicksTotal: 0 })
      b.position.move({ page: 3, clicks: 0, clicksTotal: 0 })
      a.position.move({ page: 9, clicks: 0, clicksTotal: 0 })
      // Each connection answers in order: after these, both instances' moves are in Redis.
      await Promise.all([talkA.client.ping(), talkB.client.ping()])
      const stored = JSON.parse((await talkA.client.hGet(talkA.key('position'), 'position'))!) as { page: number }
      for (const instance of [a, b]) {
        await new Promise<void>((resolve) => {
          const check = () => instance.position.current()?.position.page === stored.page && resolve()
          instance.position.onMove(check)
          check()
        })
      }
    }
  }, 20_000)

  it.skipIf(Boolean(missing))('is degraded while Redis refuses writes (out of memory), and whole again once it takes them, the move made meanwhile shared, without a reconnect', async () => {
    const [a, b] = await onRedis.talk()
    const [talkA] = talks.slice(-2) as [RedisTalk, RedisTalk]
    const admin = await RedisTalk.connect(redis!.url, 'admin')
    talks.push(admin)
    const degraded = new Promise<void>(resolve => talkA.onHealth(problem => problem !== undefined && resolve()))
    await admin.client.configSet('maxmemory', '1')
    try {
      expect(await a.polls.vote('device-one', 'lightweight-vms', 1)).toHaveProperty('unsaved')
      await degraded
      a.position.move({ page: 4, clicks: 0, clicksTotal: 0 })
    }
    finally {
      await admin.client.configSet('maxmemory', '0')
    }
    const whole = new Promise<void>(resolve => talkA.onHealth(problem => problem === undefined && resolve()))
    const shared = new Promise<void>((resolve) => {
      const check = () => b.position.current()?.position.page === 4 && resolve()
      b.position.onMove(check)
      check()
    })
    await Promise.all([whole, shared])
    expect(await a.polls.vote('device-one', 'lightweight-vms', 1)).toMatchObject({ changed: true })
  }, 20_000)
})
