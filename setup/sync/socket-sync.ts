/**
 * The deck's side of the hosted sync channel (`npm run serve`), plugged into
 * Slidev through `addSyncMethod`. Every deck follows the position the server
 * passes on; a deck on the presenter view proves the secret and, once the
 * server accepts it, sends the presenter's position. The connection comes back
 * by itself after a network drop or a server restart, and a presenter who
 * reconnects sends where they are, so every deck catches up. A drop that
 * closes nothing (traffic silently lost on the way) is found by a heartbeat
 * (./heartbeat.ts): a deck that hears nothing back reconnects.
 *
 * The presenter's deck also sends Slidev's timer (`clock`) whenever it
 * starts, pauses or is reset: the phone remote's pace counts from it.
 *
 * An audience member may step away from the live slide to look back: the
 * deck then browses (./follow.ts) until they go back to live (`backToLive`)
 * or step onto the live position themselves.
 */
import type { Moderation, Position, Refusal, ServerMessage } from '../../shared/sync-protocol'
import type { SlidevTimer } from '../rehearse/timer'
import type { Connection } from './channel'
import type { FollowView, Place } from './follow'
import type { HeartbeatOptions } from './heartbeat'
import { MAX_CLOCK_MS, samePosition } from '../../shared/sync-protocol'
import { timerClock, timerStarted } from '../rehearse/timer'
import { createChannel } from './channel'
import { createFollow } from './follow'

/** Slidev's sync interface (`@slidev/client/state/syncState.ts`). */
export interface SyncMethod {
  enabled?: boolean
  init: <State extends object>(channelKey: string, onUpdate: (data: Partial<State>) => void, state: State, persist?: boolean) => ((state: State, updating?: boolean) => void) | undefined
}

export type { Connection, Place }
export { isAt } from './follow'
export type Role = 'audience' | 'presenter' | 'asking' | 'wrong' | 'limited'

export interface SyncStatus extends FollowView {
  connection: Connection
  role: Role
  /** Decks following the presenter (told to the presenter only). */
  audience?: number
  /** Seconds to wait after too many wrong secrets. */
  retryAfter?: number
  /** Why the server cannot save what the room sends, told to the presenter while it lasts. */
  notSaving?: string
  /** Why the talk's shared store (several servers on Redis) cannot be reached: followers elsewhere wait. */
  degraded?: string
}

/** What `createSocketSync` needs from the page; tests pass stand-ins. */
export interface SocketSyncOptions {
  url: string
  /** Whether this deck shows the presenter view, and so should prove the secret. */
  isPresenterView: () => boolean
  /** Where the deck is now (its route), or undefined off the slides (overview, notes). */
  currentPlace?: () => Place | undefined
  /** Where the secret is kept for this tab (sessionStorage in the deck). */
  secretStore: { get: () => string | null, set: (secret: string | null) => void }
  /** Asks the presenter for the secret; null when they cancel. */
  askSecret: (retry: boolean) => string | null
  onStatus?: (status: SyncStatus) => void
  WebSocket?: typeof WebSocket
  /** Delay before reconnect attempt `n` (from 0). */
  backoff?: (attempt: number) => number
  /** How often to ping, and how long to wait for an answer before reconnecting (DEFAULT_HEARTBEAT). */
  heartbeat?: Pick<HeartbeatOptions, 'intervalMs' | 'timeoutMs'>
  /**
   * Resolves when the deck can take a position: after its first navigation has
   * settled (Slidev drops updates that arrive while it records its own).
   */
  ready?: Promise<unknown>
  /** This device's id for questions and upvotes (random, kept in localStorage; best effort, not identity). */
  deviceId?: () => string
  /** The question messages from the server (the list, a change, a refusal about questions). */
  onQuestions?: (message: QuestionMessage) => void
  /** The poll messages from the server (the deck's polls, a poll's new results, this device's vote, a refusal). */
  onPolls?: (message: PollMessage) => void
  /** The phone remote's messages to the presenter: a pairing token to show, how many phones are paired. */
  onRemotes?: (message: RemotesMessage) => void
}

