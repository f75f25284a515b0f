/**
 * Backends (./backend.ts) that share a talk across instances through Redis:
 * every instance of one talk (keys under `deck:TALK:`) sees the presenter's
 * position, the audience count, the budget for wrong secrets, the polls (one
 * vote per device per poll) and the phone remote's pairing codes (each used
 * once) and revocation; the questions and the pace have modules of their own
 * (./backend-redis-questions.ts, ./backend-redis-pace.ts). Each change is one Lua script, so it is
 * atomic in Redis (never read, then written, by two instances at once), and a
 * change is heard by the other instances over Redis' pub/sub.
 *
 * The client is node-redis (`@redis/client`, the client package of `redis`):
 * Redis' own client for Node, kept up with Redis itself (RESP3, Redis 7 and 8),
 * typed, and with pub/sub, scripts and reconnection built in; ioredis' own
 * README points new projects to it.
 */
import type { RedisClientType } from '@redis/client'
import type { PollResult, PollView, Position } from '../shared/sync-protocol'
import type { GuessLimits } from './auth'
import type { AudienceBackend, GuessBudget, Move, Outcome, PollsBackend, RateBudgets, RateKind, Redeemed, RemoteBackend, RemoteSession } from './backend'
import type { Limited } from './limits'
import type { PollDefinition, PollLimits } from './polls'
import type { QuestionLimits } from './questions'
import { createHash, randomUUID } from 'node:crypto'
import { createClient } from '@redis/client'
import { samePosition } from '../shared/sync-protocol'
import { DEFAULT_GUESS_LIMITS } from './auth'
import { EmbeddedPosition, redeemWith } from './backend'
import { DEFAULT_POLL_LIMITS } from './polls'
import { DEFAULT_QUESTION_LIMITS } from './questions'
import { PAIRING_TTL_MS, RemoteKeys } from './remote'

/**
 * How far apart the instances' clocks may be (NTP keeps them within
 * milliseconds): a revocation reaches this far ahead, and a pairing code is
 * kept as used this much longer.
 */
const CLOCK_SKEW_MS = 5000
/** While degraded, Redis is probed this often. */
const PROBE_MS = 1000
/** Tries to reach Redis at start (about 2 s in all) before the server gives up starting. */
const START_TRIES = 6
/** A command Redis has not answered by then is refused as not kept. */
const COMMAND_TIMEOUT_MS = 2000
/** A connection that has heard nothing for this long (a PING goes every second) is closed and made again. */
const SILENCE_MS = 3000

/** A Redis URL for the log: its password left out. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password)
      parsed.password = '***'
    return parsed.toString()
  }
  catch {
    return 'the given URL'
  }
}

/**
 * A connection to one talk in Redis: a client for commands, one for what the
 * other instances publish. Its health is a positive signal: once anything
 * fails (a connection lost or silent, a command refused: Redis loading, out
 * of memory, read-only), the talk is degraded until a PING is answered and
 * every catch-up read (`onRecover`) has succeeded, tried again every second;
 * only then are the listeners told it is back.
 */
export class RedisTalk {
  /** This instance, in what it publishes: it knows its own messages. */
  readonly instance = randomUUID()
  private readonly healthListeners: Array<(problem: string | undefined) => void> = []
  private readonly recoverers: Array<() => Promise<void>> = []
  private problem: string | undefined
  private probe: NodeJS.Timeout | undefined
  private recovering = false
  private closed = false

  private constructor(readonly client: RedisClientType, readonly subscriber: RedisClientType, readonly talk: string, private readonly log: (line: string) => void) {
    for (const [name, connection] of [['commands', client], ['messages', subscriber]] as const) {
      // Without a listener an error would stop the process; the client reconnects by itself.
      connection.on('error', (error: Error) => this.fail(`${name}: ${error.message || 'connection lost'}`))
      connection.on('ready', () => void this.recover())
    }
  }

