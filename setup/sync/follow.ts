/**
 * An audience deck following the presenter (./socket-sync.ts). A move of the
 * reader's own (one that is neither the presenter's position nor one a sync
 * channel brought) makes the deck "browsing": it then records where the
 * presenter is (`live`) without moving, until the reader goes back to live or
 * steps onto the live position themselves. The deck follows while a
 * presenter's position has been heard on this connection and it is not
 * browsing: that is derived, never stored.
 */
import type { Position } from '../../shared/sync-protocol'
import { samePosition } from '../../shared/sync-protocol'

/** Where a deck is, as its address says: the slide, and the click (Slidev's 999999 for "the slide's end"). */
export interface Place {
  page: number
  clicks: number
}

/**
 * Whether a deck at `place` shows `position`: the same slide and click, a click
 * past the slide's last (Slidev's 999999, "the slide's end") counting as the last.
 */
export function isAt(place: Place, position: Position): boolean {
  const total = position.clicksTotal
  return place.page === position.page && Math.min(place.clicks, total) === Math.min(position.clicks, total)
}

/** What the deck's status says of following. */
export interface FollowView {
  /** The presenter's latest position this deck has heard, whether it shows it or not. */
  live?: Position
  /** Where this deck is. */
  place?: Place
  /** Stepped away from the presenter's position: it stays where its reader goes. */
  browsing: boolean
  /** A presenter's position has arrived since connecting, and this deck shows it. */
  following: boolean
}

/** Positions a sync channel brought that the deck may still be on its way to. */
const MAX_DRIVEN = 8

export function createFollow() {
  // A presenter's position has arrived on this connection.
  let heardLive = false
  let live: Position | undefined
  let place: Place | undefined
  let browsing = false
  // Positions the channels brought (this one's, or Slidev's between windows of one browser) that the route has not
  // reached yet: arriving at one of them is not the reader's own move.
  let driven: Position[] = []

  return {
    view: (): FollowView => ({ ...(live ? { live } : {}), ...(place ? { place } : {}), browsing, following: heardLive && !browsing }),
    get browsing(): boolean {
      return browsing
    },
    /** A channel brought the deck `position` (the route will follow). */
    drive(position: Position): void {
      if (driven.length > 0 && samePosition(driven.at(-1)!, position))
        return
      driven = [...driven.slice(1 - MAX_DRIVEN), position]
    },
    /** The presenter is at `position`; true when the deck should go there (it is not browsing elsewhere). */
    heard(position: Position, at: Place | undefined): boolean {
      live = position
      heardLive = true
      if (browsing && !(at && isAt(at, position)))
        return false
      browsing = false
      return true
    },
    /** The route arrived at `at`: the reader's own move, a channel's, or back onto the live position. */
    moved(at: Place): void {
      place = at
      const brought = driven.findIndex(position => isAt(at, position))
      if (brought >= 0)
        driven = driven.slice(brought + 1)
      if (live && isAt(at, live))
        browsing = false
      else if (live && brought < 0)
        browsing = true
      if (browsing)
        driven = []
    },
    /** Stops browsing; the presenter's position to go to, if one was heard. */
    backToLive(): Position | undefined {
      if (live)
        browsing = false
      return live
    },
    /** The presenter view does not browse. */
    stopBrowsing(): void {
      browsing = false
    },
    /** A new connection: nothing heard on it yet. */
    reconnected(): void {
      heardLive = false
    },
  }
}