/** What the server tells the presenter about the phone remote (./RemotePanel.vue). */
export type RemotesMessage = Extract<ServerMessage, { t: 'pairing' | 'remotes' }> | Extract<Refusal, { about: 'remotes' }>

/** What the server says about polls, passed on to the hosted store (./store.ts). */
export type PollMessage = Extract<ServerMessage, { t: 'polls' | 'poll' | 'voted' }> | Extract<Refusal, { about: 'polls' }>

/** What the server says about questions, passed on to the hosted store (./store.ts). */
export type QuestionMessage = Extract<ServerMessage, { t: 'questions' | 'question' | 'question-gone' | 'question-changes' | 'asked' | 'upvoted' }> | Extract<Refusal, { about: 'questions' }>

/** The shared state channel Slidev opens as `${title} - shared`; drawings and others are not synced. */
export function isSharedChannel(channelKey: string, persist: boolean): boolean {
  return !persist && channelKey.endsWith(' - shared')
}

export interface SocketSync extends SyncMethod {
  /**
   * Call when the route changes: a deck that opens the presenter view proves
   * the secret then; an audience deck that moved on its own starts browsing,
   * and one that arrives at the live position follows again.
   */
  routeChanged: () => void
  /** Takes a browsing audience deck to the presenter's position, and follows again. */
  backToLive: () => void
  status: () => SyncStatus
  /** Sends a question, an upvote, or (the presenter) a moderation; false when the channel is not open. */
  ask: (text: string) => boolean
  upvote: (id: number) => boolean
  moderate: (id: number, action: Moderation) => boolean
  /** Sends this device's vote in a poll, or (the presenter) closes or reopens one; false when the channel is not open. */
  vote: (poll: string, option: number) => boolean
  setPollOpen: (poll: string, open: boolean) => boolean
  /** The presenter asks for a token that pairs a phone remote, or revokes every paired one; false when the channel is not open. */
  pairRemote: () => boolean
  revokeRemotes: () => boolean
  close: () => void
}

/**
 * The position to send for Slidev's shared state. Going back a slide, Slidev
 * opens it at clicks 999999 (its CLICKS_MAX, "after the last click") until
 * the slide has counted its clicks: that is the slide's end, which the server
 * accepts as clicks = clicksTotal, and refuses as a number past it.
 */
export function positionOf(state: object): Position | undefined {
  const { page, clicks, clicksTotal } = state as Partial<Position>
  if (typeof page !== 'number' || typeof clicks !== 'number' || typeof clicksTotal !== 'number')
    return undefined
  const total = Math.trunc(clicksTotal)
  return { page: Math.trunc(page), clicks: Math.min(Math.trunc(clicks), total), clicksTotal: total }
}

/** Every kind of server message has a case: a new kind fails the typecheck here until the deck handles it. */
function unhandled(message: never): void {
  void message
}