  /** Connects to `url` (redis://host:6379/0) for the talk `talk`; rejects when Redis cannot be reached at start. */
  static async connect(url: string, talk: string, log: (line: string) => void = () => {}): Promise<RedisTalk> {
    // At start, Redis unreachable for START_TRIES tries is an error (the server does not start); once connected, a
    // lost connection is tried again for as long as it takes.
    let started = false
    const reconnectStrategy = (retries: number, cause: Error): number | Error => !started && retries >= START_TRIES ? new Error(`Redis at ${redactedUrl(url)} cannot be reached: ${cause.message || 'connection refused'}`) : Math.min(50 * 2 ** retries, 1000)
    const options = {
      url,
      // A command while Redis is away fails at once (refused, never queued and acknowledged later).
      disableOfflineQueue: true,
      // A network that drops everything silently: a command unanswered for COMMAND_TIMEOUT_MS is refused (it may
      // have been done: refusing is the safe side), and a connection that hears nothing, not even the PING sent
      // every second, for SILENCE_MS is closed and made again.
      pingInterval: 1000,
      commandOptions: { timeout: COMMAND_TIMEOUT_MS, rejectInFlight: true },
      socket: { connectTimeout: 2000, socketTimeout: SILENCE_MS, reconnectStrategy },
    }
    const client = createClient(options) as RedisClientType
    const subscriber = createClient(options) as RedisClientType
    const talkOf = new RedisTalk(client, subscriber, talk, log)
    try {
      await client.connect()
      await subscriber.connect()
      started = true
    }
    catch (error) {
      client.destroy()
      subscriber.destroy()
      throw error
    }
    return talkOf
  }

  key(name: string): string {
    return `deck:${this.talk}:${name}`
  }

  /**
   * Runs a Lua script by its SHA-1 (EVALSHA: Redis keeps it compiled, and the
   * script's text is not sent with every vote), sending the text once when
   * Redis does not know it yet (at first, or after a restart emptied its cache).
   */
  async run(script: string, options: { keys?: string[], arguments: string[] }): Promise<unknown> {
    let sha = this.shas.get(script)
    if (!sha) {
      sha = createHash('sha1').update(script).digest('hex')
      this.shas.set(script, sha)
    }
    try {
      try {
        return await this.client.evalSha(sha, options)
      }
      catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT'))
          throw error
        return await this.client.eval(script, options)
      }
    }
    catch (error) {
      // Refused or unanswered (away, loading, out of memory, read-only): the talk is degraded until it recovers.
      this.fail(`commands: ${(error as Error).message}`)
      throw error
    }
  }

  private readonly shas = new Map<string, string>()

  /** Hears when the talk cannot be shared (a problem), and when it is whole again (undefined). */
  onHealth(listener: (problem: string | undefined) => void): void {
    this.healthListeners.push(listener)
  }

  /**
   * A catch-up read, run when Redis answers again and before the talk is
   * called healthy: what changed meanwhile (its messages were lost) is read,
   * what this instance did meanwhile is shared. A rejection keeps the talk
   * degraded, and it is tried again.
   */
  onRecover(recoverer: () => Promise<void>): void {
    this.recoverers.push(recoverer)
  }

  get healthy(): boolean {
    return this.problem === undefined
  }

  /** Something failed: the talk is degraded (the listeners hear it once) until `recover` succeeds. */
  fail(problem: string): void {
    if (this.closed)
      return
    if (this.problem === undefined) {
      this.problem = problem
      this.log(`redis: ${problem}`)
      for (const listener of this.healthListeners)
        listener(problem)
    }
    if (!this.probe) {
      this.probe = setInterval(() => void this.recover(), PROBE_MS)
      this.probe.unref()
    }
  }

  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.probe)
    this.client.destroy()
    this.subscriber.destroy()
  }

  /** Both connections up, a PING answered, every catch-up read done: healthy again. */
  private async recover(): Promise<void> {
    if (this.problem === undefined || this.recovering || this.closed || !this.client.isReady || !this.subscriber.isReady)
      return
    this.recovering = true
    try {
      await this.client.ping()
      for (const recoverer of this.recoverers)
        await recoverer()
      clearInterval(this.probe)
      this.probe = undefined
      this.problem = undefined
      this.log('redis: connected again, the talk read again')
      for (const listener of this.healthListeners)
        listener(undefined)
    }
    catch {
      // Still degraded: the next probe tries again.
    }
    finally {
      this.recovering = false
    }
  }
}

