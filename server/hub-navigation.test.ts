import type { Move, PositionBackend } from './backend'
import type { Peer } from './hub-feature'
import { describe, expect, it } from 'vitest'
import { EmbeddedPosition } from './backend'
import { Navigation } from './hub-navigation'
import { recordingRoom } from './test-room'

const deck = (presenter = false): Peer => ({ address: '127.0.0.1', network: '127.0.0.1', loopback: true, presenter, open: true })

describe('navigation over a position backend', () => {
  it('sends each move to every deck but the one that made it, and a joining deck starts where the talk is', () => {
    const presenter = deck(true)
    const follower = deck()
    const { room, sent } = recordingRoom([presenter, follower])
    const navigation = new Navigation(room, [0, 2, 0], new EmbeddedPosition())
    navigation.receive(presenter, { t: 'nav', page: 2, clicks: 1, clicksTotal: 0 })
    expect(sent.get(presenter)).toEqual([])
    expect(sent.get(follower)).toEqual([{ t: 'state', page: 2, clicks: 1, clicksTotal: 2 }])
    const late = deck()
    const { room: lateRoom, sent: lateSent } = recordingRoom([late])
    new Navigation(lateRoom, [0, 2, 0], positionOf(navigation)).joined(late)
    expect(lateSent.get(late)).toEqual([{ t: 'state', page: 2, clicks: 1, clicksTotal: 2 }])
  })

  it('never takes the decks back on a move older than one already sent (a late message from another instance)', () => {
    const follower = deck()
    const { room, sent } = recordingRoom([follower])
    const listeners: Array<(move: Move, origin: object | undefined) => void> = []
    let latest: Move | undefined
    const shared: PositionBackend = {
      current: () => latest,
      startedAt: () => undefined,
      move: () => false,
      onMove: listener => listeners.push(listener),
    }
    void new Navigation(room, undefined, shared)
    const arrive = (move: Move) => {
      latest = latest && latest.seq > move.seq ? latest : move
      listeners.forEach(listener => listener(move, undefined))
    }
    arrive({ position: { page: 1, clicks: 0, clicksTotal: 0 }, seq: 1 })
    arrive({ position: { page: 3, clicks: 0, clicksTotal: 0 }, seq: 3 })
    arrive({ position: { page: 2, clicks: 0, clicksTotal: 0 }, seq: 2 })
    expect(sent.get(follower)!.map(message => message.t === 'state' ? message.page : undefined)).toEqual([1, 3])
  })
})

/** A backend holding the same talk as `navigation`'s: what another instance of the talk would see. */
function positionOf(navigation: Navigation): PositionBackend {
  return {
    current: () => navigation.state && { position: navigation.state, seq: 1 },
    startedAt: () => navigation.startedAt,
    move: () => false,
    onMove: () => {},
  }
}
