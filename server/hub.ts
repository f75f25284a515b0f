import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { ClientMessage, Position, ServerMessage } from '../shared/sync-protocol'
import type { AudienceBackend, GuessBudget, PaceBackend, PollsBackend, PositionBackend, QuestionsBackend, RateBudgets, RemoteBackend } from './backend'
import type { AnyFeature, Peer, Room } from './hub-feature'
/**
 * The sync hub's transport: one WebSocket per open deck. It admits
 * connections (one network, an IPv4 address or an IPv6 /64, may hold only so
 * many and open only so many a minute), reads each message, drops and logs
 * anything that is not a well-formed, small message of a known kind (at most
 * one line per kind every ten seconds, then how many more; a connection that
 * keeps sending such messages is closed), proves the presenter's secret,
 * counts the audience, pings every deck, and sends: each message encoded
 * once, a deck that stops reading cut off rather than waited for.
 *
 * What the decks ask for is the features' (./hub-feature.ts): the
 * presenter's position (./hub-navigation.ts), the questions
 * (./hub-questions.ts), the polls (./hub-polls.ts), the phone remote
 * (./hub-remote.ts) and the pace it shows (./hub-pace.ts), each owning its
 * messages and rules. What the audience sends is answered only once it is
 * saved; when a store cannot save, presenters are told (`setSaving`).
 */
import type { ProxyOptions } from './proxy'
import { Buffer } from 'node:buffer'
import { WebSocket, WebSocketServer } from 'ws'
import { CLOSE_CODES, MAX_MESSAGE_BYTES, parseClientMessage } from '../shared/sync-protocol'
import { GuessLimiter, secretMatches } from './auth'
import { EmbeddedAudience, EmbeddedGuesses, EmbeddedPosition } from './backend'
import { NOT_SAVED } from './hub-feature'
import { Navigation } from './hub-navigation'
import { Pace } from './hub-pace'
import { Polls } from './hub-polls'
import { Questions } from './hub-questions'
import { PhoneRemote } from './hub-remote'
import { DEFAULT_IPV6_PREFIX, isLoopback, KeyedBuckets, networkOf, printable, ThrottledLog, TokenBucket } from './limits'
import { clientAddress, originAllowed } from './proxy'

export { NOT_SAVED }
export { REVOKED } from './hub-remote'

export interface HubOptions extends ProxyOptions {
  secret: string
  /** The channel's URL path, e.g. `/talk/sync`. */
  path: string
  /** The budget for wrong secrets, when it is not this process' own: `limiter` is then unused. */
  guesses?: GuessBudget
  limiter?: GuessLimiter
  /** Where the presenter's position is kept (./backend.ts); without it, in this process. */
  position?: PositionBackend
  /** Where the talk's audience is counted; without it, this process' decks are the talk's audience. */
  audienceCount?: AudienceBackend
  log?: (line: string) => void
  /** Each slide's click total (index 0 is slide 1), from the build; without it positions are not checked against the deck. */
  clickTotals?: readonly number[]
  /** Bad messages within `strikeWindowMs` after which the connection is closed. */
  maxStrikes?: number
  strikeWindowMs?: number
  /** Bytes queued for one deck after which it is cut off (it reconnects and catches up). */
  maxBuffered?: number
  /** Messages a deck may send per second, with bursts up to `burst`. */
  ratePerSecond?: number
  burst?: number
  /** How often every connection is pinged; one that has not answered the last ping by then is closed. */
  heartbeatMs?: number
  /** Connections one network may hold at once, and open per minute (loopback is not limited). */
  maxSocketsPerAddress?: number
  /** Connections the whole server holds from other machines: a bound on the memory many networks can take. */
  maxSockets?: number
  connectsPerMinute?: number
  /** Log lines of one kind after the first are counted for this long, then reported as one line. */
  logWindowMs?: number
  /** After a poll's results go to every deck, further changes are held this long and sent together (./coalesce.ts). */
  broadcastWindowMs?: number
  /** The same for the questions' changes, whose messages are larger. */
  questionWindowMs?: number
  /** The audience's questions (./backend.ts); without them the hub refuses questions. */
  questions?: QuestionsBackend
  /** The deck's polls and their votes (./backend.ts); without them the hub refuses votes. */
  polls?: PollsBackend
  /** The audience's budgets for questions, upvotes and votes (./backend.ts); without them nothing is limited. */
  budgets?: RateBudgets
  /** What a deck is told when its question, upvote or vote could not be kept (NOT_SAVED: the disk's words). */
  notSaved?: string
  /** The phone remote's tokens (./backend.ts); without them the hub pairs no phone. */
  remote?: RemoteBackend
  /** IPv6 clients are budgeted by this prefix (DEFAULT_IPV6_PREFIX, 64). */
  ipv6Prefix?: number
  /** The presenter's timer and the rehearsals (./backend.ts): the phone remote's pace follows them; without it, in this process, no rehearsal saved. */
  pace?: PaceBackend
}

