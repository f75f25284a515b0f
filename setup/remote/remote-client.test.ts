import type { RemoteClientOptions, RemoteView } from './remote-client'
import { describe, expect, it } from 'vitest'
import { FakeSocket } from '../sync/fake-socket'
import { createRemoteClient } from './remote-client'

function setup(options: { pairToken?: string, session?: string | null } = {}) {
  FakeSocket.instances = []
  let session = options.session ?? null
  const views: RemoteView[] = []
  const client = createRemoteClient({
    url: 'ws://deck/sync',
    pairToken: options.pairToken,
    sessionStore: { get: () => session, set: (value) => { session = value } },
    onChange: view => views.push(view),
    WebSocket: FakeSocket as unknown as RemoteClientOptions['WebSocket'],
    backoff: () => 0,
    now: () => 100_000,
  })
  const socket = () => FakeSocket.instances.at(-1)!
  return { client, views, socket, session: () => session }
}

describe('the phone remote\'s client', () => {
  it('proves the pairing token, keeps the session, follows the talk and steps from where it shows it', () => {
    const { client, socket, session } = setup({ pairToken: 'p.pairing' })
    socket().open()
    expect(socket().sent).toEqual([{ t: 'remote', token: 'p.pairing' }])
    expect(client.step(1)).toBe(false)
    socket().receive({ t: 'remote', ok: true, session: 's.session', elapsed: 60_000 })
    expect(session()).toBe('s.session')
    expect(client.view()).toMatchObject({ pairing: 'paired', startedAt: 40_000 })
    socket().receive({ t: 'state', page: 4, clicks: 2, clicksTotal: 3 })
    expect(client.step(1)).toBe(true)
    expect(client.step(-1)).toBe(true)
    expect(socket().sent.slice(1)).toEqual([{ t: 'step', direction: 1, page: 4, clicks: 2 }, { t: 'step', direction: -1, page: 4, clicks: 2 }])
  })

  it('comes back by its session after a dropped connection, not with the spent pairing token', () => {
    const { client, socket } = setup({ pairToken: 'p.pairing' })
    socket().open()
    socket().receive({ t: 'remote', ok: true, session: 's.session' })
    socket().drop()
    expect(client.view().pairing).toBe('checking')
    // The backoff is 0: the next connection is made on the next turn of the event loop.
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        socket().open()
        expect(socket().sent).toEqual([{ t: 'remote', token: 's.session' }])
        resolve()
      }, 0)
    })
  })

  it('when revoked: forgets the session, says so, and stops trying', async () => {
    const { client, socket, session } = setup({ session: 's.session' })
    socket().open()
    socket().receive({ t: 'remote', ok: true, session: 's.session' })
    socket().receive({ t: 'remote', ok: false, reason: 'revoked' })
    socket().drop(4001)
    await new Promise(resolve => setTimeout(resolve, 0))
    expect(FakeSocket.instances).toHaveLength(1)
    expect(session()).toBeNull()
    expect(client.view()).toMatchObject({ pairing: 'refused', reason: 'revoked' })
    expect(client.step(1)).toBe(false)
  })

  it('a used pairing code falls back to the session it already has; with none, asks for a new code', () => {
    const withSession = setup({ pairToken: 'p.used', session: 's.kept' })
    withSession.socket().open()
    withSession.socket().receive({ t: 'remote', ok: false, reason: 'used' })
    expect(withSession.socket().sent.at(-1)).toEqual({ t: 'remote', token: 's.kept' })
    const without = setup({ pairToken: 'p.used' })
    without.socket().open()
    without.socket().receive({ t: 'remote', ok: false, reason: 'expired' })
    expect(without.client.view()).toMatchObject({ pairing: 'refused', reason: 'expired' })
  })

  it('opened without a code or a session: nothing to prove, so it says to scan one', () => {
    const { client, socket } = setup()
    socket().open()
    expect(socket().sent).toEqual([])
    expect(client.view().pairing).toBe('none')
  })

  it('keeps the presenter\'s timer on the phone\'s clock, and the last rehearsal, for the pace', () => {
    const { client, socket } = setup({ session: 's.session' })
    socket().open()
    socket().receive({ t: 'remote', ok: true, session: 's.session' })
    const rehearsal = { v: 1, at: '2025-05-12T14:00:00.000Z', target: 2700, slides: [[60_000]] }
    socket().receive({ t: 'rehearsal', rehearsal })
    socket().receive({ t: 'clock', running: true, elapsed: 90_000 })
    expect(client.view()).toMatchObject({ clock: { running: true, elapsed: 90_000, at: 100_000 }, rehearsal })
    socket().receive({ t: 'rehearsal', rehearsal: { ...rehearsal, v: 3 } })
    expect(client.view().rehearsal).toEqual(rehearsal)
  })
})
