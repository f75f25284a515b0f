/**
 * The phone remote's side of the sync channel. It proves a token: the pairing
 * token the page was opened with (from the presenter view's QR code), else the
 * session it was given last time, which it keeps in the phone's storage so it
 * comes back by itself after the screen locks, the network drops or the server
 * restarts. Once paired it hears where the talk is, like every deck, and
 * steps it: each step says the position the phone shows, so the server takes
 * the step from there (two remotes on the same slide pressing next move the
 * talk one slide, and the last command wins).
 *
 * A refused token (revoked from the presenter view, expired, already used) is
 * forgotten and the phone stops trying: it must scan a new code.
 *
 * A paired phone also hears the presenter's timer and the last rehearsal,
 * for the pace line (setup/rehearse/pace-line.ts).
 */
import type { TalkClock } from '../../shared/pace'
import type { Rehearsal } from '../../shared/rehearsal'
import type { Position, RemoteRefusal, ServerMessage } from '../../shared/sync-protocol'
import type { Connection } from '../sync/channel'
import type { HeartbeatOptions } from '../sync/heartbeat'
import { CLOSE_CODES } from '../../shared/sync-protocol'
import { createChannel } from '../sync/channel'

export type Pairing = 'none' | 'checking' | 'paired' | 'refused'

export interface RemoteView {
  connection: Connection
  pairing: Pairing
  /** Why the token was refused. */
  reason?: RemoteRefusal
  /** Where the talk is, as last heard. */
  position?: Position
  /** When the talk started, on this phone's clock (ms); undefined before the first slide moved. */
  startedAt?: number
  /** The presenter's timer, read on this phone's clock; undefined until the presenter view sent it. */
  clock?: TalkClock
  /** The last rehearsal saved on the server, the pace's plan. */
  rehearsal?: Rehearsal
}

export interface RemoteClientOptions {
  url: string
  /** The pairing token from the page's address, if it was opened from a QR code. */
  pairToken?: string
  /** Where the session is kept (localStorage on the phone). */
  sessionStore: { get: () => string | null, set: (session: string | null) => void }
  onChange: (view: RemoteView) => void
  WebSocket?: typeof WebSocket
  backoff?: (attempt: number) => number
  heartbeat?: Pick<HeartbeatOptions, 'intervalMs' | 'timeoutMs'>
  now?: () => number
}

export interface RemoteClient {
  /** Steps the talk on (1) or back (-1) from where this phone shows it; false when it cannot now. */
  step: (direction: 1 | -1) => boolean
  view: () => RemoteView
  close: () => void
}

export function createRemoteClient(options: RemoteClientOptions): RemoteClient {
  const now = options.now ?? Date.now
  let pairToken = options.pairToken
  let view: RemoteView = { connection: 'connecting', pairing: 'none' }
  // The token sent on this connection, to know which one an answer is about.
  let trying: 'pair' | 'session' | undefined

  function set(patch: Partial<RemoteView>): void {
    view = { ...view, ...patch }
    options.onChange(view)
  }

  const channel = createChannel({
    url: options.url,
    WebSocket: options.WebSocket,
    backoff: options.backoff,
    heartbeat: options.heartbeat,
    onMessage: receive,
    onConnection(connection, code) {
      if (connection === 'open') {
        set({ connection })
        return prove()
      }
      set({ connection, ...(connection === 'closed' && view.pairing === 'paired' ? { pairing: 'checking' as const } : {}) })
      // A revoked phone does not come back with its session: it must scan a new code.
      if (code === CLOSE_CODES.revoked)
        channel.close()
    },
  })

  /** Proves the pairing token if there is one, else the kept session; with neither there is nothing to do. */
  function prove(): void {
    const session = options.sessionStore.get()
    const token = pairToken ?? session
    if (!token) {
      trying = undefined
      set({ pairing: view.pairing === 'refused' ? 'refused' : 'none' })
      channel.close('remote not paired')
      return
    }
    trying = pairToken ? 'pair' : 'session'
    set({ pairing: 'checking' })
    channel.send({ t: 'remote', token })
  }

  function receive(message: ServerMessage): void {
    if (message.t === 'remote') {
      if (message.ok) {
        pairToken = undefined
        options.sessionStore.set(message.session)
        set({ pairing: 'paired', reason: undefined, ...(message.elapsed === undefined ? {} : { startedAt: now() - message.elapsed }) })
        return
      }
      if (trying === 'pair') {
        // The code was refused; a session from an earlier pairing may still hold (unless everything was revoked).
        pairToken = undefined
        if (message.reason !== 'revoked' && options.sessionStore.get()) {
          set({ reason: message.reason })
          return prove()
        }
      }
      options.sessionStore.set(null)
      set({ pairing: 'refused', reason: message.reason })
      channel.close('remote not paired')
      return
    }
    if (message.t === 'clock')
      return set({ clock: { running: message.running, elapsed: message.elapsed, at: now() } })
    if (message.t === 'rehearsal')
      return set({ rehearsal: message.rehearsal })
    if (message.t === 'state' && view.pairing === 'paired')
      set({ position: { page: message.page, clicks: message.clicks, clicksTotal: message.clicksTotal }, startedAt: view.startedAt ?? now() })
  }

  channel.open()

  return {
    step(direction) {
      if (view.pairing !== 'paired')
        return false
      const { page, clicks } = view.position ?? { page: 1, clicks: 0 }
      return channel.send({ t: 'step', direction, page, clicks })
    },
    view: () => view,
    close: () => channel.close('remote closed'),
  }
}