/** Moves the talk: not when it is there already; the sequence number is never below `least`, the mover's own latest. */
const MOVE = `
if redis.call('HGET', KEYS[1], 'position') == ARGV[1] then return 0 end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local least = tonumber(ARGV[4])
if seq < least then
  seq = least
  redis.call('HSET', KEYS[1], 'seq', seq)
end
redis.call('HSET', KEYS[1], 'position', ARGV[1], 'by', ARGV[2])
redis.call('HSETNX', KEYS[1], 'startedAt', ARGV[3])
redis.call('PUBLISH', KEYS[2], cjson.encode({ seq = seq, position = ARGV[1], by = ARGV[2], instance = ARGV[5] }))
return seq
`

function positionText(position: Position): string {
  return JSON.stringify({ page: position.page, clicks: position.clicks, clicksTotal: position.clicksTotal })
}

/**
 * The presenter's position in Redis. A move reaches this instance's decks at
 * once (followers on the presenter's own instance keep following while Redis
 * is away), then Redis, which numbers it and tells the other instances; a
 * move numbered below one already heard is old news and is dropped. When
 * Redis is back, the talk is read again: the later of this instance's and
 * Redis' positions wins.
 */
export class RedisPosition extends EmbeddedPosition {
  private constructor(private readonly talk: RedisTalk, private readonly log: (line: string) => void) {
    super()
  }

  static async open(talk: RedisTalk, log: (line: string) => void = () => {}): Promise<RedisPosition> {
    const position = new RedisPosition(talk, log)
    await talk.subscriber.subscribe(talk.key('moves'), message => position.heard(message))
    await position.load()
    talk.onRecover(() => position.load())
    return position
  }

  override move(position: Position, by?: 'remote', origin?: object): boolean {
    if (!super.move(position, by, origin))
      return false
    this.publish(this.latest!).catch((error: unknown) => this.log(`redis: a move was not shared (it will be once Redis answers): ${(error as Error).message}`))
    return true
  }

  /** Shares a move of this instance's; Redis numbers it after every move it holds. */
  private async publish(move: Move): Promise<void> {
    const seq = await this.talk.run(MOVE, { keys: [this.talk.key('position'), this.talk.key('moves')], arguments: [positionText(move.position), move.by ?? '', String(this.started ?? Date.now()), String(move.seq), this.talk.instance] })
    if (typeof seq === 'number')
      this.numbered({ ...move, seq })
  }

  /**
   * A move as Redis numbered it, heard from any instance, this one's too: the
   * place this instance shows already, numbered later (its own move, counted
   * past moves made elsewhere meanwhile), takes the number without moving a
   * deck; a move numbered after the latest is taken; an older one is old news.
   */
  private numbered(move: Move): void {
    if (this.latest && samePosition(this.latest.position, move.position)) {
      if (move.seq > this.latest.seq)
        this.latest = { ...this.latest, seq: move.seq }
      return
    }
    this.adopt(move, undefined)
  }

  private heard(message: string): void {
    const move = JSON.parse(message) as { seq: number, position: string, by: string }
    this.numbered({ position: JSON.parse(move.position) as Position, seq: move.seq, ...(move.by === 'remote' ? { by: 'remote' as const } : {}) })
  }

  /**
   * Reads the talk's position (at start, and when Redis answers again): a
   * later one is taken; this instance's, when it is later (moved while Redis
   * was away) or was never shared, is shared; rejects when either fails.
   */
  private async load(): Promise<void> {
    const stored = await this.talk.client.hGetAll(this.talk.key('position'))
    if (stored.startedAt)
      this.started = Number(stored.startedAt)
    if (stored.position && stored.seq) {
      const seq = Number(stored.seq)
      if (!this.latest || seq > this.latest.seq) {
        this.numbered({ position: JSON.parse(stored.position) as Position, seq, ...(stored.by === 'remote' ? { by: 'remote' as const } : {}) })
        return
      }
    }
    if (this.latest && positionText(this.latest.position) !== stored.position)
      await this.publish(this.latest)
  }
}

