/**
 * The backends' rules, the same cases run against each backend (./backend.ts):
 * the embedded one (this process) and Redis (a real redis-server on a free
 * port, ./test-redis.ts; skipped, with the reason printed, when redis-server
 * is not installed). Two "instances" of one talk are two sets of backends: the
 * same set for the embedded one, which is one process.
 */
import type { Rehearsal } from '../shared/rehearsal'
import type { AudienceBackend, GuessBudget, Move, PaceBackend, PaceClock, PollsBackend, PositionBackend, QuestionChange, QuestionsBackend, RateBudgets, RemoteBackend } from './backend'
import type { PollDefinition } from './polls'
import type { TestRedis } from './test-redis'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GuessLimiter } from './auth'
import { clockNow, EmbeddedAudience, EmbeddedBudgets, EmbeddedGuesses, EmbeddedPace, EmbeddedPolls, EmbeddedPosition, EmbeddedQuestions, EmbeddedRemote } from './backend'
import { RedisAudience, RedisBudgets, RedisGuesses, RedisPolls, RedisPosition, RedisRemote, RedisTalk } from './backend-redis'
import { NOT_SHARED_REASON, readTalkRehearsals, RedisPace, REHEARSALS_KEPT } from './backend-redis-pace'
import { RedisQuestions } from './backend-redis-questions'
import { PollBoard, PollLimiter } from './polls'
import { QuestionBoard, QuestionLimiter } from './questions'
import { RehearsalFile } from './rehearsals'
import { RemoteKeys } from './remote'
import { redisMissing, startRedis } from './test-redis'

interface Instance { position: PositionBackend, guesses: GuessBudget, audience: AudienceBackend, polls: PollsBackend, remote: RemoteBackend, questions: QuestionsBackend, budgets: RateBudgets, pace: PaceBackend }

interface Backends {
  /** Two instances of a new talk, and a way to start another of it later. */
  talk: () => Promise<[Instance, Instance, () => Promise<Instance>]>
}

const POLLS: PollDefinition[] = [{ id: 'lightweight-vms', question: 'Are containers lightweight VMs?', options: ['Yes', 'No', 'It depends'], slide: 2 }]

const SECRET = 'a presenter secret for the tests'

const LIMITS = { perAddress: { burst: 2, perSecond: 1 / 60 }, global: { burst: 3, perSecond: 1 / 60 } }

/** Small budgets: two questions a device, three a network, four for the room, then one a minute. */
const QUESTION_LIMITS = { askPerDevice: { burst: 2, perSecond: 1 / 60 }, askPerAddress: { burst: 3, perSecond: 1 / 60 }, askPerRoom: { burst: 4, perSecond: 1 / 60 } }
const POLL_LIMITS = { votePerDevice: { burst: 2, perSecond: 1 / 60 } }

/** The embedded pace's data directories, removed at the end. */
const dataDirs: string[] = []

const embedded: Backends = {
  talk: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-backend-'))
    dataDirs.push(dir)
    const one = { position: new EmbeddedPosition(), guesses: new EmbeddedGuesses(new GuessLimiter(LIMITS)), audience: new EmbeddedAudience(), polls: new EmbeddedPolls(new PollBoard(POLLS)), remote: new EmbeddedRemote(new RemoteKeys({ secret: SECRET })), questions: new EmbeddedQuestions(new QuestionBoard()), budgets: new EmbeddedBudgets(new QuestionLimiter(QUESTION_LIMITS), new PollLimiter(POLL_LIMITS)), pace: await EmbeddedPace.open(new RehearsalFile(dir)) }
    return [one, one, async () => one]
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
      return { position: await RedisPosition.open(talk), guesses: new RedisGuesses(talk, LIMITS), audience: await RedisAudience.open(talk), polls: await RedisPolls.open(talk, POLLS), remote: await RedisRemote.open(talk, new RemoteKeys({ secret: SECRET })), questions: await RedisQuestions.open(talk), budgets: new RedisBudgets(talk, QUESTION_LIMITS, POLL_LIMITS), pace: await RedisPace.open(talk) }
    }
    return [await open(), await open(), open]
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
  for (const dir of dataDirs)
    rmSync(dir, { recursive: true, force: true })
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

/** Resolves with the next timer `pace` hears that `match`es. */
function nextClock(pace: PaceBackend, match: (clock: PaceClock) => boolean = () => true): Promise<PaceClock> {
  return new Promise(resolve => pace.onClock(clock => match(clock) && resolve(clock)))
}

