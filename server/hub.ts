import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { ClientMessage, PollResult, Position, ServerMessage } from '../shared/sync-protocol'
import type { PollBoard, PollEvent, PollLimiter } from './polls'
/**
 * The sync hub: one WebSocket per open deck. The presenter proves the secret
 * and sends where they are; the hub keeps the latest position and passes it to
 * every other deck, so late joiners and reconnecting decks start where the talk
 * is. Anything that is not a well-formed, small message of a known kind is
 * dropped and logged (at most one line per kind every ten seconds, then how
 * many more); a connection that keeps sending such messages is closed. One
 * network (an IPv4 address, an IPv6 /64) may hold only so many connections
 * and open only so many a minute.
 *
 * What the audience sends is answered only once it is saved: the hub applies
 * a question, an upvote, a vote, a moderation or a pairing at once (so two
 * devices cannot both take the same place), hands its event to the store,
 * and says "asked", "upvoted", "voted" (and tells the room) when the store
 * has it on disk. When the store cannot save it, the change is undone and the
 * deck is told "Not saved"; presenters are told that saving fails.
 */
import type { ProxyOptions } from './proxy'
import type { Change, Question, QuestionBoard, QuestionEvent, QuestionLimiter } from './questions'
import type { RemoteKeys } from './remote'
import { Buffer } from 'node:buffer'
import { WebSocket, WebSocketServer } from 'ws'
import { MAX_MESSAGE_BYTES, parseClientMessage, samePosition } from '../shared/sync-protocol'
import { GuessLimiter, secretMatches } from './auth'
import { Coalescer } from './coalesce'
import { DEFAULT_IPV6_PREFIX, isLoopback, KeyedBuckets, networkOf, printable, ThrottledLog, TokenBucket } from './limits'
import { clientAddress, originAllowed } from './proxy'
import { JOIN_LIST_LENGTH, viewOf } from './questions'
import { PAIRING_TTL_MS, stepPosition } from './remote'

export interface HubOptions extends ProxyOptions {
  secret: string
  /** The channel's URL path, e.g. `/talk/sync`. */
  path: string
  limiter?: GuessLimiter
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
  /** Connections one address may hold at once, and open per minute (loopback is not limited). */
  maxSocketsPerAddress?: number
  connectsPerMinute?: number
  /** Log lines of one kind after the first are counted for this long, then reported as one line. */
  logWindowMs?: number
  /** After a poll's results go to every deck, further changes are held this long and sent together (./coalesce.ts). */
  broadcastWindowMs?: number
  /** The same for the questions' changes, whose messages are larger. */
  questionWindowMs?: number
  /** The audience's questions; without a board the hub refuses questions. */
  questions?: QuestionBoard
  questionLimiter?: QuestionLimiter
  /** Saves a question event: resolves once it is on disk, rejects when it cannot be. Without it, events are kept in memory only. */
  saveQuestion?: (event: QuestionEvent) => Promise<void>
  /** The deck's polls; without a board the hub refuses votes. */
  polls?: PollBoard
  pollLimiter?: PollLimiter
  /** Saves a poll event, the same way. */
  savePoll?: (event: PollEvent) => Promise<void>
  /** Signs and checks the phone remote's tokens; without them the hub pairs no phone. */
  remote?: RemoteKeys
  /** Saves the remote's state (the pairing codes used, the last revocation): resolves once it is on disk. */
  saveRemote?: () => Promise<void>
  /** IPv6 clients are budgeted by this prefix (DEFAULT_IPV6_PREFIX, 64). */
  ipv6Prefix?: number
}

/** What a deck is told when what it sent could not be saved. */
export const NOT_SAVED = 'Not saved: the server cannot write to its disk. Try again in a moment.'

/** 200 decks behind one NAT (a conference room's Wi-Fi) still join; 300 a minute lets them all come back after a restart. */
export const DEFAULT_MAX_SOCKETS_PER_ADDRESS = 200
export const DEFAULT_CONNECTS_PER_MINUTE = 300

