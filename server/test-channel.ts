/**
 * A sync channel's client for the server's tests: opens a connection, keeps
 * every message it receives, and waits for the next one that matches.
 */
import { WebSocket } from 'ws'

export type Message = Record<string, unknown>

export interface Channel {
  ws: WebSocket
  received: Message[]
  /** Resolves with the close code. */
  closed: Promise<number>
  send: (message: unknown) => void
  next: (match: (message: Message) => boolean) => Promise<Message>
}

/** Opens `url`; the socket is added to `sockets`, for the test to terminate. */
export async function openChannel(url: string, headers: Record<string, string> = {}, sockets: WebSocket[] = []): Promise<Channel> {
  const ws = new WebSocket(url, { headers })
  sockets.push(ws)
  const received: Record<string, unknown>[] = []
  const waiters: { match: (message: Record<string, unknown>) => boolean, resolve: (message: Record<string, unknown>) => void }[] = []
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>
    received.push(message)
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(message))
        waiter.resolve(message)
      else
        waiters.push(waiter)
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const closed = new Promise<number>(resolve => ws.once('close', code => resolve(code)))
  return {
    ws,
    received,
    closed,
    send: (message: unknown) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (match: (message: Record<string, unknown>) => boolean) => new Promise<Record<string, unknown>>((resolve) => {
      const seen = received.find(match)
      if (seen)
        return resolve(seen)
      waiters.push({ match, resolve })
    }),
  }
}

/** A channel that has proved `secret`: the presenter's. */
export async function provedPresenter(channel: Promise<Channel>, secret: string): Promise<Channel> {
  const deck = await channel
  deck.send({ t: 'auth', secret })
  await deck.next(message => message.t === 'auth' && message.ok === true)
  return deck
}
