/**
 * A hub room for the hub features' unit tests (hub-*.test.ts): it records
 * what each deck is sent and the strikes it is given, and does nothing else.
 */
import type { ServerMessage } from '../shared/sync-protocol'
import type { Peer, Room } from './hub-feature'

export interface RecordingRoom {
  room: Room
  /** Every message each deck was sent, in order. */
  sent: Map<Peer, ServerMessage[]>
  /** The reasons of the strikes given, in order. */
  strikes: string[]
}

export function recordingRoom(peers: Peer[]): RecordingRoom {
  const sent = new Map<Peer, ServerMessage[]>(peers.map(peer => [peer, []]))
  const strikes: string[] = []
  const send = (peer: Peer, message: ServerMessage) => sent.get(peer)!.push(message)
  const room: Room = {
    notSaved: 'not saved',
    send,
    sendList: send,
    broadcast: (message, to) => peers.filter(to).forEach(peer => send(peer, message)),
    strike: (_peer, reason) => strikes.push(reason),
    logLine: () => {},
    log: () => {},
    setRemote: () => {},
    close: () => {},
    peers: () => peers,
  }
  return { room, sent, strikes }
}
