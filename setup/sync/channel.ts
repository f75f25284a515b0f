/**
 * The sync channel's connection, for the deck (./socket-sync.ts) and the phone
 * remote (../remote/remote-client.ts) alike: one WebSocket at a time, typed
 * messages both ways (shared/sync-protocol.ts), a reconnection after a backoff
 * when it drops, and a heartbeat (./heartbeat.ts) that takes a silent path
 * (traffic lost without a close) as a drop. What the messages mean is the
 * caller's; a message that is not the protocol's is not passed on.
 */
import type { ClientMessage, ServerMessage } from '../../shared/sync-protocol'
import type { Heartbeat, HeartbeatOptions } from './heartbeat'
import { CLOSE_CODES, parseServerMessage, reconnectDelay } from '../../shared/sync-protocol'
import { DEFAULT_HEARTBEAT, startHeartbeat } from './heartbeat'

export type Connection = 'connecting' | 'open' | 'closed'

export interface ChannelOptions {
  url: string
  /** Each message the server sends, read. */
  onMessage: (message: ServerMessage) => void
  /**
   * The connection is connecting, open (each time: send what a new connection
   * needs) or closed (`code`: the close's, or `CLOSE_CODES.silent` for a silent
   * path). After a close it comes back by itself, unless `close` was called.
   */
  onConnection: (connection: Connection, code?: number) => void
  WebSocket?: typeof WebSocket
  /** Delay before reconnect attempt `n` (from 0). */
  backoff?: (attempt: number) => number
  /** How often to ping, and how long to wait for an answer before reconnecting (DEFAULT_HEARTBEAT). */
  heartbeat?: Pick<HeartbeatOptions, 'intervalMs' | 'timeoutMs'>
}

export interface Channel {
  /** Connects; a second call does nothing. */
  open: () => void
  /** Sends on the open connection; false when there is none. */
  send: (message: ClientMessage) => boolean
  connection: () => Connection
  /** Closes for good: no reconnection. */
  close: (reason?: string) => void
}

/** 250 ms, doubling, at most 5 s apart: a restarted server has every deck back within seconds, not all at once. */
export const defaultBackoff = reconnectDelay

export function createChannel(options: ChannelOptions): Channel {
  const Socket = options.WebSocket ?? globalThis.WebSocket
  const backoff = options.backoff ?? defaultBackoff
  let socket: WebSocket | undefined
  let heartbeat: Heartbeat | undefined
  let attempts = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let started = false
  let stopped = false
  let connection: Connection = 'closed'

  function set(next: Connection, code?: number): void {
    connection = next
    options.onConnection(next, code)
  }

  function send(message: ClientMessage): boolean {
    if (!socket || socket.readyState !== Socket.OPEN)
      return false
    socket.send(JSON.stringify(message))
    return true
  }

  /** The connection `ws` is gone (closed, or silent): forget it and come back after the backoff. */
  function lost(ws: WebSocket, code: number | undefined): void {
    if (socket !== ws)
      return
    socket = undefined
    heartbeat?.stop()
    heartbeat = undefined
    set('closed', code)
    if (!stopped)
      retryTimer = setTimeout(connect, backoff(attempts++))
  }

  function connect(): void {
    if (stopped)
      return
    const ws = new Socket(options.url)
    socket = ws
    set('connecting')
    ws.addEventListener('open', () => {
      if (socket !== ws)
        return
      attempts = 0
      heartbeat = startHeartbeat({
        ...(options.heartbeat ?? DEFAULT_HEARTBEAT),
        ping: () => send({ t: 'ping' }),
        // A silent path may never deliver the close either: reconnect now, not when the browser gives up.
        onSilence: () => {
          lost(ws, CLOSE_CODES.silent)
          ws.close(CLOSE_CODES.silent, 'no heartbeat')
        },
      })
      set('open')
    })
    ws.addEventListener('message', (event: MessageEvent) => {
      if (socket !== ws)
        return
      heartbeat?.heard()
      const message = typeof event.data === 'string' ? parseServerMessage(event.data) : undefined
      if (message)
        options.onMessage(message)
    })
    ws.addEventListener('close', (event: CloseEvent) => lost(ws, event.code))
  }

  return {
    open() {
      if (started)
        return
      started = true
      connect()
    },
    send,
    connection: () => connection,
    close(reason = 'closed') {
      stopped = true
      clearTimeout(retryTimer)
      const ws = socket
      if (!ws)
        return
      lost(ws, CLOSE_CODES.done)
      ws.close(CLOSE_CODES.done, reason)
    },
  }
}
