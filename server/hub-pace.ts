/**
 * The talk's pace, for the phone remote (./hub-feature.ts). The presenter
 * view sends its timer (`clock`: running or not, and its time) whenever it
 * starts, pauses or is reset; the last rehearsal saved in the data directory
 * (./rehearsals.ts) is the plan. A paired phone is sent both when it pairs
 * and as they change, and works out the pace itself (shared/pace.ts). The
 * audience is sent neither. Both are this instance's: with several instances
 * on Redis, a phone hears the clock of a presenter connected to the same
 * instance, and the rehearsals saved through it.
 */
import type { Rehearsal } from '../shared/rehearsal'
import type { ClientMessage } from '../shared/sync-protocol'
import type { Feature, Peer, Room } from './hub-feature'

/** The presenter's timer as last sent, and when (on this server's clock). */
interface HeldClock {
  running: boolean
  elapsed: number
  at: number
}

export class Pace implements Feature<'clock'> {
  readonly handles = ['clock'] as const
  private clock: HeldClock | undefined

  constructor(private readonly room: Room, private rehearsal?: Rehearsal, private readonly now: () => number = Date.now) {}

  receive(peer: Peer, message: Extract<ClientMessage, { t: 'clock' }>): void {
    if (!peer.presenter) {
      this.room.send(peer, { t: 'refused', code: 'not-presenter', about: 'position', reason: 'only the presenter keeps the talk\'s time' })
      return this.room.strike(peer, 'clock without the secret')
    }
    this.clock = { running: message.running, elapsed: message.elapsed, at: this.now() }
    this.room.broadcast(this.clockMessage(this.clock), isRemote)
  }

  paired(peer: Peer): void {
    if (this.clock)
      this.room.send(peer, this.clockMessage(this.clock))
    if (this.rehearsal)
      this.room.send(peer, { t: 'rehearsal', rehearsal: this.rehearsal })
  }

  /** A rehearsal was saved: the plan from now on, and every paired phone hears it. */
  rehearsed(rehearsal: Rehearsal): void {
    this.rehearsal = rehearsal
    this.room.broadcast({ t: 'rehearsal', rehearsal }, isRemote)
  }

  /** The timer now: a running one has gone on since it was sent. */
  private clockMessage(clock: HeldClock) {
    const elapsed = clock.elapsed + (clock.running ? Math.max(0, this.now() - clock.at) : 0)
    return { t: 'clock' as const, running: clock.running, elapsed }
  }
}

function isRemote(peer: Peer): boolean {
  return peer.remoteUntil !== undefined
}