/**
 * Takes one token from every bucket (KEYS, with ARGV their burst and refill
 * per millisecond, in pairs), in one script on Redis' clock: from all when all
 * allow it, from none when any is empty. Answers { the first empty bucket's
 * number from 1 (0: none), milliseconds until it allows one }.
 */
const TAKE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local levels = {}
local refused, wait = 0, 0
for i = 1, #KEYS do
  local burst, rate = tonumber(ARGV[i * 2 - 1]), tonumber(ARGV[i * 2])
  local stored = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local tokens = tonumber(stored[1]) or burst
  local at = tonumber(stored[2]) or now
  levels[i] = math.min(burst, tokens + math.max(0, now - at) * rate)
  if levels[i] < 1 then
    local need = math.ceil((1 - levels[i]) / rate)
    if need > wait then refused, wait = i, need end
  end
end
if refused > 0 then return { refused, wait } end
for i = 1, #KEYS do
  local burst, rate = tonumber(ARGV[i * 2 - 1]), tonumber(ARGV[i * 2])
  redis.call('HSET', KEYS[i], 'tokens', tostring(levels[i] - 1), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[i], math.ceil(burst / rate) + 1000)
end
return { 0, 0 }
`

/** Gives a token back to every bucket (KEYS, ARGV their bursts), never past its burst. */
const GIVE = `
for i = 1, #KEYS do
  local tokens = tonumber(redis.call('HGET', KEYS[i], 'tokens'))
  if tokens then redis.call('HSET', KEYS[i], 'tokens', tostring(math.min(tonumber(ARGV[i]), tokens + 1))) end
