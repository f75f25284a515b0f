/**
 * Backends (./backend.ts) that share a talk across instances through Redis:
 * every instance of one talk (keys under `deck:TALK:`) sees the presenter's
 * position, the audience count, the budget for wrong secrets, the polls (one
 * vote per device per poll) and the phone remote's pairing codes (each used
 * once) and revocation. Each change is one Lua script, so it is
 * atomic in Redis (never read, then written, by two instances at once), and a
 * change is heard by the other instances over Redis' pub/sub.
 *
 * The client is node-redis (`@redis/client`, the client package of `redis`):
 * Redis' own client for Node, kept up with Redis itself (RESP3, Redis 7 and 8),
 * typed, and with pub/sub, scripts and reconnection built in; ioredis' own
 * README points new projects to it.
 */
import type { RedisClientType } from '@redis/client'
import type { PollResult, PollView, Position, RemoteRefusal } from '../shared/sync-protocol'
import type { GuessLimits } from './auth'
import type { AudienceBackend, GuessBudget, Move, Outcome, PollsBackend, PositionBackend, RemoteBackend, RemoteSession } from './backend'
import type { PollDefinition } from './polls'
import { randomUUID } from 'node:crypto'
import { createClient } from '@redis/client'
import { samePosition } from '../shared/sync-protocol'
import { DEFAULT_GUESS_LIMITS } from './auth'
import { RemoteKeys } from './remote'

/** A connection to one talk in Redis: a client for commands, one for what the other instances publish. */
export class RedisTalk {
  /** This instance, in what it publishes: it does not act on its own messages twice. */
  readonly instance = randomUUID()
  private readonly healthListeners: Array<(problem: string | undefined) => void> = []
  private problem: string | undefined

  private constructor(readonly client: RedisClientType, readonly subscriber: RedisClientType, readonly talk: string, private readonly log: (line: string) => void) {
    for (const [name, connection] of [['commands', client], ['messages', subscriber]] as const) {
      // Without a listener an error would stop the process; the client reconnects by itself.
      connection.on('error', (error: Error) => this.report(`${name}: ${error.message || 'connection lost'}`))
      connection.on('ready', () => {
        if (client.isReady && subscriber.isReady)
          this.report(undefined)
      })
    }
  }

