import type { Position } from '../../shared/sync-protocol'
import type { Place, SyncStatus } from './socket-sync'

/** The key that takes a browsing deck back to the presenter. */
export const BACK_TO_LIVE_KEY = 'l'

/**
 * A place in the talk as the audience reads it: "slide 12", or, beside another
 * place on the same slide, "slide 12, step 2" (its click; a click past the
 * slide's last counts as the last).
 */
function placeLabel(place: Place, other: Place | undefined, clicksTotal?: number): string {
  if (other?.page !== place.page)
    return `slide ${place.page}`
  const clicks = clicksTotal === undefined ? place.clicks : Math.min(place.clicks, clicksTotal)
  return clicks > 0 ? `slide ${place.page}, step ${clicks}` : `slide ${place.page}, start`
}

/** What the sync badge says, for the presenter view or an audience deck. */
export function statusText(status: SyncStatus, presenterView: boolean): string {
  if (status.connection !== 'open')
    return presenterView ? 'Reconnecting…' : 'Reconnecting to the talk…'
  switch (status.role) {
    case 'presenter': {
      const live = status.audience === undefined ? 'Live' : `Live: ${status.audience} following`
      // What the room sends is refused while the server cannot save it: the presenter must know. Past one server,
      // the talk's shared store away: followers on the other servers stop following, and nothing is saved.
      const degraded = status.degraded ? ` · Sync degraded (${status.degraded})` : ''
      return status.notSaving ? `${live}${degraded} · NOT SAVING (${status.notSaving})` : `${live}${degraded}`
    }
    case 'asking':
      return 'Waiting for the presenter’s secret'
    case 'wrong':
      return 'Secret refused: this view does not move the audience'
    case 'limited':
      return `Too many wrong secrets: try again in ${status.retryAfter ?? 60} s`
    case 'audience':
      if (presenterView)
        return 'Not presenting: this view does not move the audience'
      if (status.browsing && status.place)
        return `Browsing — ${placeLabel(status.place, status.live, status.live?.clicksTotal)}`
      return status.following ? 'Following the presenter' : 'Waiting for the presenter'
  }
}

/**
 * What the control that takes a browsing deck back says: where the presenter
 * is ("Back to live (slide 12)"). Undefined when there is nothing to go back
 * to: the deck follows, or has not heard the presenter yet.
 */
export function backToLiveText(status: SyncStatus, presenterView: boolean): string | undefined {
  if (presenterView || status.role === 'presenter' || !status.browsing || !status.live)
    return undefined
  const live: Position = status.live
  return `Back to live (${placeLabel(live, status.place, live.clicksTotal)})`
}

/** Whether the badge can fade out: an audience deck that follows needs no reminder. */
export function statusIsQuiet(status: SyncStatus, presenterView: boolean): boolean {
  return !presenterView && status.connection === 'open' && status.role === 'audience' && status.following
}
