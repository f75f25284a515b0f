/**
 * The talk's pace, for the phone remote (./hub-feature.ts). The presenter
 * view sends its timer (`clock`: running or not, and its time) whenever it
 * starts, pauses or is reset; the last rehearsal saved (`api/rehearsals`,
 * ./rehearsals.ts) is the plan. A paired phone is sent both when it pairs
 * and as they change, and works out the pace itself (shared/pace.ts). The
 * audience is sent neither. Both are the talk's (./backend.ts `PaceBackend`):
 * with several instances on Redis, a phone paired on one hears the timer of
 * a presenter on another, and the rehearsal saved through a third.
 */
import type { ClientMessage } from '../shared/sync-protocol'
import type { PaceBackend, PaceClock } from './backend'
import type { Feature, Peer, Room } from './hub-feature'
import { clockNow, EmbeddedPace } from './backend'

export class Pace implements Feature<'clock'> {
  readonly handles = ['clock'] as const

  constructor(private readonly room: Room, private readonly backend: PaceBackend = new EmbeddedPace(), private readonly now: () => number = Date.now) {
    backend.onClock(clock => this.room.broadcast(this.clockMessage(clock), isRemote))
    backend.onRehearsal(rehearsal => this.room.broadcast({ t: 'rehearsal', rehearsal }, isRemote))
  }

  receive(peer: Peer, message: Extract<ClientMessage, { t: 'clock' }>): void {
    if (!peer.presenter) {
      this.room.send(peer, { t: 'refused', code: 'not-presenter', about: 'position', reason: 'only the presenter keeps the talk\'s time' })
      return this.room.strike(peer, 'clock without the secret')
    }
    this.backend.setClock(message.running, message.elapsed)
  }

  paired(peer: Peer): void {
    const clock = this.backend.clock()
    if (clock)
      this.room.send(peer, this.clockMessage(clock))
    const rehearsal = this.backend.rehearsal()
    if (rehearsal)
      this.room.send(peer, { t: 'rehearsal', rehearsal })
  }

  /** The timer now, on this process' clock, which the backend holds it on: a running one has gone on since it was set. */
  private clockMessage(clock: PaceClock) {
    return { t: 'clock' as const, ...clockNow(clock, this.now()) }
  }
}

function isRemote(peer: Peer): boolean {
  return peer.remoteUntil !== undefined
}