  /** Connects to `url` (redis://host:6379/0) for the talk `talk`; rejects when Redis cannot be reached at start. */
  static async connect(url: string, talk: string, log: (line: string) => void = () => {}): Promise<RedisTalk> {
    const options = {
      url,
      // A command while Redis is away fails at once (refused, never queued and acknowledged later).
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000) },
    }
    const client = createClient(options) as RedisClientType
    const subscriber = createClient(options) as RedisClientType
    const talkOf = new RedisTalk(client, subscriber, talk, log)
    try {
      await client.connect()
      await subscriber.connect()
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

  /** Hears when Redis cannot be reached (a problem), and when it can again (undefined). */
  onHealth(listener: (problem: string | undefined) => void): void {
    this.healthListeners.push(listener)
  }

  get healthy(): boolean {
    return this.problem === undefined
  }

  async close(): Promise<void> {
    this.client.destroy()
    this.subscriber.destroy()
  }

  private report(problem: string | undefined): void {
    if (problem === this.problem)
      return
    this.problem = problem
    this.log(problem === undefined ? 'redis: connected again' : `redis: ${problem}`)
    for (const listener of this.healthListeners)
      listener(problem)
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
export class RedisPosition implements PositionBackend {
  private latest: Move | undefined
  private started: number | undefined
  private readonly listeners: Array<(move: Move, origin: object | undefined) => void> = []

  private constructor(private readonly talk: RedisTalk, private readonly log: (line: string) => void) {}

  static async open(talk: RedisTalk, log: (line: string) => void = () => {}): Promise<RedisPosition> {
    const position = new RedisPosition(talk, log)
    await talk.subscriber.subscribe(talk.key('moves'), message => position.heard(message))
    await position.load()
    talk.onHealth((problem) => {
      if (problem === undefined)
        position.load().catch((error: unknown) => log(`redis: could not read the talk's position: ${(error as Error).message}`))
    })
    return position
  }

  current(): Move | undefined {
    return this.latest
  }

  startedAt(): number | undefined {
    return this.started
  }

  move(position: Position, by?: 'remote', origin?: object): boolean {
    if (this.latest && samePosition(this.latest.position, position))
      return false
    const move: Move = { position, seq: (this.latest?.seq ?? 0) + 1, ...(by ? { by } : {}) }
    this.adopt(move, origin)
    this.started ??= Date.now()
    this.publish(move)
    return true
  }

  onMove(listener: (move: Move, origin: object | undefined) => void): void {
    this.listeners.push(listener)
  }

  private publish(move: Move): void {
    const { client, instance } = this.talk
    client.eval(MOVE, { keys: [this.talk.key('position'), this.talk.key('moves')], arguments: [positionText(move.position), move.by ?? '', String(this.started ?? Date.now()), String(move.seq), instance] }).then((seq) => {
      // Numbered past this instance's count (another instance moved meanwhile): count on from Redis' number.
      if (typeof seq === 'number' && this.latest === move && seq > move.seq)
        this.latest = { ...move, seq }
    }, (error: unknown) => this.log(`redis: a move was not shared: ${(error as Error).message}`))
  }

  private heard(message: string): void {
    const move = JSON.parse(message) as { seq: number, position: string, by: string, instance: string }
    if (move.instance === this.talk.instance)
      return
    this.adopt({ position: JSON.parse(move.position) as Position, seq: move.seq, ...(move.by === 'remote' ? { by: 'remote' as const } : {}) }, undefined)
  }

  /** Takes a move that is newer than the latest: this instance's decks hear it. */
  private adopt(move: Move, origin: object | undefined): void {
    if (this.latest && move.seq <= this.latest.seq)
      return
    this.latest = move
    for (const listener of this.listeners)
      listener(move, origin)
  }

  /** Reads the talk's position: a newer one is taken; one older than this instance's (moved while Redis was away) is shared. */
  private async load(): Promise<void> {
    const stored = await this.talk.client.hGetAll(this.talk.key('position'))
    if (stored.startedAt)
      this.started = Number(stored.startedAt)
    if (stored.position && stored.seq) {
      const seq = Number(stored.seq)
      if (!this.latest || seq > this.latest.seq)
        return this.adopt({ position: JSON.parse(stored.position) as Position, seq, ...(stored.by === 'remote' ? { by: 'remote' as const } : {}) }, undefined)
    }
    if (this.latest && positionText(this.latest.position) !== stored.position)
      this.publish(this.latest)
  }
}

/**
 * Counts a wrong guess in two token buckets (the network's, the talk's), in
 * one script on Redis' clock: taken from both when both allow it, from
 * neither when either is empty (the answer: milliseconds to wait).
 */
const GUESS = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local function level(key, burst, rate)
  local stored = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(stored[1]) or burst
  local at = tonumber(stored[2]) or now
  return math.min(burst, tokens + (now - at) * rate)
end
local wait = 0
local levels = {}
for i = 1, 2 do
  local burst, rate = tonumber(ARGV[i * 2 - 1]), tonumber(ARGV[i * 2])
  levels[i] = level(KEYS[i], burst, rate)
  if levels[i] < 1 then wait = math.max(wait, math.ceil((1 - levels[i]) / rate)) end
end
if wait == 0 then
  for i = 1, 2 do
    local burst, rate = tonumber(ARGV[i * 2 - 1]), tonumber(ARGV[i * 2])
    redis.call('HSET', KEYS[i], 'tokens', tostring(levels[i] - 1), 'at', tostring(now))
    redis.call('PEXPIRE', KEYS[i], math.ceil(burst / rate) + 1000)
  end
end
return wait
`

/** The budget for wrong secrets, the talk's: one per network and one in all, across every instance. */
export class RedisGuesses implements GuessBudget {
  private readonly limits: Required<GuessLimits>

  constructor(private readonly talk: RedisTalk, limits: GuessLimits = {}) {
    this.limits = { ...DEFAULT_GUESS_LIMITS, ...limits }
  }

  async fail(network: string): Promise<number> {
    const { perAddress, global } = this.limits
    const wait = await this.talk.client.eval(GUESS, {
      keys: [this.talk.key(`guesses:${network}`), this.talk.key('guesses')],
      arguments: [perAddress.burst, perAddress.perSecond / 1000, global.burst, global.perSecond / 1000].map(String),
    })
    return Number(wait)
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
    this.refresh = setInterval(() => this.share(), AUDIENCE_TTL_MS / 3)
    this.refresh.unref()
  }

  static async open(talk: RedisTalk, log: (line: string) => void = () => {}): Promise<RedisAudience> {
    const audience = new RedisAudience(talk, log)
    await talk.subscriber.subscribe(talk.key('audience-changed'), (instance) => {
      if (instance !== talk.instance)
        void audience.read()
    })
    await audience.read()
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
 * A vote, in one script: refused when the poll is closed; nothing when the
 * device votes as it had; else its vote is set and the counts moved from its
 * old option to the new one, and the other instances told. Answers the poll's
 * state and counts: { status, closed, count of option 0, … }.
 */
const VOTE = `
local closed = redis.call('EXISTS', KEYS[3])
local counts = {}
local function result(status)
  local stored = redis.call('HMGET', KEYS[2], unpack(counts))
  local out = { status, closed }
  for i = 1, #stored do out[#out + 1] = tonumber(stored[i]) or 0 end
  return out
end
for i = 0, tonumber(ARGV[3]) - 1 do counts[#counts + 1] = tostring(i) end
if closed == 1 then return result('closed') end
local before = redis.call('HGET', KEYS[1], ARGV[1])
if before == ARGV[2] then return result('same') end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if before then redis.call('HINCRBY', KEYS[2], before, -1) end
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('PUBLISH', KEYS[4], ARGV[4] .. ' ' .. ARGV[5])
return result('voted')
`

/** Closes (ARGV[1] "0") or reopens a poll; tells the other instances when it changed. Answers 1 when it changed. */
const SET_OPEN = `
local closed = redis.call('EXISTS', KEYS[1])
if (ARGV[1] == '1') == (closed == 0) then return 0 end
if ARGV[1] == '1' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], '1') end
redis.call('PUBLISH', KEYS[2], ARGV[2] .. ' ' .. ARGV[3])
return 1
`

/**
 * The deck's polls in Redis: each device's vote per poll (one hash per poll),
 * the counts, and whether the presenter closed it. A vote is answered once
 * its script has run in Redis; the other instances hear the poll changed
 * and read its results again.
 */
export class RedisPolls implements PollsBackend {
  private readonly results = new Map<string, PollResult>()
  private readonly listeners: Array<(result: PollResult) => void> = []
  /** Commands are numbered as they are sent (Redis answers one connection's in order): a poll's results are the latest command's. */
  private sent = 0
  private readonly heard = new Map<string, number>()

  private constructor(private readonly talk: RedisTalk, private readonly definitions: readonly PollDefinition[], private readonly log: (line: string) => void) {
    for (const definition of definitions)
      this.results.set(definition.id, { id: definition.id, open: true, counts: definition.options.map(() => 0) })
  }

  static async open(talk: RedisTalk, definitions: readonly PollDefinition[], log: (line: string) => void = () => {}): Promise<RedisPolls> {
    const polls = new RedisPolls(talk, definitions, log)
    await talk.subscriber.subscribe(talk.key('polls-changed'), (message) => {
      const [poll, instance] = message.split(' ')
      if (instance !== talk.instance && poll)
        void polls.read(poll, true)
    })
    for (const definition of definitions)
      await polls.read(definition.id, false)
    // Back after Redis was away: what changed meanwhile is read again.
    talk.onHealth((problem) => {
      if (problem === undefined) {
        for (const definition of definitions)
          void polls.read(definition.id, true)
      }
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
    let answer: unknown
    const order = ++this.sent
    try {
      answer = await this.talk.client.eval(VOTE, {
        keys: [this.key(poll, 'votes'), this.key(poll, 'counts'), this.key(poll, 'closed'), this.talk.key('polls-changed')],
        arguments: [device, String(option), String(definition.options.length), poll, this.talk.instance],
      })
    }
    catch (error) {
      return { unsaved: (error as Error).message }
    }
    const [status, closed, ...counts] = answer as [string, number, ...number[]]
    const result: PollResult = { id: poll, open: closed === 0, counts }
    this.take(poll, result, order)
    if (status === 'closed')
      return { refused: 'This poll is closed.', code: 'poll-closed' }
    return { result, changed: status === 'voted' }
  }

  async setOpen(poll: string, open: boolean): Promise<Outcome<{ result: PollResult }>> {
    const known = this.results.get(poll)
    if (!known)
      return { refused: `there is no poll "${poll}"`, code: 'unknown' }
    const order = ++this.sent
    try {
      const changed = await this.talk.client.eval(SET_OPEN, { keys: [this.key(poll, 'closed'), this.talk.key('polls-changed')], arguments: [open ? '1' : '0', poll, this.talk.instance] })
      const result = { ...this.results.get(poll)!, open }
      this.take(poll, result, order)
      return { result, changed: changed === 1 }
    }
    catch (error) {
      return { unsaved: (error as Error).message }
    }
  }

  onResult(listener: (result: PollResult) => void): void {
    this.listeners.push(listener)
  }

  /** Takes a poll's results from the command numbered `order`, unless a later command's are taken already; true when taken. */
  private take(poll: string, result: PollResult, order: number): boolean {
    if (order < (this.heard.get(poll) ?? 0))
      return false
    this.heard.set(poll, order)
    this.results.set(poll, result)
    return true
  }

  private key(poll: string, what: string): string {
    return this.talk.key(`poll:${poll}:${what}`)
  }

  /** Reads a poll's results; `tell`: the listeners hear them when they changed. */
  private async read(poll: string, tell: boolean): Promise<void> {
    const definition = this.definitions.find(candidate => candidate.id === poll)
    if (!definition)
      return
    const order = ++this.sent
    try {
      const [counts, closed] = await Promise.all([this.talk.client.hGetAll(this.key(poll, 'counts')), this.talk.client.exists(this.key(poll, 'closed'))])
      const result: PollResult = { id: poll, open: closed === 0, counts: definition.options.map((_, index) => Number(counts[String(index)] ?? 0)) }
      const before = this.results.get(poll)
      if (this.take(poll, result, order) && tell && JSON.stringify(before) !== JSON.stringify(result)) {
        for (const listener of this.listeners)
          listener(result)
      }
    }
    catch (error) {
      this.log(`redis: could not read poll "${poll}": ${(error as Error).message}`)
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

/** The talk's revocation moves only later; every instance hears it. Answers the revocation held. */
const REVOKE = `
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
local before = math.max(held, tonumber(ARGV[1]))
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
    talk.onHealth((problem) => {
      if (problem === undefined)
        void remote.read()
    })
    return remote
  }

  pairingCode(): RemoteSession {
    return this.keys.issue('pair')
  }

  async redeem(token: string): Promise<{ session: RemoteSession, paired: boolean } | { refused: RemoteRefusal } | { unsaved: string }> {
    const checked = this.keys.check(token)
    if ('refused' in checked)
      return checked
    if (checked.kind === 'session')
      return { session: { token, expiresAt: checked.expiresAt }, paired: false }
    // Used on this instance only once Redis says so: the local mark is not the talk's.
    checked.undo()
    let answer: unknown
    try {
      answer = await this.talk.client.eval(REDEEM, {
        keys: [this.talk.key('revoked-before'), this.talk.key(`pairing-used:${RemoteKeys.pairingId(token)!}`)],
        arguments: [String(checked.issuedAt), String(Math.max(1, checked.expiresAt - Date.now()))],
      })
    }
    catch (error) {
      return { unsaved: (error as Error).message }
    }
    if (answer === 'revoked' || answer === 'used')
      return { refused: answer }
    if (checked.issuedAt < this.keys.revokedBefore)
      return { refused: 'revoked' }
    return { session: this.keys.issue('session'), paired: true }
  }

  async revoke(): Promise<{ unsaved?: string }> {
    const before = this.keys.revoke()
    try {
      await this.talk.client.eval(REVOKE, { keys: [this.talk.key('revoked-before'), this.talk.key('revoked')], arguments: [String(before)] })
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

  /** Reads the talk's last revocation (at start, and when Redis is back: one made meanwhile is taken). */
  private async read(): Promise<void> {
    try {
      const before = await this.talk.client.get(this.talk.key('revoked-before'))
      if (before !== null)
        this.revokedUntil(Number(before))
    }
    catch (error) {
      this.log(`redis: could not read the remote's revocation: ${(error as Error).message}`)
    }
  }
}
