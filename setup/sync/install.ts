/**
 * Plugs the hosted sync channel into the deck when the page came from
 * `npm run serve`, which marks its pages with a meta tag. A static host does
 * not, and the deck keeps Slidev's same-browser sync alone: the channel's code
 * (./connect.ts) is a separate chunk that only a served page downloads.
 */
import type { Router } from 'vue-router'
import { SYNC_META } from '../../shared/sync-protocol'

export const SECRET_KEY = 'deck-sync-secret'

/**
 * Takes `#secret=…` from the presenter link into this tab's storage, and keeps
 * it out of the address bar: the router drops it from the first navigation on.
 * Synchronous, so the guard is in place before that navigation.
 */
function takeSecretFromHash(router: Router): void {
  const match = /^#secret=([^&]+)$/.exec(location.hash)
  if (match)
    sessionStorage.setItem(SECRET_KEY, decodeURIComponent(match[1]!))
  router.beforeEach(to => to.hash.startsWith('#secret=') ? { ...to, hash: '', replace: true } : undefined)
}

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

export function installSync(router: Router): void {
  if (!isHosted())
    return
  // The phone remote's page has a connection of its own (setup/remote/).
  if (location.pathname === `${import.meta.env.BASE_URL}remote` || location.pathname === `${import.meta.env.BASE_URL}remote/`)
    return
  takeSecretFromHash(router)
  void import('./connect').then(({ connectSync }) => connectSync(router))
}
