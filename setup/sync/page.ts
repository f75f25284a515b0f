/** What the deck's hosted parts ask of the page: whether `npm run serve` served it, and its storage. */
import { SYNC_META } from '../../shared/sync-meta'

/** Where the presenter's secret is kept for this tab (sessionStorage). */
export const SECRET_KEY = 'deck-sync-secret'

/** Whether this page came from `npm run serve` (it has the sync meta tag; a static host's does not). */
export function isHosted(): boolean {
  return typeof document !== 'undefined' && document.querySelector(`meta[name="${SYNC_META}"]`) !== null
}

/** This browser's localStorage, or undefined where it may not be used (a private window, a blocked site). */
export function safeStorage(): Storage | undefined {
  try {
    return localStorage
  }
  catch {
    return undefined
  }
}
