import type { ServerMessage } from '../../shared/sync-protocol'
import type { Connection } from './channel'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CLOSE_CODES } from '../../shared/sync-protocol'
import { createChannel, defaultBackoff } from './channel'
import { FakeSocket } from './fake-socket'

function setup(backoff = () => 0) {
  FakeSocket.instances = []
  const heard: ServerMessage[] = []
  const connections: Array<[Connection, number | undefined]> = []
  const channel = createChannel({
    url: 'ws://deck/sync',
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    backoff,
    heartbeat: { intervalMs: 20_000, timeoutMs: 10_000 },
    onMessage: message => heard.push(message),
    onConnection: (connection, code) => connections.push([connection, code]),
  })
  return { channel, heard, connections, socket: () => FakeSocket.instances.at(-1)! }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('the sync channel\'s connection', () => {
  it('sends only on an open connection, and passes on only the protocol\'s messages, read', () => {
    const { channel, heard, connections, socket } = setup()
    expect(channel.send({ t: 'ping' })).toBe(false)
    channel.open()
    channel.open()
    expect(FakeSocket.instances).toHaveLength(1)
    expect(channel.send({ t: 'ping' })).toBe(false)
    socket().open()
    expect(channel.connection()).toBe('open')
    expect(channel.send({ t: 'vote', device: 'device-0123456789ab', poll: 'a', option: 1 })).toBe(true)
    expect(socket().sent).toEqual([{ t: 'vote', device: 'device-0123456789ab', poll: 'a', option: 1 }])
    socket().receive({ t: 'mystery' })
    socket().receive({ t: 'state', page: 2, clicks: 0, clicksTotal: 1 })
    expect(heard).toEqual([{ t: 'state', page: 2, clicks: 0, clicksTotal: 1 }])
    expect(connections).toEqual([['connecting', undefined], ['open', undefined]])
  })

  it('comes back after a drop, after the backoff, and says with which code it closed', async () => {
    vi.useFakeTimers()
    const backoff = vi.fn(() => 1000)
    const { channel, connections, socket } = setup(backoff)
    channel.open()
    socket().open()
    socket().drop(CLOSE_CODES.goingAway)
    expect(connections.at(-1)).toEqual(['closed', CLOSE_CODES.goingAway])
    await vi.advanceTimersByTimeAsync(999)
    expect(FakeSocket.instances).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(FakeSocket.instances).toHaveLength(2)
    expect(backoff).toHaveBeenCalledWith(0)
    // Open again: the next drop starts the backoff from the first attempt.
    socket().open()
    socket().drop()
    expect(backoff).toHaveBeenLastCalledWith(0)
  })

  it('a silent connection is closed as silent, and a new one opened', async () => {
    vi.useFakeTimers()
    const { channel, connections, socket } = setup()
    channel.open()
    const first = socket()
    first.open()
    await vi.advanceTimersByTimeAsync(30_000)
    expect(first.closedWith).toBe(CLOSE_CODES.silent)
    expect(connections).toContainEqual(['closed', CLOSE_CODES.silent])
    await vi.advanceTimersByTimeAsync(1)
    expect(FakeSocket.instances).toHaveLength(2)
  })

  it('closed for good, it does not come back', async () => {
    vi.useFakeTimers()
    const { channel, connections, socket } = setup()
    channel.open()
    socket().open()
    channel.close('done')
    expect(socket().closedWith).toBe(CLOSE_CODES.done)
    expect(connections.at(-1)).toEqual(['closed', CLOSE_CODES.done])
    await vi.advanceTimersByTimeAsync(10_000)
    expect(FakeSocket.instances).toHaveLength(1)
    expect(channel.send({ t: 'ping' })).toBe(false)
  })

  it('backs off up to five seconds', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(defaultBackoff)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000])
  })
})