end
return 0
`

/** A token bucket in Redis: its key, and its burst and refill. */
interface Bucket { key: string, burst: number, perSecond: number }

/** Takes one from every bucket or none (TAKE): undefined when taken, else the first that refused and the wait. */
async function takeAll(talk: RedisTalk, buckets: readonly Bucket[]): Promise<{ index: number, wait: number } | undefined> {
  const answer = await talk.run(TAKE, { keys: buckets.map(bucket => bucket.key), arguments: buckets.flatMap(({ burst, perSecond }) => [String(burst), String(perSecond / 1000)]) }) as [number, number]
  return answer[0] === 0 ? undefined : { index: answer[0] - 1, wait: answer[1] }
}

/** The budget for wrong secrets, the talk's: one per network and one in all, across every instance. */
export class RedisGuesses implements GuessBudget {
  private readonly limits: Required<GuessLimits>

  constructor(private readonly talk: RedisTalk, limits: GuessLimits = {}) {
    this.limits = { ...DEFAULT_GUESS_LIMITS, ...limits }
  }

  async fail(network: string): Promise<number> {
    const { perAddress, global } = this.limits
    const refused = await takeAll(this.talk, [{ key: this.talk.key(`guesses:${network}`), ...perAddress }, { key: this.talk.key('guesses'), ...global }])
    return refused?.wait ?? 0
  }

  /** Redis forgets a bucket once it has refilled (its keys expire). */
  prune(): void {}
}

/** An instance's count is the talk's for this long after it last said it: an instance that died leaves the count within it. */
const AUDIENCE_TTL_MS = 30_000

/**
 * The talk's audience: each instance keeps its own count in one hash (with
 * when it said it) and says when it changes; the total is every instance's
 * that has spoken within AUDIENCE_TTL_MS.
 */
export class RedisAudience implements AudienceBackend {
  private own = 0
  private others = 0
  private readonly listeners: Array<() => void> = []
  private readonly refresh: NodeJS.Timeout

  private constructor(private readonly talk: RedisTalk, private readonly log: (line: string) => void) {
    // Said again now and then, and the others read: an instance that died drops out of the count within the TTL.
    this.refresh = setInterval(() => {
      this.share()
      void this.read()
    }, AUDIENCE_TTL_MS / 3)
    this.refresh.unref()
  }

  static async open(talk: RedisTalk, log: (line: string) => void = () => {}): Promise<RedisAudience> {
    const audience = new RedisAudience(talk, log)
    await talk.subscriber.subscribe(talk.key('audience-changed'), (instance) => {
      if (instance !== talk.instance)
        void audience.read()
    })
    await audience.read()
    talk.onRecover(async () => {
      audience.share()
      await audience.read()
    })
    return audience
  }

  report(count: number): void {
    if (count === this.own)
      return
    this.own = count
    this.share()
  }

  total(): number {
    return this.own + this.others
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener)
  }

  close(): void {
    clearInterval(this.refresh)
  }

  private share(): void {
    const { client, instance } = this.talk
    if (!client.isReady)
      return
    client.multi()
      .hSet(this.talk.key('audience'), instance, `${this.own} ${Date.now()}`)
      .publish(this.talk.key('audience-changed'), instance)
      .exec()
      .catch((error: unknown) => this.log(`redis: the audience count was not shared: ${(error as Error).message}`))
  }

  /** The other instances' counts, said within the time-to-live; a change is heard by the listeners. */
  async read(): Promise<void> {
    try {
      const counts = await this.talk.client.hGetAll(this.talk.key('audience'))
      const now = Date.now()
      let others = 0
      for (const [instance, value] of Object.entries(counts)) {
        const [count, at] = value.split(' ').map(Number) as [number, number]
        if (instance !== this.talk.instance && now - at < AUDIENCE_TTL_MS)
          others += count
      }
      if (others !== this.others) {
        this.others = others
        for (const listener of this.listeners)
          listener()
      }
    }
    catch (error) {
      this.log(`redis: the audience count was not read: ${(error as Error).message}`)
    }
  }
}

/**
 * The Lua every poll script starts with. KEYS: the poll's votes (device →
 * option), its counts (option → votes, and `rev`, its number of changes),
 * its closed mark, the channel; ARGV[1] the number of options. `state`
 * answers { rev, closed, count of option 0, … }; `tell` bumps `rev` and
 * publishes the poll's state with the instance that changed it (ARGV[2]) and
 * the poll's id (ARGV[3]), so every instance takes the counts from the message
 * rather than reading them again.
 */
const POLL_PRELUDE = `
local function state()
  local fields = { 'rev' }
  for i = 0, tonumber(ARGV[1]) - 1 do fields[#fields + 1] = tostring(i) end
  local stored = redis.call('HMGET', KEYS[2], unpack(fields))
  local out = { tonumber(stored[1]) or 0, redis.call('EXISTS', KEYS[3]) }
  for i = 2, #stored do out[#out + 1] = tonumber(stored[i]) or 0 end
  return out
end
local function tell()
  redis.call('HINCRBY', KEYS[2], 'rev', 1)
  local now = state()
  local counts = {}
  for i = 3, #now do counts[#counts + 1] = now[i] end
  redis.call('PUBLISH', KEYS[4], cjson.encode({ poll = ARGV[3], instance = ARGV[2], rev = now[1], closed = now[2], counts = counts }))
  return now
end
`

/**
 * A vote (ARGV[4] the device, ARGV[5] its option), in one script: refused when
 * the poll is closed; nothing when the device votes as it had; else its vote
 * is set and the counts moved from its old option to the new one. Answers
 * { status, then the poll's state }.
 */
const VOTE = `${POLL_PRELUDE}
local function answer(status, now)
  table.insert(now, 1, status)
  return now
end
if redis.call('EXISTS', KEYS[3]) == 1 then return answer('closed', state()) end
local before = redis.call('HGET', KEYS[1], ARGV[4])
if before == ARGV[5] then return answer('same', state()) end
redis.call('HSET', KEYS[1], ARGV[4], ARGV[5])
if before then redis.call('HINCRBY', KEYS[2], before, -1) end
redis.call('HINCRBY', KEYS[2], ARGV[5], 1)
return answer('voted', tell())
`

/** Closes (ARGV[4] "0") or reopens a poll. Answers { 1 when it changed (else 0), then the poll's state }. */
const SET_OPEN = `${POLL_PRELUDE}
local closed = redis.call('EXISTS', KEYS[3])
local now
if (ARGV[4] == '1') == (closed == 0) then now = state(); table.insert(now, 1, 0); return now end
if ARGV[4] == '1' then redis.call('DEL', KEYS[3]) else redis.call('SET', KEYS[3], '1') end
now = tell()
table.insert(now, 1, 1)
return now
`

/** A poll's state, read at once: { rev, closed, counts… }. */
const POLL_STATE = `${POLL_PRELUDE}
return state()
`

/**
 * The deck's polls in Redis: each device's vote per poll (one hash per poll),
 * the counts with their number of changes (`rev`), and whether the presenter
 * closed it. A vote is answered once its script has run in Redis; every
 * instance hears the poll's new counts in the script's message, and keeps,
 * of two states, the one with the later `rev`.
 */
export class RedisPolls implements PollsBackend {
  private readonly results = new Map<string, PollResult>()
  private readonly revs = new Map<string, number>()
  private readonly listeners: Array<(result: PollResult) => void> = []

  private constructor(private readonly talk: RedisTalk, private readonly definitions: readonly PollDefinition[]) {
    for (const definition of definitions)
      this.results.set(definition.id, { id: definition.id, open: true, counts: definition.options.map(() => 0) })
  }

  static async open(talk: RedisTalk, definitions: readonly PollDefinition[]): Promise<RedisPolls> {
    const polls = new RedisPolls(talk, definitions)
    await talk.subscriber.subscribe(talk.key('polls-changed'), message => polls.heard(message))
    for (const definition of definitions)
      await polls.read(definition.id, false)
    // Back after Redis was away, or after a command of this instance's went unanswered (it may have been done):
    // every poll is read again.
    talk.onRecover(async () => {
      for (const definition of definitions)
        await polls.read(definition.id, true)
    })
    return polls
  }

  list(): PollView[] {
    return this.definitions.map(definition => ({ ...definition, ...this.results.get(definition.id)! }))
  }

  result(poll: string): PollResult | undefined {
    return this.results.get(poll)
  }

  async vote(device: string, poll: string, option: number): Promise<Outcome<{ result: PollResult }>> {
    const definition = this.definitions.find(candidate => candidate.id === poll)
    if (!definition)
      return { refused: `there is no poll "${poll}"`, code: 'unknown' }
    if (option >= definition.options.length)
      return { refused: `poll "${poll}" has no option ${option + 1}`, code: 'unknown' }
    let answer: [string, ...number[]]
    try {
      answer = await this.run(VOTE, definition, [device, String(option)]) as [string, ...number[]]
    }
    catch (error) {
      return { unsaved: (error as Error).message }
    }
    const [status, ...state] = answer
    const result = this.take(poll, state)
    if (status === 'closed')
      return { refused: 'This poll is closed.', code: 'poll-closed' }
    return { result, changed: status === 'voted' }
  }

  async setOpen(poll: string, open: boolean): Promise<Outcome<{ result: PollResult }>> {
    const definition = this.definitions.find(candidate => candidate.id === poll)
    if (!definition)
      return { refused: `there is no poll "${poll}"`, code: 'unknown' }
    let answer: number[]
    try {
      answer = await this.run(SET_OPEN, definition, [open ? '1' : '0']) as number[]
    }
    catch (error) {
      return { unsaved: (error as Error).message }
    }
    const [changed, ...state] = answer
    return { result: this.take(poll, state), changed: changed === 1 }
  }

  onResult(listener: (result: PollResult) => void): void {
    this.listeners.push(listener)
  }

  private run(script: string, definition: PollDefinition, args: string[]): Promise<unknown> {
    const poll = definition.id
    return this.talk.run(script, {
      keys: [this.key(poll, 'votes'), this.key(poll, 'counts'), this.key(poll, 'closed'), this.talk.key('polls-changed')],
      arguments: [String(definition.options.length), this.talk.instance, poll, ...args],
    })
  }

  /** Takes a poll's state { rev, closed, counts… } unless a later one is held; answers the results held. */
  private take(poll: string, [rev, closed, ...counts]: number[]): PollResult {
    if (rev! >= (this.revs.get(poll) ?? -1)) {
      this.revs.set(poll, rev!)
      this.results.set(poll, { id: poll, open: closed === 0, counts })
    }
    return this.results.get(poll)!
  }

  /** A poll changed on some instance: its counts are taken when they are news, and another instance's are told. */
  private heard(message: string): void {
    const { poll, instance, rev, closed, counts } = JSON.parse(message) as { poll: string, instance: string, rev: number, closed: number, counts: number[] }
    if (!this.results.has(poll) || rev <= (this.revs.get(poll) ?? -1))
      return
    const result = this.take(poll, [rev, closed, ...counts])
    // This instance's own change is told by its answer (and, unanswered, by the read once Redis is back).
    if (instance !== this.talk.instance) {
      for (const listener of this.listeners)
        listener(result)
    }
  }

  private key(poll: string, what: string): string {
    return this.talk.key(`poll:${poll}:${what}`)
  }

  /** Reads a poll's state; `tell`: the listeners hear it when it is news. Rejects when Redis does not answer. */
  private async read(poll: string, tell: boolean): Promise<void> {
    const definition = this.definitions.find(candidate => candidate.id === poll)!
    const state = await this.run(POLL_STATE, definition, []) as number[]
    const before = this.revs.get(poll)
    const result = this.take(poll, state)
    if (tell && this.revs.get(poll) !== before) {
      for (const listener of this.listeners)
        listener(result)
    }
  }
}

/**
 * A pairing code redeemed: refused when it was issued before the talk's last
 * revocation, or when it was used already (SET NX: one instance only ever
 * wins), else kept as used until it expires.
 */
const REDEEM = `
local revoked = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) < revoked then return 'revoked' end
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then return 'used' end
return 'ok'
`

/**
 * The talk's revocation moves only later, and is never before Redis' clock
 * plus the skew allowed between instances' clocks (ARGV[2]): a token another
 * instance issued by a clock a little ahead is refused too. Every instance
 * hears it. Answers the revocation held.
 */
const REVOKE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
local before = math.max(held, tonumber(ARGV[1]), now + tonumber(ARGV[2]))
redis.call('SET', KEYS[1], tostring(before))
redis.call('PUBLISH', KEYS[2], tostring(before))
return before
`

