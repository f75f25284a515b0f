import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Position, ServerMessage } from '../shared/sync-protocol'
/**
 * The sync hub: one WebSocket per open deck. The presenter proves the secret
 * and sends where they are; the hub keeps the latest position and passes it to
 * every other deck, so late joiners and reconnecting decks start where the talk
 * is. Anything that is not a well-formed, small message of a known kind is
 * dropped and logged; a connection that keeps sending such messages is closed.
 */
import { Buffer } from 'node:buffer'
import { WebSocket, WebSocketServer } from 'ws'
import { MAX_MESSAGE_BYTES, parseClientMessage } from '../shared/sync-protocol'
import { FailureLimiter, secretMatches } from './auth'

export interface HubOptions {
  secret: string
  /** The channel's URL path, e.g. `/talk/sync`. */
  path: string
  limiter?: FailureLimiter
  log?: (line: string) => void
  /** Bad messages within `strikeWindowMs` after which the connection is closed. */
  maxStrikes?: number
  strikeWindowMs?: number
  /** Bytes queued for one deck after which it is cut off (it reconnects and catches up). */
  maxBuffered?: number
  /** Messages a deck may send per second, with bursts up to `burst`. */
  ratePerSecond?: number
  burst?: number
  /** How often dead connections are looked for. */
  heartbeatMs?: number
}

interface Client {
  ws: WebSocket
  address: string
  presenter: boolean
  strikes: number[]
  tokens: number
  refilledAt: number
  alive: boolean
}

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
  private readonly limiter: FailureLimiter
  private readonly log: (line: string) => void
  private readonly options: Required<Omit<HubOptions, 'limiter' | 'log'>>
  private readonly heartbeat: NodeJS.Timeout
  private audienceTimer: NodeJS.Timeout | undefined

  constructor(options: HubOptions) {
    this.options = {
      maxStrikes: 5,
      strikeWindowMs: 60_000,
      // A position is under 100 bytes: 64 KiB unread is hundreds of them, a deck that has stopped reading.
      maxBuffered: 64 * 1024,
      ratePerSecond: 20,
      burst: 40,
      heartbeatMs: 30_000,
      ...options,
    }
    this.limiter = options.limiter ?? new FailureLimiter()
    this.log = options.log ?? (() => {})
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
    if (origin !== undefined && !sameHost(origin, request.headers.host)) {
      this.log(`refused a sync connection from origin ${origin}`)
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return true
    }
    this.wss.handleUpgrade(request, socket, head, ws => this.connect(ws, request.socket.remoteAddress ?? 'unknown'))
    return true
  }

  /** Kept as connections come, prove the secret and go, so no count walks every connection. */
  private presenterCount = 0

  get audience(): number {
    return this.clients.size - this.presenterCount
  }

  get presenters(): number {
    return this.presenterCount
  }

  private connect(ws: WebSocket, address: string): void {
    const client: Client = { ws, address, presenter: false, strikes: [], tokens: this.options.burst, refilledAt: Date.now(), alive: true }
    this.clients.add(client)
    ws.on('pong', () => {
      client.alive = true
    })
    ws.on('message', (data, isBinary) => this.receive(client, data, isBinary))
    ws.on('error', error => this.log(`sync connection from ${address}: ${error.message}`))
    ws.on('close', () => {
      this.clients.delete(client)
      if (client.presenter)
        this.presenterCount--
      this.announceAudience()
    })
    if (this.state)
      this.send(client, { t: 'state', ...this.state })
    this.announceAudience()
  }

  private receive(client: Client, data: WebSocket.RawData, isBinary: boolean): void {
    // A connection being closed has had its last word.
    if (client.ws.readyState !== WebSocket.OPEN)
      return
    if (!this.takeToken(client))
      return this.strike(client, 'more than the allowed messages per second')
    if (isBinary)
      return this.strike(client, 'binary message')
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
    const parsed = parseClientMessage(buffer.byteLength <= MAX_MESSAGE_BYTES ? buffer.toString('utf8') : '', buffer.byteLength)
    if (!parsed.ok)
      return this.strike(client, parsed.reason)
    const message = parsed.message
    if (message.t === 'auth')
      return this.authenticate(client, message.secret)
    if (!client.presenter) {
      this.send(client, { t: 'refused', reason: 'only the presenter moves the deck' })
      return this.strike(client, 'nav without the secret')
    }
    const { page, clicks, clicksTotal } = message
    if (this.state && this.state.page === page && this.state.clicks === clicks && this.state.clicksTotal === clicksTotal)
      return
    this.state = { page, clicks, clicksTotal }
    this.broadcast({ t: 'state', ...this.state }, other => other !== client)
  }

  private authenticate(client: Client, guess: string): void {
    if (client.presenter)
      return this.send(client, { t: 'auth', ok: true })
    const wait = this.limiter.blockedFor(client.address)
    if (wait > 0) {
      this.log(`refused a presenter secret from ${client.address}: too many failed attempts`)
      return this.send(client, { t: 'auth', ok: false, reason: 'limited', retryAfter: Math.ceil(wait / 1000) })
    }
    if (!secretMatches(this.options.secret, guess)) {
      this.limiter.fail(client.address)
      this.log(`wrong presenter secret from ${client.address}`)
      return this.send(client, { t: 'auth', ok: false, reason: 'wrong' })
    }
    client.presenter = true
    this.presenterCount++
    this.log(`presenter joined from ${client.address}`)
    this.send(client, { t: 'auth', ok: true })
    this.send(client, { t: 'audience', count: this.audience })
  }

  private takeToken(client: Client): boolean {
    const now = Date.now()
    client.tokens = Math.min(this.options.burst, client.tokens + (now - client.refilledAt) * this.options.ratePerSecond / 1000)
    client.refilledAt = now
    if (client.tokens < 1)
      return false
    client.tokens -= 1
    return true
  }

  private strike(client: Client, reason: string): void {
    const now = Date.now()
    client.strikes = [...client.strikes.filter(time => time > now - this.options.strikeWindowMs), now]
    this.log(`dropped a message from ${client.address}: ${reason}`)
    if (client.strikes.length >= this.options.maxStrikes && client.ws.readyState === WebSocket.OPEN) {
      this.log(`closed the connection from ${client.address} after ${client.strikes.length} bad messages`)
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
    if (client.ws.bufferedAmount > this.options.maxBuffered) {
      this.log(`cut off ${client.address}: ${client.ws.bufferedAmount} bytes unread`)
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

  private sweep(): void {
    for (const client of this.clients) {
      if (!client.alive) {
        client.ws.terminate()
        continue
      }
      client.alive = false
      client.ws.ping()
    }
    // Reading the size drops the addresses whose failed attempts have all expired.
    void this.limiter.size
  }

  /** Closes every connection (decks see "going away" and reconnect to the next server). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat)
    clearTimeout(this.audienceTimer)
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
  }
}

/** The one place a message to a deck becomes bytes, so only a `ServerMessage` goes on the wire. */
function encode(message: ServerMessage): Buffer {
  return Buffer.from(JSON.stringify(message))
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host
  }
  catch {
    return false
  }
}