export function createSocketSync(options: SocketSyncOptions): SocketSync {
  let onUpdate: ((data: Record<string, unknown>) => void) | undefined
  let sharedState: object | undefined
  // The position last sent, so a position Slidev reports again is not sent twice.
  let lastSent: Position | undefined
  // The timer last sent (its status and times), likewise.
  let lastTimer: string | undefined
  // Cancelled the secret prompt: not asked again until the presenter view is left and opened again.
  let declined = false
  // A secret is on its way: the server's answer comes before another is sent.
  let authPending = false
  const follow = createFollow()
  // The status but what following says (./follow.ts).
  let state: Omit<SyncStatus, keyof FollowView> = { connection: 'connecting', role: 'audience' }
  const status = (): SyncStatus => ({ ...state, ...follow.view() })

  function setStatus(patch: Partial<typeof state> = {}): void {
    state = { ...state, ...patch }
    options.onStatus?.(status())
  }

  const channel = createChannel({
    url: options.url,
    WebSocket: options.WebSocket,
    backoff: options.backoff,
    heartbeat: options.heartbeat,
    onMessage: receive,
    onConnection(connection) {
      if (connection === 'connecting')
        return setStatus({ connection })
      authPending = false
      follow.reconnected()
      if (connection === 'closed')
        return setStatus({ connection })
      // The server sends its question list next (when it has any): start from none, so nothing stale stays.
      options.onQuestions?.({ t: 'questions', questions: [] })
      setStatus({ connection, role: state.role === 'presenter' || state.role === 'limited' ? 'audience' : state.role })
      authenticate()
    },
  })
  const send = channel.send

  /** Whether this deck follows the presenter: not the presenter view, nor a deck that proved the secret. */
  function isAudience(): boolean {
    return !options.isPresenterView() && state.role !== 'presenter'
  }

  /**
   * Moves the deck to `position` through Slidev's shared state: as the
   * presenter's move for an audience deck; for the presenter's own deck (the
   * phone remote moved the talk) as a viewer's, the only kind Slidev's
   * presenter view follows.
   */
  function apply(position: Position, from: 'presenter' | 'viewer' = 'presenter'): void {
    follow.drive(position)
    onUpdate?.({ ...position, lastUpdate: { id: 'deck-sync', type: from, time: Date.now() } })
  }

  /**
   * Whether Slidev's shared state was last written as this deck's own kind of update (Slidev's `lastUpdate.type`:
   * 'presenter' on the presenter view, 'viewer' elsewhere): Slidev moves a deck only for the other kind, so such a
   * state is where the deck itself is (or another window of its kind), never a position a channel brings it.
   */
  function isOwnUpdate(shared: object): boolean {
    const type = (shared as { lastUpdate?: { type?: unknown } }).lastUpdate?.type
    return type === (options.isPresenterView() ? 'presenter' : 'viewer')
  }

  /** The route changed: the reader's own move, a channel's, or back onto the live position. */
  function moved(): void {
    const place = options.currentPlace?.()
    if (!place || !isAudience())
      return
    follow.moved(place)
    setStatus()
  }

  function sendPosition(shared: object): void {
    const position = positionOf(shared)
    if (!position || state.role !== 'presenter')
      return
    if (lastSent && samePosition(lastSent, position))
      return
    lastSent = position
    send({ t: 'nav', ...position })
  }

  /**
   * Sends the presenter's timer when it changed (started, paused, reset);
   * `first`, after the secret is proved: only a timer that has been started,
   * as the server holds none before.
   */
  function sendClock(shared: object, first = false): void {
    if (state.role !== 'presenter')
      return
    const timer = (shared as { timer?: SlidevTimer }).timer
    const key = `${timer?.status}:${timer?.startedAt}:${timer?.pausedAt}`
    if (key === lastTimer)
      return
    lastTimer = key
    const clock = timerClock(timer, Date.now())
    if (!first || timerStarted(clock))
      send({ t: 'clock', running: clock.running, elapsed: Math.min(MAX_CLOCK_MS, Math.round(clock.elapsed)) })
  }

  function authenticate(retry = false): void {
    if (authPending || !options.isPresenterView() || state.role === 'presenter' || state.role === 'limited' || channel.connection() !== 'open')
      return
    let secret = retry ? null : options.secretStore.get()
    if (!secret) {
      if (declined)
        return
      setStatus({ role: 'asking' })
      secret = options.askSecret(retry)
      if (!secret) {
        declined = true
        setStatus({ role: retry ? 'wrong' : 'audience' })
        return
      }
    }
    options.secretStore.set(secret)
    authPending = true
    send({ t: 'auth', secret })
  }

  function receive(message: ServerMessage): void {
    switch (message.t) {
      case 'state': {
        // The presenter view leads, even before the server has accepted its secret; everyone else follows.
        // It follows the phone remote too, once the server has accepted its secret: the remote moved the talk.
        if (!isAudience()) {
          if (message.by === 'remote' && state.role === 'presenter') {
            const position: Position = { page: message.page, clicks: message.clicks, clicksTotal: message.clicksTotal }
            // The server has it already: Slidev's report of the move is not sent back.
            lastSent = position
            apply(position, 'viewer')
          }
          break
        }
        const live: Position = { page: message.page, clicks: message.clicks, clicksTotal: message.clicksTotal }
        // A browsing deck stays where its reader is, and only notes where the talk has gone.
        const go = follow.heard(live, options.currentPlace?.())
        setStatus()
        if (go)
          apply(live)
        break
      }
      case 'auth':
        authPending = false
        if (message.ok) {
          setStatus({ role: 'presenter', retryAfter: undefined })
          lastSent = undefined
          lastTimer = undefined
          if (sharedState) {
            sendPosition(sharedState)
            sendClock(sharedState, true)
          }
        }
        else if (message.reason === 'limited') {
          options.secretStore.set(null)
          setStatus({ role: 'limited', retryAfter: message.retryAfter })
        }
        else {
          options.secretStore.set(null)
          setStatus({ role: 'wrong' })
          authenticate(true)
        }
        break
      case 'audience':
        setStatus({ audience: message.count })
        break
      case 'pong':
        break
      case 'questions':
      case 'question':
      case 'question-gone':
      case 'question-changes':
      case 'asked':
      case 'upvoted':
        options.onQuestions?.(message)
        break
      case 'saving':
        setStatus({ notSaving: message.ok ? undefined : message.problem })
        break
      case 'shared':
        setStatus({ degraded: message.ok ? undefined : message.problem })
        break
      case 'polls':
      case 'poll':
      case 'voted':
        options.onPolls?.(message)
        break
      case 'pairing':
      case 'remotes':
        options.onRemotes?.(message)
        break
      // The phone remote's alone (setup/remote/).
      case 'remote':
      case 'clock':
      case 'rehearsal':
        break
      case 'refused':
        switch (message.about) {
          case 'polls':
            options.onPolls?.(message)
            break
          case 'questions':
            options.onQuestions?.(message)
            break
          case 'remotes':
            options.onRemotes?.(message)
            break
          case 'position':
            // The server moves the audience only for a deck that proved the secret on this connection. A refused
            // position means this deck has not: it stops claiming to lead (the badge says this view does not move
            // the audience) and sends no positions until the next route change proves the stored secret again.
            if (message.code === 'not-presenter' && state.role === 'presenter') {
              lastSent = undefined
              setStatus({ role: 'audience' })
            }
            break
        }
        break
      default:
        unhandled(message)
    }
  }

  return {
    enabled: true,
    init(channelKey, update, shared, persist = false) {
      if (!isSharedChannel(channelKey, persist))
        return undefined
      onUpdate = update as (data: Record<string, unknown>) => void
      sharedState = shared
      void (options.ready ?? Promise.resolve()).then(channel.open)
      return (next, updating = false) => {
        if (!updating) {
          sendPosition(next)
          return sendClock(next)
        }
        // Slidev took a position from a channel (this one, or its own between windows of one browser): the route follows.
        // Slidev says "updating" until the channel's update is a task old, and a deck on localhost writes where its
        // route arrived into the shared state meanwhile, as its own kind of update (a viewer's), which Slidev never
        // moves this deck for: that is not a channel's position. Taken as one, it excused the reader's next move
        // (arriving at a slide, before the slide counts its clicks, the deck writes clicksTotal 0, which any click
        // on that slide matches), so a click back by hand kept "following".
        const position = positionOf(next)
        if (position && !isOwnUpdate(next))
          follow.drive(position)
      }
    },
    routeChanged() {
      if (options.isPresenterView()) {
        if (follow.browsing) {
          follow.stopBrowsing()
          setStatus()
        }
        authenticate()
      }
      else {
        declined = false
        moved()
      }
    },
    backToLive() {
      if (!isAudience())
        return
      const live = follow.backToLive()
      if (!live)
        return
      setStatus()
      apply(live)
    },
    status,
    ask: text => options.deviceId ? send({ t: 'ask', device: options.deviceId(), text }) : false,
    upvote: id => options.deviceId ? send({ t: 'upvote', device: options.deviceId(), id }) : false,
    moderate: (id, action) => send({ t: 'moderate', id, action }),
    vote: (poll, option) => options.deviceId ? send({ t: 'vote', device: options.deviceId(), poll, option }) : false,
    setPollOpen: (poll, open) => send({ t: 'poll-open', poll, open }),
    pairRemote: () => state.role === 'presenter' && send({ t: 'pair' }),
    revokeRemotes: () => state.role === 'presenter' && send({ t: 'revoke-remotes' }),
    close: () => channel.close('deck closed'),
  }
}