/**
 * The phone remote's tokens across instances: every instance signs with the
 * key from the talk's secret, so a token from one is good on another; the
 * codes used and the last revocation are Redis', a code kept as used by a
 * script that only one instance can win, a revocation heard by every
 * instance, which closes its phones.
 */
export class RedisRemote implements RemoteBackend {
  private readonly listeners: Array<() => void> = []

  private constructor(private readonly talk: RedisTalk, readonly keys: RemoteKeys, private readonly log: (line: string) => void) {}

  static async open(talk: RedisTalk, keys: RemoteKeys, log: (line: string) => void = () => {}): Promise<RedisRemote> {
    const remote = new RedisRemote(talk, keys, log)
    await talk.subscriber.subscribe(talk.key('revoked'), before => remote.revokedUntil(Number(before)))
    await remote.read()
    talk.onRecover(() => remote.read())
    return remote
  }

  pairingCode(): RemoteSession {
    return this.keys.issue('pair')
  }

  redeem(token: string): Promise<Redeemed> {
    return redeemWith(this.keys, token, async (pairing) => {
      // Used on this instance only once Redis says so: the local mark is not the talk's.
      pairing.undo()
      let answer: unknown
      try {
        answer = await this.talk.run(REDEEM, {
          keys: [this.talk.key('revoked-before'), this.talk.key(`pairing-used:${RemoteKeys.pairingId(token)!}`)],
          // Kept as used past the code's expiry by any instance's clock, so a clock behind does not find it good again.
          arguments: [String(pairing.issuedAt), String(Math.max(1, pairing.expiresAt - Date.now()) + PAIRING_TTL_MS + CLOCK_SKEW_MS)],
        })
      }
      catch (error) {
        return { unsaved: (error as Error).message }
      }
      return answer === 'revoked' || answer === 'used' ? { refused: answer } : undefined
    })
  }