/** A rehearsal of two slides, `minutes` on the first. */
const rehearsal = (minutes: number): Rehearsal => ({ v: 1, at: '2025-05-12T14:00:00.000Z', target: 2700, slides: [[minutes * 60_000], [1000]] })

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

  it.skipIf(skip)('keeps the talk\'s pace: the presenter\'s timer set on one instance heard on another with its time now, a rehearsal saved through one heard and read back on another, what is not a rehearsal refused, and an instance starting later has both', async () => {
    const [a, b, another] = await backends.talk()
    expect(b.pace.clock()).toBeUndefined()
    expect(await b.pace.last()).toBeUndefined()
    const heardOnB = nextClock(b.pace)
    const before = Date.now()
    a.pace.setClock(true, 5000)
    // This instance's own decks hear it at once.
    expect(a.pace.clock()).toMatchObject({ running: true, elapsed: 5000 })
    const heard = await heardOnB
    const after = Date.now()
    // Held on B's own clock: its time now is what it was when set, and has gone on since by B's clock alone.
    expect(heard.running).toBe(true)
    expect(clockNow(heard, after).elapsed).toBeGreaterThanOrEqual(5000)
    expect(clockNow(heard, after).elapsed).toBeLessThanOrEqual(5000 + (after - before))
    const paused = nextClock(b.pace, clock => !clock.running)
    a.pace.setClock(false, 70_000)
    expect(clockNow(await paused, Date.now() + 60_000)).toEqual({ running: false, elapsed: 70_000 })

    const savedOnA = new Promise<Rehearsal>(resolve => a.pace.onRehearsal(resolve))
    await b.pace.save(rehearsal(2))
    expect(await savedOnA).toEqual(rehearsal(2))
    expect(a.pace.rehearsal()).toEqual(rehearsal(2))
    expect(await a.pace.last()).toEqual(rehearsal(2))
    await a.pace.save(rehearsal(3))
    expect(await b.pace.last()).toEqual(rehearsal(3))
    await expect(a.pace.save({ ...rehearsal(1), slides: [[-5]] })).rejects.toThrow('not saved: slide 1\'s times must be whole milliseconds from 0 to a day')
    expect(await b.pace.last()).toEqual(rehearsal(3))

    // A late instance reads both: the timer as it is now, the last rehearsal.
    const late = await another()
    expect(late.pace.clock()).toMatchObject({ running: false, elapsed: 70_000 })
    expect(late.pace.rehearsal()).toEqual(rehearsal(3))
  }, 20_000)
})

describe('the Redis backend\'s rehearsals', () => {
  it.skipIf(Boolean(missing))(`keeps the talk's last ${REHEARSALS_KEPT} rehearsals, oldest first`, async () => {
    const [a, b] = await onRedis.talk()
    for (let minutes = 1; minutes <= REHEARSALS_KEPT + 2; minutes++)
      await (minutes % 2 ? a : b).pace.save(rehearsal(minutes))
    const kept = await readTalkRehearsals(talks.at(-1)!)
    expect(kept.unreadable).toEqual([])
    expect(kept.rehearsals.map(one => one.slides[0]![0]! / 60_000)).toEqual(Array.from({ length: REHEARSALS_KEPT }, (_, index) => index + 3))
    await until(() => a.pace.rehearsal()?.slides[0]![0] === (REHEARSALS_KEPT + 2) * 60_000)
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
    // A rehearsal is refused, in the words of every other refusal; the presenter's timer reaches this instance's phones.
    await expect(b.pace.save(rehearsal(4))).rejects.toThrow(`not saved: ${NOT_SHARED_REASON}`)
    a.pace.setClock(true, 1000)
    expect(a.pace.clock()).toMatchObject({ running: true, elapsed: 1000 })
    const clockShared = nextClock(b.pace, clock => clock.running && clock.elapsed >= 1000)
    const caughtUp = new Promise<Move>(resolve => b.position.onMove(move => move.position.page === 3 && resolve(move)))
    const up = [talkA, talkB].map(talk => new Promise<void>(resolve => talk.onHealth(problem => problem === undefined && resolve())))
    await redis!.start()
    await Promise.all(up)
    // Back: the instance that moved meanwhile shares its move, and the other takes it.
    expect((await caughtUp).position).toEqual({ page: 3, clicks: 0, clicksTotal: 0 })
    // And its timer, set meanwhile; the refused rehearsal is nowhere.
    await clockShared
    expect((await readTalkRehearsals(talkA)).rehearsals).toEqual([])
    expect(await a.pace.last()).toBeUndefined()
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
