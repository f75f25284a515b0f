import type { SyncStatus } from './socket-sync'

/** What the sync badge says, for the presenter view or an audience deck. */
export function statusText(status: SyncStatus, presenterView: boolean): string {
  if (status.connection !== 'open')
    return presenterView ? 'Reconnecting…' : 'Reconnecting to the talk…'
  switch (status.role) {
    case 'presenter':
      return status.audience === undefined ? 'Live' : `Live: ${status.audience} following`
    case 'asking':
      return 'Waiting for the presenter’s secret'
    case 'wrong':
      return 'Secret refused: this view does not move the audience'
    case 'limited':
      return `Too many wrong secrets: try again in ${status.retryAfter ?? 60} s`
    case 'audience':
      if (presenterView)
        return 'Not presenting: this view does not move the audience'
      return status.following ? 'Following the presenter' : 'Waiting for the presenter'
  }
}

/** Whether the badge can fade out: an audience deck that follows needs no reminder. */
export function statusIsQuiet(status: SyncStatus, presenterView: boolean): boolean {
  return !presenterView && status.connection === 'open' && status.role === 'audience' && status.following
}