  async revoke(): Promise<{ unsaved?: string }> {
    const before = this.keys.revoke()
    try {
      const held = await this.talk.run(REVOKE, { keys: [this.talk.key('revoked-before'), this.talk.key('revoked')], arguments: [String(before), String(CLOCK_SKEW_MS)] })
      this.revokedUntil(Number(held))
      return {}
    }
    catch (error) {
      return { unsaved: (error as Error).message }
    }
  }

  onRevoke(listener: () => void): void {
    this.listeners.push(listener)
  }

  /** A revocation heard: a later one refuses the tokens issued before it, and the listeners drop their phones. */
  private revokedUntil(before: number): void {
    if (this.keys.revokedUntil(before)) {
      for (const listener of this.listeners)
        listener()
    }
  }

  /** Reads the talk's last revocation (at start, and when Redis is back: one made meanwhile is taken); rejects when Redis does not answer. */
  private async read(): Promise<void> {
    const before = await this.talk.client.get(this.talk.key('revoked-before'))
    if (before !== null)
      this.revokedUntil(Number(before))
  }
}

/** The limits each kind is counted against: the device's, the network's and the room's (./questions.ts, ./polls.ts). */
const RATE_LIMITS = {
  ask: ['askPerDevice', 'askPerAddress', 'askPerRoom'],
  upvote: ['upvotePerDevice', 'upvotePerAddress', 'upvotePerRoom'],
  vote: ['votePerDevice', 'votePerAddress', 'votePerRoom'],
} as const satisfies Record<RateKind, readonly [keyof (QuestionLimits & PollLimits), keyof (QuestionLimits & PollLimits), keyof (QuestionLimits & PollLimits)]>