interface Client {
  ws: WebSocket
  /** The address, as the log shows it. */
  address: string
  /** The network its budgets are kept for (./limits.ts `networkOf`). */
  network: string
  presenter: boolean
  strikes: number[]
  messages: TokenBucket
  alive: boolean
  /** The device id this connection asks, upvotes and votes as: the first it sent (one connection, one device). */
  device?: string
  /** Bytes of the last question list sent, allowed on top of `maxBuffered` while it goes out. */
  listBytes: number
  /** A paired phone remote: until when its session holds. */
  remoteUntil?: number
}

/** A question changed within a broadcast window: `whole` when more than its upvotes changed. */
interface QuestionChange { question: Question, justHidden: boolean, whole: boolean }

/** The close code for a phone remote the presenter revoked; it does not reconnect with its session. */
export const REVOKED = 4001

/** The close code for a connection that kept breaking the protocol. */
export const POLICY_VIOLATION = 1008
/** The close code when the server shuts down; decks reconnect. */
export const GOING_AWAY = 1001
/** Frames over this are refused by `ws` itself before they are read. */
const MAX_FRAME = 64 * 1024

export class SyncHub {
  readonly clients = new Set<Client>()
  /** The presenter's latest position; undefined until a presenter has sent one. */
  state: Position | undefined
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME, perMessageDeflate: false, clientTracking: false })
  private readonly limiter: GuessLimiter
  private readonly log: ThrottledLog
  private readonly options: Required<Omit<HubOptions, 'limiter' | 'log' | 'clickTotals' | 'questions' | 'questionLimiter' | 'saveQuestion' | 'polls' | 'pollLimiter' | 'savePoll' | 'remote' | 'saveRemote' | keyof ProxyOptions>> & HubOptions
  private readonly socketsByAddress = new Map<string, number>()
  private readonly connects: KeyedBuckets
  private readonly heartbeat: NodeJS.Timeout
  private audienceTimer: NodeJS.Timeout | undefined
  private readonly pollResults: Coalescer<string, PollResult>
  private readonly questionChanges: Coalescer<number, QuestionChange>

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
      connectsPerMinute: DEFAULT_CONNECTS_PER_MINUTE,
      logWindowMs: 10_000,
      broadcastWindowMs: 100,
      questionWindowMs: 250,
      ipv6Prefix: DEFAULT_IPV6_PREFIX,
      // An option given as undefined keeps its default.
      ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as HubOptions,
    }
    this.limiter = options.limiter ?? new GuessLimiter()
    this.log = new ThrottledLog(options.log ?? (() => {}), this.options.logWindowMs)
    this.connects = new KeyedBuckets(this.options.connectsPerMinute, this.options.connectsPerMinute / 60)
    this.pollResults = new Coalescer(this.options.broadcastWindowMs, (changes) => {
      for (const poll of changes.values())
        this.broadcast({ t: 'poll', poll }, () => true)
    })
    // A question hidden within a window stays "just hidden" whatever else happened to it, so the audience drops it;
    // one whose text or state changed is sent whole, one that only gained upvotes as its count.
    this.questionChanges = new Coalescer(this.options.questionWindowMs, changes => this.sendQuestionChanges([...changes.values()]), (held, next) => ({ question: next.question, justHidden: held.justHidden || next.justHidden, whole: held.whole || next.whole }))
    this.heartbeat = setInterval(() => this.sweep(), this.options.heartbeatMs)
    this.heartbeat.unref()
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
    if ((this.socketsByAddress.get(network) ?? 0) >= this.options.maxSocketsPerAddress)
      return this.options.heartbeatMs
    return this.connects.get(network).take()
  }

  /** Kept as connections come, prove the secret and go, so no count walks every connection. */
  private presenterCount = 0

  private remoteCount = 0
  /** Connections that are a presenter, a phone remote or both: every other one follows. */
  private leaderCount = 0
  /** When the first position arrived: the talk's start, for the remote's elapsed time. */
  private startedAt: number | undefined
  /** Why each store cannot save now ("questions", "polls", "remote"), if it cannot. */
  private readonly savingProblems = new Map<string, string>()

  get audience(): number {
    return this.clients.size - this.leaderCount
  }

  /**
   * Records that a store saves again (`problem` undefined) or cannot; presenters
   * hear of each change, and of a problem when they join.
   */
  setSaving(store: string, problem: string | undefined): void {
    const was = this.savingMessage()
    if (problem === undefined)
      this.savingProblems.delete(store)
    else
      this.savingProblems.set(store, problem)
    const now = this.savingMessage()
    if (JSON.stringify(now) !== JSON.stringify(was))
      this.broadcast(now, client => client.presenter)
  }

  private savingMessage(): Extract<ServerMessage, { t: 'saving' }> {
    if (this.savingProblems.size === 0)
      return { t: 'saving', ok: true }
    return { t: 'saving', ok: false, problem: [...this.savingProblems].map(([store, problem]) => `${store}: ${problem}`).join('; ') }
  }

  /** A presenter or a paired phone is not part of the audience; `change` makes it one or the other, and the count follows. */
  private changeRole(client: Client, change: () => void): void {
    const leading = (c: Client) => c.presenter || c.remoteUntil !== undefined
    const before = leading(client)
    change()
    const after = leading(client)
    if (before !== after) {
      this.leaderCount += after ? 1 : -1
      this.announceAudience()
    }
  }

  /** Paired phone remotes connected now. */
  get remotes(): number {
    return this.remoteCount
  }

  get presenters(): number {
    return this.presenterCount
  }

  private connect(ws: WebSocket, address: string, network: string): void {
    const client: Client = { ws, address, network, presenter: false, strikes: [], messages: new TokenBucket(this.options.burst, this.options.ratePerSecond), alive: true, listBytes: 0 }
    this.clients.add(client)
    this.socketsByAddress.set(network, (this.socketsByAddress.get(network) ?? 0) + 1)
    ws.on('pong', () => {
      client.alive = true
    })
    ws.on('message', (data, isBinary) => this.receive(client, data, isBinary))
    ws.on('error', error => this.log.line('connection errors', `sync connection from ${address}: ${error.message}`))
    ws.on('close', () => {
      this.clients.delete(client)
      const left = this.socketsByAddress.get(network)! - 1
      if (left === 0)
        this.socketsByAddress.delete(network)
      else
        this.socketsByAddress.set(network, left)
      if (client.presenter)
        this.presenterCount--
      if (client.presenter || client.remoteUntil !== undefined)
        this.leaderCount--
      if (client.remoteUntil !== undefined) {
        this.remoteCount--
        this.announceRemotes()
      }
      this.announceAudience()
    })
    if (this.state)
      this.send(client, { t: 'state', ...this.state })
    this.sendQuestions(client)
    this.sendPolls(client)
    this.announceAudience()
  }

  private receive(client: Client, data: WebSocket.RawData, isBinary: boolean): void {
    // A connection being closed has had its last word.
    if (client.ws.readyState !== WebSocket.OPEN)
      return
    client.alive = true
    if (client.messages.take() > 0)
      return this.strike(client, 'more than the allowed messages per second')
    if (isBinary)
      return this.strike(client, 'binary message')
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
    const parsed = parseClientMessage(buffer.byteLength <= MAX_MESSAGE_BYTES ? buffer.toString('utf8') : '', buffer.byteLength)
    if (!parsed.ok) {
      // A question the deck should have refused itself (too long, a control character): say why, and count it.
      if (parsed.question)
        this.refuseQuestion(client, parsed.reason)
      if (parsed.poll)
        this.send(client, { t: 'refused', reason: parsed.reason, about: 'polls' })
      if (parsed.remote)
        this.send(client, { t: 'refused', reason: parsed.reason, about: 'remotes' })
      return this.strike(client, parsed.reason)
    }
    const message = parsed.message
    if (message.t === 'ping')
      return this.send(client, { t: 'pong' })
    if (message.t === 'auth')
      return this.authenticate(client, message.secret)
    if (message.t === 'ask' || message.t === 'upvote' || message.t === 'moderate')
      return this.question(client, message)
    if (message.t === 'vote' || message.t === 'poll-open')
      return this.poll(client, message)
    if (message.t === 'pair' || message.t === 'revoke-remotes' || message.t === 'remote' || message.t === 'step')
      return this.remoteMessage(client, message)
    if (!client.presenter) {
      this.send(client, { t: 'refused', reason: 'only the presenter moves the deck' })
      return this.strike(client, 'nav without the secret')
    }
    const { page, clicks } = message
    // The build's count of the slide's clicks, when the server has it: Slidev may report 0 until the slide has counted them.
    const clicksTotal = this.options.clickTotals?.[page - 1] ?? message.clicksTotal
    const beyond = this.beyondDeck(page, clicks)
    if (beyond) {
      // Not a strike: Slidev may report a click past the end for a moment while it moves to a slide's last click.
      return this.log.line('positions beyond the deck', `dropped a position from ${client.address}: ${beyond}`)
    }
    const position = { page, clicks, clicksTotal }
    if (this.state && samePosition(this.state, position))
      return
    this.state = position
    this.startedAt ??= Date.now()
    this.broadcast({ t: 'state', ...this.state }, other => other !== client)
  }

  /**
   * The phone remote: the presenter asks for a pairing token (shown as a QR
   * code) or revokes every paired phone; a phone proves a token and then steps
   * the deck. A step is taken from the position the phone shows, so two
   * remotes pressing "next" on the same slide take the talk one step, not two:
   * the last command wins, and every deck, the presenter's and the phones'
   * included, is sent where the talk now is.
   */
  private remoteMessage(client: Client, message: Extract<ClientMessage, { t: 'pair' | 'revoke-remotes' | 'remote' | 'step' }>): void {
    const keys = this.options.remote
    const refuse = (reason: string) => this.send(client, { t: 'refused', reason, about: 'remotes' })
    if (!keys) {
      refuse('this server pairs no phone remote')
      return this.strike(client, `${message.t} on a server without a remote`)
    }
    if (message.t === 'pair' || message.t === 'revoke-remotes') {
      if (!client.presenter) {
        refuse('only the presenter pairs and revokes phone remotes')
        return this.strike(client, `${message.t} without the secret`)
      }
      if (message.t === 'pair')
        return this.send(client, { t: 'pairing', token: keys.issue('pair').token, expiresIn: PAIRING_TTL_MS })
      return this.revokeRemotes(client, keys)
    }
    if (message.t === 'remote') {
      const checked = keys.check(message.token)
      if ('refused' in checked) {
        // Never the token itself: a log is not a place for credentials.
        this.log.line('refused remote tokens', `refused a phone remote's token from ${client.address}: ${checked.refused}`)
        this.send(client, { t: 'remote', ok: false, reason: checked.refused })
        return checked.refused === 'malformed' || checked.refused === 'wrong' ? this.strike(client, 'a remote token the server did not sign') : undefined
      }
      if (checked.kind === 'pair') {
        // Used once, and that is saved before the phone is told it is paired: a restart does not make the code good again.
        return this.saved(this.options.saveRemote, () => this.pairRemote(client, checked.expiresAt, keys, true), () => {
          checked.undo()
          this.send(client, { t: 'remote', ok: false, reason: 'unsaved' })
        }, 'remote')
      }
      return this.pairRemote(client, checked.expiresAt, keys, false, message.token)
    }
    if (client.remoteUntil === undefined || client.remoteUntil <= Date.now()) {
      if (client.remoteUntil !== undefined)
        return this.dropRemote(client, 'expired')
      refuse('only a paired remote steps the deck')
      return this.strike(client, 'step without a paired remote')
    }
    const totals = this.options.clickTotals
    const target = totals && stepPosition(message, message.direction, totals)
    if (!target)
      return refuse(totals ? `the deck has no slide ${message.page}` : 'this server does not know the deck\'s clicks: build it with npm run build')
    const current = this.state
    if (current && samePosition(current, target))
      return this.send(client, { t: 'state', ...current, by: 'remote' })
    this.state = target
    this.startedAt ??= Date.now()
    this.broadcast({ t: 'state', ...target, by: 'remote' }, () => true)
  }

  /** A phone proved a pairing token (saved as used) or came back with its session: it steps the deck from now on. */
  private pairRemote(client: Client, tokenExpiresAt: number, keys: RemoteKeys, pairing: boolean, sessionToken?: string): void {
    if (client.ws.readyState !== WebSocket.OPEN)
      return
    const session = sessionToken === undefined ? keys.issue('session') : { token: sessionToken, expiresAt: tokenExpiresAt }
    const counted = client.remoteUntil === undefined
    if (counted)
      this.remoteCount++
    this.changeRole(client, () => {
      client.remoteUntil = session.expiresAt
    })
    // The presenter's dialog learns that its code was used (a phone back by its session is no news to it).
    if (counted || pairing)
      this.announceRemotes(pairing)
    if (pairing)
      this.options.log?.(`phone remote paired from ${client.address}`)
    this.send(client, { t: 'remote', ok: true, session: session.token, ...(this.startedAt === undefined ? {} : { elapsed: Date.now() - this.startedAt }) })
    if (this.state)
      this.send(client, { t: 'state', ...this.state })
  }

  /**
   * Refuses every token issued until now, and closes the phones paired with
   * them, at once (refusing is always safe); the revocation is then saved so a
   * restart does not bring them back, and the presenter hears the new count
   * once it is, or that it could not be.
   */
  private revokeRemotes(presenter: Client, keys: RemoteKeys): void {
    keys.revoke()
    this.options.log?.('phone remotes revoked')
    for (const other of this.clients) {
      if (other.remoteUntil !== undefined)
        this.dropRemote(other, 'revoked', false)
    }
    this.saved(this.options.saveRemote, () => this.announceRemotes(), () => this.send(presenter, { t: 'refused', reason: 'The phones are unpaired, but the revocation was not saved: a restart of the server would let them back. Revoke again once saving works.', about: 'remotes' }), 'remote')
  }

  private dropRemote(client: Client, reason: 'revoked' | 'expired', announce = true): void {
    this.send(client, { t: 'remote', ok: false, reason })
    this.changeRole(client, () => {
      client.remoteUntil = undefined
    })
    this.remoteCount--
    if (announce)
      this.announceRemotes()
    client.ws.close(REVOKED, reason)
  }

  /**
   * Saves an event with `save` (none: kept in memory only, and done at once),
   * then `done`; when it cannot be saved, `failed` (which undoes the change and
   * tells the deck). `store` names the store for the presenters' warning.
   */
  private saved(save: (() => Promise<void>) | undefined, done: () => void, failed: () => void, store: string): void {
    if (!save)
      return done()
    save().then(done, (error: unknown) => {
      this.log.line(`unsaved ${store}`, `could not save the ${store}' change: ${(error as Error).message}`)
      failed()
    })
  }

  /** Tells presenters how many phone remotes are paired and connected, and whether a pairing code was just used. */
  private announceRemotes(paired = false): void {
    this.broadcast({ t: 'remotes', count: this.remoteCount, ...(paired ? { paired: true as const } : {}) }, client => client.presenter)
  }

  /** What is wrong with a position for this deck (a slide it does not have, a click past the slide's last), if anything. */
  private beyondDeck(page: number, clicks: number): string | undefined {
    const totals = this.options.clickTotals
    if (!totals)
      return undefined
    const total = totals[page - 1]
    if (total === undefined)
      return `slide ${page} of a deck of ${totals.length}`
    return clicks > total ? `click ${clicks} on slide ${page}, which has ${total}` : undefined
  }

  /**
   * The secret is compared first, in constant time, and the right one is always
   * accepted: limits on wrong guesses can never lock the presenter out. A wrong
   * guess is counted within the limits; beyond them it is answered "limited",
   * costs a strike (a guesser is cut off and must reconnect, which the
   * per-address connection limit slows) and is not logged one by one.
   */
  private authenticate(client: Client, guess: string): void {
    if (client.presenter)
      return this.send(client, { t: 'auth', ok: true })
    if (!secretMatches(this.options.secret, guess)) {
      const wait = this.limiter.fail(client.network)
      if (wait > 0) {
        this.send(client, { t: 'auth', ok: false, reason: 'limited', retryAfter: Math.ceil(wait / 1000) })
        return this.strike(client, 'a secret beyond the limit on wrong secrets')
      }
      this.log.line('wrong secrets', `wrong presenter secret from ${client.address}`)
      return this.send(client, { t: 'auth', ok: false, reason: 'wrong' })
    }
    this.changeRole(client, () => {
      client.presenter = true
    })
    this.presenterCount++
    this.options.log?.(`presenter joined from ${client.address}`)
    this.send(client, { t: 'auth', ok: true })
    this.send(client, { t: 'audience', count: this.audience })
    if (this.options.remote)
      this.send(client, { t: 'remotes', count: this.remoteCount })
    if (this.savingProblems.size > 0)
      this.send(client, this.savingMessage())
    // The presenter's list holds the hidden questions too.
    this.sendQuestions(client)
  }

  /**
   * The question list, as this deck may see it: on connecting, the top
   * `JOIN_LIST_LENGTH` and how many the audience can see; once a deck proves
   * the secret, the whole board with the hidden ones.
   */
  private sendQuestions(client: Client): void {
    const board = this.options.questions
    if (!board)
      return
    // Nothing to send before the first question: a deck starts each connection with an empty list.
    const questions = board.list(client.presenter, client.presenter ? undefined : JOIN_LIST_LENGTH)
    if (questions.length === 0)
      return
    const payload = encode({ t: 'questions', questions, ...(client.presenter ? {} : { total: board.visible }) })
    client.listBytes = payload.byteLength
    this.deliver(client, payload)
  }

  /** Every poll of the deck with its results, on connecting (nothing when the deck has none). */
  private sendPolls(client: Client): void {
    const polls = this.options.polls?.list() ?? []
    if (polls.length > 0)
      this.send(client, { t: 'polls', polls })
  }

  /** A vote from a device, or the presenter closing or reopening a poll; every deck hears the new results. */
  private poll(client: Client, message: Extract<ClientMessage, { t: 'vote' | 'poll-open' }>): void {
    const board = this.options.polls
    const refuse = (reason: string) => this.send(client, { t: 'refused', reason, about: 'polls', poll: message.poll })
    if (!board)
      return refuse('this server takes no votes')
    if (message.t === 'poll-open') {
      if (!client.presenter) {
        refuse('only the presenter closes and reopens polls')
        return this.strike(client, 'poll-open without the secret')
      }
      const result = board.setOpen(message.poll, message.open)
      if ('refused' in result)
        return refuse(result.refused)
      const { event, undo } = result
      if (event && undo) {
        const savePoll = this.options.savePoll
        this.saved(savePoll && (() => savePoll(event)), () => {
          // Closed or reopened: every deck hears it now, with the latest count.
          this.pollResults.add(message.poll, board.result(message.poll)!)
          this.pollResults.flushNow()
        }, () => {
          undo()
          this.unsavedPoll(board, message.poll)
          refuse(NOT_SAVED)
        }, 'polls')
      }
      return
    }
    client.device ??= message.device
    if (client.device !== message.device) {
      refuse('one device id per connection')
      return this.strike(client, 'a second device id on one connection')
    }
    const wait = this.options.pollLimiter?.take(message.device, client.network, isLoopback(client.address)) ?? 0
    if (wait > 0) {
      this.log.line('limited votes', `refused a vote from ${client.address}: over the limit`)
      return refuse(`Too many votes from this device or network: try again in ${Math.ceil(wait / 1000)} s`)
    }
    const result = board.vote(message.device, message.poll, message.option)
    if ('refused' in result)
      return refuse(result.refused)
    const voted = () => this.send(client, { t: 'voted', poll: message.poll, option: message.option })
    const { event, undo } = result
    if (!event || !undo)
      return voted()
    const savePoll = this.options.savePoll
    this.saved(savePoll && (() => savePoll(event)), () => {
      voted()
      this.pollResults.add(message.poll, board.result(message.poll)!)
    }, () => {
      undo()
      this.unsavedPoll(board, message.poll)
      refuse(NOT_SAVED)
    }, 'polls')
  }

  /** A change undone: the counts the decks were last sent may have held it (another vote's results went out meanwhile), so they get the counts again. */
  private unsavedPoll(board: PollBoard, poll: string): void {
    this.pollResults.add(poll, board.result(poll)!)
  }

  private refuseQuestion(client: Client, reason: string, id?: number): void {
    this.send(client, { t: 'refused', reason, about: 'questions', ...(id === undefined ? {} : { id }) })
  }

  /** A question, an upvote, or the presenter's moderation. */
  private question(client: Client, message: Extract<ClientMessage, { t: 'ask' | 'upvote' | 'moderate' }>): void {
    const board = this.options.questions
    if (!board)
      return this.refuseQuestion(client, 'this server takes no questions')
    if (message.t === 'moderate') {
      if (!client.presenter) {
        this.refuseQuestion(client, 'only the presenter moderates questions')
        return this.strike(client, 'moderate without the secret')
      }
      const result = board.moderate(message.id, message.action)
      if ('refused' in result)
        return this.refuseQuestion(client, result.refused, message.id)
      if (result.event && result.undo)
        this.record(client, { event: result.event, undo: result.undo, question: result.question }, () => {}, message.action === 'hidden')
      return
    }
    // One connection asks and upvotes as one device: changing ids takes a new connection, which the connection limits slow.
    client.device ??= message.device
    if (client.device !== message.device) {
      this.refuseQuestion(client, 'one device id per connection')
      return this.strike(client, 'a second device id on one connection')
    }
    const id = message.t === 'upvote' ? message.id : undefined
    const limiter = this.options.questionLimiter
    const limited = limiter ? limiter.take(message.t, message.device, client.network, isLoopback(client.address)) : undefined
    if (limited) {
      this.log.line(`limited ${message.t}s`, `refused ${message.t === 'ask' ? 'a question' : 'an upvote'} from ${client.address}: ${limited.by === 'room' ? 'over the room\'s budget' : 'over the limit'}`)
      const wait = Math.ceil(limited.wait / 1000)
      if (limited.by === 'room')
        return this.refuseQuestion(client, `The room is asking faster than the talk can take: try again in ${wait} s`)
      const what = message.t === 'ask' ? 'questions' : 'upvotes'
      return this.refuseQuestion(client, `Too many ${what} from this device or network: try again in ${wait} s`, id)
    }
    const result = message.t === 'ask' ? board.ask(message.device, message.text) : board.upvote(message.device, message.id)
    if ('refused' in result)
      return this.refuseQuestion(client, result.refused, id)
    this.record(client, result, () => this.send(client, message.t === 'ask' ? { t: 'asked', id: result.question.id } : { t: 'upvoted', id: result.question.id }), false)
  }

  /**
   * Saves a change to the questions; once saved, `done` answers the deck and
   * the decks hear of it through the coalescer (at once when the room is
   * quiet). Not saved, it is undone and the deck told so.
   */
  private record(client: Client, change: Change<QuestionEvent, Question>, done: () => void, justHidden: boolean): void {
    const saveQuestion = this.options.saveQuestion
    const { event, undo, question } = change
    this.saved(saveQuestion && (() => saveQuestion(event)), () => {
      done()
      this.questionChanges.add(question.id, { question, justHidden, whole: event.e !== 'upvoted' })
    }, () => {
      undo()
      // A change to a question the decks know: they may have been sent it with this change (another one went out
      // meanwhile), so they get the question again as it is. A question never saved was never sent.
      if (event.e !== 'asked')
        this.questionChanges.add(question.id, { question, justHidden: false, whole: true })
      // An upvote's or a moderation's refusal names its question; a question not saved has no id to name.
      this.refuseQuestion(client, NOT_SAVED, event.e === 'asked' ? undefined : event.id)
    }, 'questions')
  }

  /**
   * Tells the decks of changed questions: presenters see every question, the
   * audience loses a hidden one. One change goes as `question` (or
   * `question-gone`); several held together as one `question-changes` per deck,
   * where a question that only gained upvotes is its id and count, not its text
   * again (a room upvoting at once would otherwise send every question's text
   * to every deck a few times a second).
   */
  private sendQuestionChanges(changes: QuestionChange[]): void {
    let presenterPayload: Buffer
    let audiencePayload: Buffer | undefined
    if (changes.length === 1) {
      const [{ question, justHidden }] = changes as [QuestionChange]
      const audienceView = viewOf(question, false)
      presenterPayload = encode({ t: 'question', question: viewOf(question, true)! })
      audiencePayload = audienceView ? encode({ t: 'question', question: audienceView }) : justHidden ? encode({ t: 'question-gone', id: question.id }) : undefined
    }
    else {
      const batch = (presenter: boolean): Extract<ServerMessage, { t: 'question-changes' }> => {
        const shown = changes.filter(change => viewOf(change.question, presenter))
        return {
          t: 'question-changes',
          questions: shown.filter(change => change.whole).map(change => viewOf(change.question, presenter)!),
          votes: shown.filter(change => !change.whole).map(change => [change.question.id, change.question.votes] as [number, number]),
          gone: presenter ? [] : changes.filter(change => change.justHidden && !viewOf(change.question, false)).map(change => change.question.id),
        }
      }
      presenterPayload = encode(batch(true))
      const forAudience = batch(false)
      audiencePayload = forAudience.questions.length + forAudience.votes.length + forAudience.gone.length > 0 ? encode(forAudience) : undefined
    }
    for (const client of this.clients) {
      if (client.presenter)
        this.deliver(client, presenterPayload)
      else if (audiencePayload)
        this.deliver(client, audiencePayload)
    }
  }

  private strike(client: Client, reason: string): void {
    const now = Date.now()
    client.strikes = [...client.strikes.filter(time => time > now - this.options.strikeWindowMs), now]
    this.log.line('bad messages', `dropped a message from ${client.address}: ${reason}`)
    if (client.strikes.length >= this.options.maxStrikes && client.ws.readyState === WebSocket.OPEN) {
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
    if (client.ws.readyState !== WebSocket.OPEN)
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
    // Forget the addresses whose limits have refilled.
    void this.limiter.size
    this.connects.prune()
    this.options.questionLimiter?.prune()
    this.options.pollLimiter?.prune()
  }

  /** Closes every connection (decks see "going away" and reconnect to the next server). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat)
    clearTimeout(this.audienceTimer)
    this.pollResults.close()
    this.questionChanges.close()
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
