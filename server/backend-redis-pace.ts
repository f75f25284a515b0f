/**
 * The talk's pace in Redis (./backend.ts `PaceBackend`), shared by every
 * instance of a talk (./backend-redis.ts): the presenter's timer in one hash
 * (`clock`: running, elapsed, when, and `rev`, its number of changes), set by
 * a script that publishes it; the rehearsals in a list (`rehearsals`, the
 * last REHEARSALS_KEPT, oldest first), each appended by a script that counts
 * it (`rehearsals:n`) and publishes it. A phone paired on any instance hears
 * the timer the presenter sends to another, and the rehearsal saved through a
 * third.
 *
 * One clock, never two compared. An instance holds the timer against its own
 * clock from the moment it heard it (a running timer has gone on since), and
 * a phone against the phone's, so no instance's clock is ever set against
 * another's: a message carries the timer's time as it was when Redis ran the
 * script, and the listener takes it as its time now (off by the message's
 * trip through Redis, a millisecond or so, never by the machines' skew). The
 * hash keeps when it was set by Redis' TIME, and the catch-up read (an
 * instance starting, or back after Redis was away) works out the time now in
 * a script, by Redis' TIME again: the same clock at both ends.
 */
import type { Rehearsal } from '../shared/rehearsal'
import type { PaceBackend, PaceClock } from './backend'
import type { RedisTalk } from './backend-redis'
import type { Unreadable } from './rehearsals'
import { checkRehearsal } from '../shared/rehearsal'
import { clockNow } from './backend'
import { redactedUrl } from './backend-redis'
import { parseRehearsals } from './rehearsals'
import { NotSaved } from './store'

/** The rehearsals a talk keeps in Redis: the last this many. */
export const REHEARSALS_KEPT = 50

/** Why a rehearsal is not saved while Redis cannot be reached: the deck's words (NOT_SHARED), after "Not saved: ". */
export const NOT_SHARED_REASON = 'the talk\'s shared store cannot be reached. Try again in a moment.'