/**
 * The audience's budgets, the talk's: one bucket per device, per network and
 * for the room for each kind, in Redis, taken in one script (TAKE) so a device
 * or a network spread over instances has the one budget.
 */
export class RedisBudgets implements RateBudgets {
  private readonly limits: QuestionLimits & PollLimits

  constructor(private readonly talk: RedisTalk, questionLimits: Partial<QuestionLimits> = {}, pollLimits: Partial<PollLimits> = {}, private readonly log: (line: string) => void = () => {}) {
    this.limits = { ...DEFAULT_QUESTION_LIMITS, ...questionLimits, ...DEFAULT_POLL_LIMITS, ...pollLimits }
  }

  async take(kind: RateKind, device: string, network: string, loopback: boolean): Promise<Limited | undefined> {
    const buckets = this.buckets(kind, device, network, loopback)
    const refused = await takeAll(this.talk, buckets.map(([, bucket]) => bucket))
    return refused && { by: buckets[refused.index]![0], wait: refused.wait }
  }

  refund(kind: RateKind, device: string, network: string, loopback: boolean): void {
    const buckets = this.buckets(kind, device, network, loopback).map(([, bucket]) => bucket)
    this.talk.run(GIVE, { keys: buckets.map(bucket => bucket.key), arguments: buckets.map(bucket => String(bucket.burst)) })
      .catch((error: unknown) => this.log(`redis: a budget was not given back: ${(error as Error).message}`))
  }

  /** Redis forgets a bucket once it has refilled (its keys expire). */
  prune(): void {}

  private buckets(kind: RateKind, device: string, network: string, loopback: boolean): Array<[Limited['by'], Bucket]> {
    const [perDevice, perNetwork, perRoom] = RATE_LIMITS[kind]
    const buckets: Array<[Limited['by'], Bucket]> = [['device', { key: this.talk.key(`rate:${kind}:device:${device}`), ...this.limits[perDevice] }]]
    if (!loopback)
      buckets.push(['network', { key: this.talk.key(`rate:${kind}:network:${network}`), ...this.limits[perNetwork] }])
    buckets.push(['room', { key: this.talk.key(`rate:${kind}:room`), ...this.limits[perRoom] }])
    return buckets
  }
}
