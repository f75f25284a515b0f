/**
 * What the sync hub's features (the presenter's position, the questions, the
 * polls, the phone remote, the pace) see of the hub (./hub.ts), and what the hub asks
 * of them. The hub is the transport: sockets, budgets, the secret, fan-out.
 * Each feature owns its messages and rules, reaches decks only through its
 * `Room`, and keeps the talk's state through a backend (./backend.ts: this
 * process, or one shared by several instances of the talk), so it can be read,
 * and tested, on its own.
 */
import type { ClientMessage, ServerMessage } from '../shared/sync-protocol'

/** What a deck is told when what it sent could not be saved. */
export const NOT_SAVED = 'Not saved: the server cannot write to its disk. Try again in a moment.'

/** A deck's connection, as a feature sees it. */
export interface Peer {
  /** The address, as the log shows it. */
  readonly address: string
  /** The network its budgets are kept for (./limits.ts `networkOf`). */
  readonly network: string
  /** This machine: no per-network budget applies. */
  readonly loopback: boolean
  /** It proved the presenter's secret. */
  readonly presenter: boolean
  /** The device id this connection asks, upvotes and votes as: the first it sent (one connection, one device). */
  device?: string
  /** A paired phone remote: until when its session holds. */
  readonly remoteUntil?: number
  /** The connection is open (a save may finish after the deck has gone). */
  readonly open: boolean
}

/** What the hub offers a feature. */
export interface Room {
  /** What a deck is told when what it sent could not be kept (NOT_SAVED, or the shared store's words). */
  readonly notSaved: string
  send: (peer: Peer, message: ServerMessage) => void
  /** Sends a large list (the questions): allowed on top of the deck's unread budget while it goes out. */
  sendList: (peer: Peer, message: ServerMessage) => void
  /** One message to every deck `to` picks, encoded once. */
  broadcast: (message: ServerMessage, to: (peer: Peer) => boolean) => void
  /** Counts a bad message against the deck (five a minute close it). */
  strike: (peer: Peer, reason: string) => void
  /** A log line of its kind, throttled: the first, then how many more per window. */
  logLine: (kind: string, text: string) => void
  /** A log line for something that happens seldom (a presenter joins, a phone pairs). */
  log: (text: string) => void
  /** Pairs a deck as a phone remote until `until`, or unpairs it (undefined): a phone is not part of the audience. */
  setRemote: (peer: Peer, until: number | undefined) => void
  /** Closes a deck's connection with `code`. */
  close: (peer: Peer, code: number, reason: string) => void
  peers: () => Iterable<Peer>
}

/** A part of the hub that answers some of the decks' messages. */
export interface Feature<T extends ClientMessage['t'] = ClientMessage['t']> {
  /** The message kinds it answers. */
  readonly handles: readonly T[]
  receive: (peer: Peer, message: Extract<ClientMessage, { t: T }>) => void
  /** A deck connected: what it is sent first. */
  joined?: (peer: Peer) => void
  /** A deck proved the secret: what a presenter is sent besides. */
  promoted?: (peer: Peer) => void
  /** A phone remote paired (or came back with its session): what a phone is sent besides. */
  paired?: (peer: Peer) => void
  /** A deck's connection closed. */
  left?: (peer: Peer) => void
  /** Every heartbeat: forget what has refilled. */
  sweep?: () => void
  /** The hub stops: send what is held. */
  close?: () => void
}

/** A feature of any kind, as the hub holds them: it hands each one only the kinds it `handles`. */
export type AnyFeature = Omit<Feature, 'receive'> & { receive: (peer: Peer, message: never) => void }