/** Sets the timer (ARGV: running '1' or '0', elapsed, the instance), stamped by Redis' clock; publishes it; answers its rev. */
const SET_CLOCK = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rev = redis.call('HINCRBY', KEYS[1], 'rev', 1)
redis.call('HSET', KEYS[1], 'running', ARGV[1], 'elapsed', ARGV[2], 'at', tostring(now))
redis.call('PUBLISH', KEYS[2], cjson.encode({ rev = rev, running = ARGV[1], elapsed = tonumber(ARGV[2]), instance = ARGV[3] }))
return rev
`

/** The timer now, by Redis' clock at both ends: { rev, running '1' or '0', elapsed now }, or {} before the first. */
const READ_CLOCK = `
local c = redis.call('HMGET', KEYS[1], 'rev', 'running', 'elapsed', 'at')
if not c[1] or not c[4] then return {} end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local elapsed = tonumber(c[3])
if c[2] == '1' then elapsed = elapsed + math.max(0, now - tonumber(c[4])) end
return { tonumber(c[1]), c[2], elapsed }
`

/** Appends a rehearsal (ARGV: its JSON, how many to keep, the instance), counts it and publishes it; answers its number. */
const SAVE_REHEARSAL = `
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
local n = redis.call('INCR', KEYS[2])
redis.call('PUBLISH', KEYS[3], cjson.encode({ n = n, instance = ARGV[3], rehearsal = ARGV[1] }))
return n
`

/** The last rehearsal with its number: { n, its JSON }, or { n } when there is none. */
const LAST_REHEARSAL = `
return { tonumber(redis.call('GET', KEYS[2]) or '0'), redis.call('LINDEX', KEYS[1], -1) }
`

/** A stored rehearsal's JSON, read as the file's lines are: undefined when it is not one. */
function rehearsalOf(text: string | undefined): Rehearsal | undefined {
  if (text === undefined)
    return undefined
  try {
    const checked = checkRehearsal(JSON.parse(text))
    return checked.ok ? checked.rehearsal : undefined
  }
  catch {
    return undefined
  }
}

/**
 * The pace in Redis. The timer set on this instance reaches its phones at
 * once (they keep their pace while Redis is away), then Redis, which numbers
 * it and tells the other instances; a timer numbered below one already heard
 * is old news. A timer Redis did not take is shared once it is back. A
 * rehearsal is saved (and heard) only once Redis has answered; when it
 * cannot be, it is refused with NOT_SHARED's words.
 */
export class RedisPace implements PaceBackend {
  private held: PaceClock | undefined
  /** The number of the timer held: Redis' `rev`, 0 before any. */
  private rev = 0
  /** A timer set here that Redis has not taken yet. */
  private unshared: PaceClock | undefined
  private latest: Rehearsal | undefined
  /** The number of the rehearsal held: Redis' count of rehearsals saved, 0 before any. */
  private n = 0
  private readonly clockListeners: Array<(clock: PaceClock) => void> = []
  private readonly rehearsalListeners: Array<(rehearsal: Rehearsal) => void> = []

  private constructor(private readonly talk: RedisTalk, private readonly log: (line: string) => void, private readonly now: () => number) {}

  static async open(talk: RedisTalk, log: (line: string) => void = () => {}, now: () => number = Date.now): Promise<RedisPace> {
    const pace = new RedisPace(talk, log, now)
    await talk.subscriber.subscribe(talk.key('clock-set'), message => pace.heardClock(message))
    await talk.subscriber.subscribe(talk.key('rehearsal-saved'), message => pace.heardRehearsal(message))
    await pace.load()
    talk.onRecover(() => pace.load())
    return pace
  }

  get where(): string {
    return `Redis, talk "${this.talk.talk}"`
  }

  clock(): PaceClock | undefined {
    return this.held
  }

  setClock(running: boolean, elapsed: number): void {
    const clock = { running, elapsed, at: this.now() }
    this.hold(clock)
    this.share(clock).catch((error: unknown) => this.log(`redis: the presenter's timer was not shared (it will be once Redis answers): ${(error as Error).message}`))
  }

  onClock(listener: (clock: PaceClock) => void): void {
    this.clockListeners.push(listener)
  }

  rehearsal(): Rehearsal | undefined {
    return this.latest
  }

  /**
   * The talk's last rehearsal, read from Redis (saved through another
   * instance a moment ago, it is there); while Redis cannot be reached, the
   * last this instance heard of, the plan its phones follow.
   */
  async last(): Promise<Rehearsal | undefined> {
    try {
      await this.readLast()
    }
    catch (error) {
      this.log(`redis: the last rehearsal was not read, the one last heard is answered: ${(error as Error).message}`)
    }
    return this.latest
  }

  async save(rehearsal: Rehearsal): Promise<void> {
    const checked = checkRehearsal(rehearsal)
    if (!checked.ok)
      throw new NotSaved(`not saved: ${checked.reason}`)
    let n: unknown
    try {
      n = await this.talk.run(SAVE_REHEARSAL, { keys: this.rehearsalKeys(), arguments: [JSON.stringify(checked.rehearsal), String(REHEARSALS_KEPT), this.talk.instance] })
    }
    catch (error) {
      // Unanswered, it may still have been kept: a refused rehearsal may be in the list, never one acknowledged missing.
      this.log(`redis: a rehearsal was not saved: ${(error as Error).message}`)
      throw new NotSaved(`not saved: ${NOT_SHARED_REASON}`)
    }
    this.numbered(Number(n), checked.rehearsal)
  }

  onRehearsal(listener: (rehearsal: Rehearsal) => void): void {
    this.rehearsalListeners.push(listener)
  }

  private rehearsalKeys(): string[] {
    return [this.talk.key('rehearsals'), this.talk.key('rehearsals:n'), this.talk.key('rehearsal-saved')]
  }

  /** Runs SET_CLOCK for a timer of this instance's, as it is now; Redis numbers it after every timer it holds. */
  private async share(clock: PaceClock): Promise<void> {
    this.unshared = clock
    const now = clockNow(clock, this.now())
    const rev = Number(await this.talk.run(SET_CLOCK, { keys: [this.talk.key('clock'), this.talk.key('clock-set')], arguments: [now.running ? '1' : '0', String(now.elapsed), this.talk.instance] }))
    if (this.unshared === clock)
      this.unshared = undefined
    // Numbered after every timer heard: this one is the talk's (again, if another's was heard meanwhile).
    if (rev > this.rev) {
      this.rev = rev
      if (this.held !== clock && this.unshared === undefined)
        this.hold(clock)
    }
  }

  private hold(clock: PaceClock): void {
    this.held = clock
    for (const listener of this.clockListeners)
      listener(clock)
  }

  /** A timer set on some instance: another's, numbered after the one held, is the timer from now on. */
  private heardClock(message: string): void {
    const { rev, running, elapsed, instance } = JSON.parse(message) as { rev: number, running: string, elapsed: number, instance: string }
    // This instance's own is held already, since it was set.
    if (instance === this.talk.instance || rev <= this.rev)
      return
    this.rev = rev
    this.hold({ running: running === '1', elapsed, at: this.now() })
  }

  private heardRehearsal(message: string): void {
    const { n, instance, rehearsal } = JSON.parse(message) as { n: number, instance: string, rehearsal: string }
    // This instance's own is taken when Redis answers its save.
    if (instance === this.talk.instance)
      return
    const taken = rehearsalOf(rehearsal)
    if (taken)
      this.numbered(n, taken)
  }

  /** A rehearsal numbered after the one held is the plan: every listener hears it. */
  private numbered(n: number, rehearsal: Rehearsal): void {
    if (n <= this.n)
      return
    this.n = n
    this.latest = rehearsal
    for (const listener of this.rehearsalListeners)
      listener(rehearsal)
  }

  /** Reads the last rehearsal: one later than held is taken, and heard. Rejects when Redis does not answer. */
  private async readLast(): Promise<void> {
    const [n, text] = await this.talk.run(LAST_REHEARSAL, { keys: this.rehearsalKeys(), arguments: [] }) as [number, string?]
    const rehearsal = rehearsalOf(text)
    if (rehearsal)
      this.numbered(n, rehearsal)
  }

  /**
   * Reads the talk's timer and last rehearsal (at start, and when Redis
   * answers again): a later timer is taken; this instance's, set while Redis
   * was away, is shared instead. Rejects when Redis does not answer.
   */
  private async load(): Promise<void> {
    await this.readLast()
    if (this.unshared) {
      await this.share(this.unshared)
      return
    }
    const answer = await this.talk.run(READ_CLOCK, { keys: [this.talk.key('clock')], arguments: [] }) as [number, string, number] | []
    if (answer.length === 0)
      return
    const [rev, running, elapsed] = answer
    if (rev > this.rev) {
      this.rev = rev
      this.hold({ running: running === '1', elapsed, at: this.now() })
    }
  }
}

/** Every rehearsal a talk keeps in Redis, oldest first, and the entries that are not one (by their 1-based place in the list). */
export async function readTalkRehearsals(talk: RedisTalk): Promise<{ rehearsals: Rehearsal[], unreadable: Unreadable[] }> {
  return parseRehearsals((await talk.client.lRange(talk.key('rehearsals'), 0, -1)).join('\n'))
}

/** Where `readTalkRehearsals` reads, in words for a report: the talk and its Redis, the password left out. */
export function talkRehearsalsWhere(url: string, talk: string): string {
  return `Redis (${redactedUrl(url)}), talk "${talk}"`
}