/** 200 decks behind one NAT (a conference room's Wi-Fi) still join; 300 a minute lets them all come back after a restart. */
export const DEFAULT_MAX_SOCKETS_PER_ADDRESS = 200
export const DEFAULT_CONNECTS_PER_MINUTE = 300
/** Five times what one process was measured to serve within 100 ms (npm run bench:sync -- --headroom): a bound, not a capacity. */
export const DEFAULT_MAX_SOCKETS = 20_000

/** The close code for a connection that kept breaking the protocol (shared/sync-protocol.ts, which the deck reads too). */
export const POLICY_VIOLATION = CLOSE_CODES.policy
/** The close code when the server shuts down; decks reconnect. */
export const GOING_AWAY = CLOSE_CODES.goingAway
/** Frames over this are refused by `ws` itself before they are read. */
const MAX_FRAME = 64 * 1024

/** A deck's connection. */
class Client implements Peer {
  presenter = false
  strikes: number[] = []
  alive = true
  device?: string
  remoteUntil?: number
  /** Bytes of the last list sent, allowed on top of `maxBuffered` while it goes out. */
  listBytes = 0

  constructor(readonly ws: WebSocket, readonly address: string, readonly network: string, readonly messages: TokenBucket) {}

  get loopback(): boolean {
    return isLoopback(this.address)
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  /** A presenter or a phone remote leads; every other deck follows. */
  get leading(): boolean {
    return this.presenter || this.remoteUntil !== undefined
  }
}

type Options = Required<Omit<HubOptions, 'guesses' | 'position' | 'audienceCount' | 'limiter' | 'log' | 'clickTotals' | 'questions' | 'polls' | 'budgets' | 'remote' | 'pace' | keyof ProxyOptions>> & HubOptions

export class SyncHub {
  readonly clients = new Set<Client>()
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME, perMessageDeflate: false, clientTracking: false })
  private readonly guesses: GuessBudget
  private readonly audienceCount: AudienceBackend
  private readonly log: ThrottledLog
  private readonly options: Options
  private readonly socketsByNetwork = new Map<string, number>()
  private readonly connects: KeyedBuckets
  private readonly heartbeat: NodeJS.Timeout
  private audienceTimer: NodeJS.Timeout | undefined
  /** Kept as connections come, prove the secret and go, so no count walks every connection. */
  private presenterCount = 0
  /** Connections that are a presenter, a phone remote or both: every other one follows. */
  private leaderCount = 0
  /** Why each store cannot save now ("questions", "polls", "remote"), if it cannot. */
  private readonly savingProblems = new Map<string, string>()
  /** Why the talk's shared store cannot be reached now, if it cannot. */
  private sharedProblem: string | undefined
  private readonly navigation: Navigation
  private readonly remote: PhoneRemote
  private readonly pace: Pace
  private readonly features: AnyFeature[]
  /** Each message kind's feature. */
  private readonly routes = new Map<ClientMessage['t'], AnyFeature>()

  constructor(options: HubOptions) {
    this.options = {
      maxStrikes: 5,
      strikeWindowMs: 60_000,
      // A position is under 100 bytes: 64 KiB unread is hundreds of them, a deck that has stopped reading.
      maxBuffered: 64 * 1024,
      ratePerSecond: 20,
      burst: 40,
      heartbeatMs: 30_000,
      maxSocketsPerAddress: DEFAULT_MAX_SOCKETS_PER_ADDRESS,
      maxSockets: DEFAULT_MAX_SOCKETS,
      connectsPerMinute: DEFAULT_CONNECTS_PER_MINUTE,
      logWindowMs: 10_000,
      broadcastWindowMs: 100,
      questionWindowMs: 250,
      ipv6Prefix: DEFAULT_IPV6_PREFIX,
      notSaved: NOT_SAVED,
      // An option given as undefined keeps its default.
      ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as HubOptions,
    }
    this.guesses = options.guesses ?? new EmbeddedGuesses(options.limiter ?? new GuessLimiter())
    this.audienceCount = options.audienceCount ?? new EmbeddedAudience()
    this.audienceCount.onChange(() => this.announceAudience())
    this.log = new ThrottledLog(options.log ?? (() => {}), this.options.logWindowMs)
    this.connects = new KeyedBuckets(this.options.connectsPerMinute, this.options.connectsPerMinute / 60)
    const room = this.room()
    this.navigation = new Navigation(room, options.clickTotals, options.position ?? new EmbeddedPosition())
    this.remote = new PhoneRemote(room, this.navigation, options.remote)
    this.pace = new Pace(room, options.pace)
    this.features = [
      this.navigation,
      new Questions(room, { backend: options.questions, budgets: options.budgets, windowMs: this.options.questionWindowMs, slideShown: () => this.navigation.state?.page }),
      new Polls(room, { backend: options.polls, budgets: options.budgets, windowMs: this.options.broadcastWindowMs }),
      this.remote,
      this.pace,
    ]
    for (const feature of this.features) {
      for (const kind of feature.handles)
        this.routes.set(kind, feature)
    }
    this.heartbeat = setInterval(() => this.sweep(), this.options.heartbeatMs)
    this.heartbeat.unref()
  }

  /** The presenter's latest position; undefined until a presenter has sent one. */
  get state(): Position | undefined {
    return this.navigation.state
  }

  /** The talk's audience: this process' followers, and on a shared backend every instance's. */
  get audience(): number {
    return this.audienceCount.total()
  }

  /** The decks following on this process: every connection that is not a presenter's or a phone remote's. */
  private get followers(): number {
    return this.clients.size - this.leaderCount
  }

  /** Paired phone remotes connected now. */
  get remotes(): number {
    return this.remote.count
  }

  get presenters(): number {
    return this.presenterCount
  }

  /** What the features see of the hub. */
  private room(): Room {
    const client = (peer: Peer) => peer as Client
    return {
      notSaved: this.options.notSaved,
      send: (peer, message) => this.send(client(peer), message),
      sendList: (peer, message) => {
        const payload = encode(message)
        client(peer).listBytes = payload.byteLength
        this.deliver(client(peer), payload)
      },
      broadcast: (message, to) => this.broadcast(message, to),
      strike: (peer, reason) => this.strike(client(peer), reason),
      logLine: (kind, text) => this.log.line(kind, text),
      log: text => this.options.log?.(text),
      setRemote: (peer, until) => {
        const pairing = client(peer).remoteUntil === undefined && until !== undefined
        this.changeRole(client(peer), (c) => {
          c.remoteUntil = until
        })
        if (pairing) {
          for (const feature of this.features)
            feature.paired?.(peer)
        }
      },
      close: (peer, code, reason) => client(peer).ws.close(code, reason),
      peers: () => this.clients,
    }
  }

  /**
   * Records that a store saves again (`problem` undefined) or cannot; presenters
   * hear of each change, and of a problem when they join.
   */
  setSaving(store: string, problem: string | undefined): void {
    const was = JSON.stringify(this.savingMessage())
    if (problem === undefined)
      this.savingProblems.delete(store)
    else
      this.savingProblems.set(store, problem)
    const now = this.savingMessage()
    if (JSON.stringify(now) !== was)
      this.broadcast(now, client => client.presenter)
  }

  /**
   * Records that the talk's shared store (Redis) is reachable (`problem`
   * undefined) or not: presenters hear "Sync degraded" while it is not, and
   * when they join.
   */
  setShared(problem: string | undefined): void {
    if (problem === this.sharedProblem)
      return
    this.sharedProblem = problem
    this.broadcast(this.sharedMessage(), client => client.presenter)
  }

  private sharedMessage(): Extract<ServerMessage, { t: 'shared' }> {
    return this.sharedProblem === undefined ? { t: 'shared', ok: true } : { t: 'shared', ok: false, problem: this.sharedProblem }
  }

  private savingMessage(): Extract<ServerMessage, { t: 'saving' }> {
    if (this.savingProblems.size === 0)
      return { t: 'saving', ok: true }
    return { t: 'saving', ok: false, problem: [...this.savingProblems].map(([store, problem]) => `${store}: ${problem}`).join('; ') }
  }

  /** A presenter or a paired phone is not part of the audience; `change` makes a deck one or the other, and the count follows. */
  private changeRole(client: Client, change: (client: Client) => void): void {
    const before = client.leading
    change(client)
    if (before !== client.leading) {
      this.leaderCount += client.leading ? 1 : -1
      this.announceAudience()
    }
  }

  /** Takes an HTTP upgrade for the channel's path; returns false (and leaves the socket alone) for any other path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = new URL(request.url ?? '/', 'http://deck').pathname
    if (path !== this.options.path)
      return false
    // A page from another site may not open the channel (browsers always send Origin).
    const origin = request.headers.origin
    if (origin !== undefined && !originAllowed(origin, request, this.options)) {
      this.log.line('refused origins', `refused a sync connection from origin ${printable(origin)}`)
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return true
    }
    const address = clientAddress(request, this.options)
    const network = networkOf(address, this.options.ipv6Prefix)
    const wait = this.admit(address, network)
    if (wait > 0) {
      this.log.line('refused connections', `refused a sync connection from ${address}: too many connections from its network ${network}`)
      socket.end(`HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${Math.ceil(wait / 1000)}\r\nConnection: close\r\n\r\n`)
      return true
    }
    this.wss.handleUpgrade(request, socket, head, ws => this.connect(ws, address, network))
    return true
  }

  /** 0 when `network` may open one more connection now, else the milliseconds to wait. */
  private admit(address: string, network: string): number {
    if (isLoopback(address))
      return 0
    // A place frees when a deck leaves; a dead one is gone within two heartbeats.
    if (this.clients.size >= this.options.maxSockets || (this.socketsByNetwork.get(network) ?? 0) >= this.options.maxSocketsPerAddress)
      return this.options.heartbeatMs
    return this.connects.get(network).take()
  }

  private connect(ws: WebSocket, address: string, network: string): void {
    const client = new Client(ws, address, network, new TokenBucket(this.options.burst, this.options.ratePerSecond))
    this.clients.add(client)
    this.socketsByNetwork.set(network, (this.socketsByNetwork.get(network) ?? 0) + 1)
    ws.on('pong', () => {
      client.alive = true
    })
    ws.on('message', (data, isBinary) => this.receive(client, data, isBinary))
    ws.on('error', error => this.log.line('connection errors', `sync connection from ${address}: ${error.message}`))
    ws.on('close', () => {
      this.clients.delete(client)
      const left = this.socketsByNetwork.get(network)! - 1
      if (left === 0)
        this.socketsByNetwork.delete(network)
      else
        this.socketsByNetwork.set(network, left)
      if (client.presenter)
        this.presenterCount--
      if (client.leading)
        this.leaderCount--
      for (const feature of this.features)
        feature.left?.(client)
      this.announceAudience()
    })
    for (const feature of this.features)
      feature.joined?.(client)
    this.announceAudience()
  }

  private receive(client: Client, data: WebSocket.RawData, isBinary: boolean): void {
    // A connection being closed has had its last word.
    if (!client.open)
      return
    client.alive = true
    if (client.messages.take() > 0)
      return this.strike(client, 'more than the allowed messages per second')
    if (isBinary)
      return this.strike(client, 'binary message')
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
    const parsed = parseClientMessage(buffer.byteLength <= MAX_MESSAGE_BYTES ? buffer.toString('utf8') : '', buffer.byteLength)
    if (!parsed.ok) {
      // A message the deck should have refused itself (a question too long, a control character): say why, and count it.
      const about = parsed.question ? 'questions' : parsed.poll ? 'polls' : parsed.remote ? 'remotes' : undefined
      if (about)
        this.send(client, { t: 'refused', code: 'malformed', reason: parsed.reason, about })
      return this.strike(client, parsed.reason)
    }
    const message = parsed.message
    if (message.t === 'ping')
      return this.send(client, { t: 'pong' })
    if (message.t === 'auth')
      return this.authenticate(client, message.secret)
    const feature = this.routes.get(message.t)
    if (!feature)
      return this.strike(client, `no part of this server answers ${message.t}`)
    // Routed by its kind: the feature handles this one.
    feature.receive(client, message as never)
  }

  /**
   * The secret is compared first, in constant time, and the right one is always
   * accepted: limits on wrong guesses can never lock the presenter out. A wrong
   * guess is counted within the limits; beyond them it is answered "limited",
   * costs a strike (a guesser is cut off and must reconnect, which the
   * per-network connection limit slows) and is not logged one by one.
   */
  private authenticate(client: Client, guess: string): void {
    if (client.presenter)
      return this.send(client, { t: 'auth', ok: true })
    if (!secretMatches(this.options.secret, guess)) {
      this.guesses.fail(client.network).then((wait) => {
        if (wait > 0) {
          this.send(client, { t: 'auth', ok: false, reason: 'limited', retryAfter: Math.ceil(wait / 1000) })
          return this.strike(client, 'a secret beyond the limit on wrong secrets')
        }
        this.log.line('wrong secrets', `wrong presenter secret from ${client.address}`)
        this.send(client, { t: 'auth', ok: false, reason: 'wrong' })
      }, (error: unknown) => {
        // The budget cannot be counted: the guess is refused as one beyond it, never let through uncounted.
        this.log.line('uncounted secrets', `could not count a wrong secret from ${client.address}: ${(error as Error).message}`)
        this.send(client, { t: 'auth', ok: false, reason: 'limited', retryAfter: 1 })
      })
      return
    }
    this.changeRole(client, (c) => {
      c.presenter = true
    })
    this.presenterCount++
    this.options.log?.(`presenter joined from ${client.address}`)
    this.send(client, { t: 'auth', ok: true })
    this.send(client, { t: 'audience', count: this.audience })
    if (this.savingProblems.size > 0)
      this.send(client, this.savingMessage())
    if (this.sharedProblem !== undefined)
      this.send(client, this.sharedMessage())
    for (const feature of this.features)
      feature.promoted?.(client)
  }

  private strike(client: Client, reason: string): void {
    const now = Date.now()
    client.strikes = [...client.strikes.filter(time => time > now - this.options.strikeWindowMs), now]
    this.log.line('bad messages', `dropped a message from ${client.address}: ${reason}`)
    if (client.strikes.length >= this.options.maxStrikes && client.open) {
      this.log.line('closed connections', `closed the connection from ${client.address} after ${client.strikes.length} bad messages`)
      client.ws.close(POLICY_VIOLATION, 'too many bad messages')
    }
  }

  private send(client: Client, message: ServerMessage): void {
    this.deliver(client, encode(message))
  }

  /** Sends one message to every deck that `to` picks, encoded once however many decks there are. */
  private broadcast(message: ServerMessage, to: (client: Client) => boolean): void {
    const payload = encode(message)
    for (const client of this.clients) {
      if (to(client))
        this.deliver(client, payload)
    }
  }

  /** Sends unless the deck has stopped reading: one slow deck is cut off, never waited for. */
  private deliver(client: Client, payload: Buffer): void {
    if (!client.open)
      return
    if (client.ws.bufferedAmount > this.options.maxBuffered + client.listBytes) {
      this.log.line('cut-off decks', `cut off ${client.address}: ${client.ws.bufferedAmount} bytes unread`)
      client.ws.terminate()
      return
    }
    client.ws.send(payload, { binary: false })
  }

  /** Tells presenters how many follow, at most four times a second however many join at once. */
  private announceAudience(): void {
    this.audienceCount.report(this.followers)
    if (this.audienceTimer || this.presenters === 0)
      return
    this.audienceTimer = setTimeout(() => {
      this.audienceTimer = undefined
      this.broadcast({ t: 'audience', count: this.audience }, client => client.presenter)
    }, 250)
  }

  /** Pings every deck; one that has not answered the previous ping (nor sent anything since) is gone: a silent drop. */
  private sweep(): void {
    for (const client of this.clients) {
      if (!client.alive) {
        client.ws.terminate()
        continue
      }
      client.alive = false
      client.ws.ping()
    }
    // Forget the networks whose limits have refilled.
    this.guesses.prune()
    this.connects.prune()
    this.options.budgets?.prune()
    for (const feature of this.features)
      feature.sweep?.()
  }

  /** Closes every connection (decks see "going away" and reconnect to the next server). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat)
    clearTimeout(this.audienceTimer)
    for (const feature of this.features)
      feature.close?.()
    const closed = [...this.clients].map(client => new Promise<void>((resolve) => {
      if (client.ws.readyState === WebSocket.CLOSED)
        return resolve()
      const force = setTimeout(() => client.ws.terminate(), 1000)
      client.ws.once('close', () => {
        clearTimeout(force)
        resolve()
      })
      client.ws.close(GOING_AWAY, 'server shutting down')
    }))
    await Promise.all(closed)
    await new Promise<void>(resolve => this.wss.close(() => resolve()))
    this.log.close()
  }
}

/** The one place a message to a deck becomes bytes, so only a `ServerMessage` goes on the wire. */
function encode(message: ServerMessage): Buffer {
  return Buffer.from(JSON.stringify(message))
}
