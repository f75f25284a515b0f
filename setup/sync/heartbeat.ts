/**
 * The deck's side of the heartbeat: a browser cannot see the server's
 * WebSocket pings, so the deck sends its own `ping` every `intervalMs` and
 * expects to hear something (the server's `pong`, or any message) within
 * `timeoutMs` of it. A network path that drops traffic without closing the
 * connection is noticed that way, and the deck reconnects instead of showing
 * the last slide it heard of.
 */

export interface HeartbeatOptions {
  intervalMs: number
  timeoutMs: number
  ping: () => void
  /** Nothing was heard within `timeoutMs` of a ping: the connection is gone. */
  onSilence: () => void
}

export interface Heartbeat {
  /** Call for every message from the server. */
  heard: () => void
  stop: () => void
}

/** Pings 20 s apart, silence after 10 s: a dead path is noticed within 30 s, at one small message per 20 s. */
export const DEFAULT_HEARTBEAT = { intervalMs: 20_000, timeoutMs: 10_000 }

export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  let deadline: ReturnType<typeof setTimeout> | undefined
  const interval = setInterval(() => {
    options.ping()
    deadline ??= setTimeout(() => {
      stop()
      options.onSilence()
    }, options.timeoutMs)
  }, options.intervalMs)

  function stop(): void {
    clearInterval(interval)
    clearTimeout(deadline)
    deadline = undefined
  }

  return {
    heard() {
      clearTimeout(deadline)
      deadline = undefined
    },
    stop,
  }
}
