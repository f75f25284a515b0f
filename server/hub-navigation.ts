/**
 * The presenter's position (./hub-feature.ts): the presenter's deck sends
 * where it is (`nav`), the position backend (./backend.ts) makes it the
 * talk's, and every other deck is sent it; a deck that joins starts there.
 * Each move carries its number in the talk's order: a move older than one
 * already sent (a late message from another instance) never takes the decks
 * back. With the build's click totals a position past a slide's last click
 * or past the last slide is dropped. The phone remote moves the talk through
 * `moveTo` too.
 */
import type { ClientMessage, Position, ServerMessage } from '../shared/sync-protocol'
import type { PositionBackend } from './backend'
import type { Feature, Peer, Room } from './hub-feature'
import { EmbeddedPosition } from './backend'

export class Navigation implements Feature<'nav'> {
  readonly handles = ['nav'] as const
  /** The number of the latest move sent to the decks. */
  private sent = 0

  /** `clickTotals`: each slide's click total (index 0 is slide 1), from the build; without it positions are checked against the protocol's bounds only. */
  constructor(private readonly room: Room, readonly clickTotals?: readonly number[], private readonly position: PositionBackend = new EmbeddedPosition()) {
    position.onMove((move, origin) => {
      if (move.seq <= this.sent)
        return
      this.sent = move.seq
      const message: ServerMessage = { t: 'state', ...move.position, ...(move.by ? { by: move.by } : {}) }
      this.room.broadcast(message, peer => peer !== origin)
    })
  }

  /** The presenter's latest position; undefined until a presenter has sent one. */
  get state(): Position | undefined {
    return this.position.current()?.position
  }

  /** When the first position arrived: the talk's start, for the remote's elapsed time. */
  get startedAt(): number | undefined {
    return this.position.startedAt()
  }

  joined(peer: Peer): void {
    const state = this.state
    if (state)
      this.room.send(peer, { t: 'state', ...state })
  }

  receive(peer: Peer, message: Extract<ClientMessage, { t: 'nav' }>): void {
    if (!peer.presenter) {
      this.room.send(peer, { t: 'refused', code: 'not-presenter', about: 'position', reason: 'only the presenter moves the deck' })
      return this.room.strike(peer, 'nav without the secret')
    }
    const { page, clicks } = message
    // The build's count of the slide's clicks, when the server has it: Slidev may report 0 until the slide has counted them.
    const clicksTotal = this.clickTotals?.[page - 1] ?? message.clicksTotal
    const beyond = this.beyondDeck(page, clicks)
    if (beyond) {
      // Not a strike: Slidev may report a click past the end for a moment while it moves to a slide's last click.
      return this.room.logLine('positions beyond the deck', `dropped a position from ${peer.address}: ${beyond}`)
    }
    this.position.move({ page, clicks, clicksTotal }, undefined, peer)
  }

  /**
   * Makes `position` the talk's and tells every deck; `by` marks a move the
   * phone remote made. False when the talk is there already.
   */
  moveTo(position: Position, by?: 'remote'): boolean {
    return this.position.move(position, by)
  }

  /** What is wrong with a position for this deck (a slide it does not have, a click past the slide's last), if anything. */
  private beyondDeck(page: number, clicks: number): string | undefined {
    const totals = this.clickTotals
    if (!totals)
      return undefined
    const total = totals[page - 1]
    if (total === undefined)
      return `slide ${page} of a deck of ${totals.length}`
    return clicks > total ? `click ${clicks} on slide ${page}, which has ${total}` : undefined
  }
}
