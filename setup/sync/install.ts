/**
 * Plugs the hosted sync channel into the deck when the page came from
 * `npm run serve`, which marks its pages with a meta tag. A static host does
 * not, and the deck keeps Slidev's same-browser sync alone: the channel's code
 * (./connect.ts) is a separate chunk that only a served page downloads.
 */
import type { App, ShallowRef } from 'vue'
import type { Router } from 'vue-router'
import type { LivePolls } from '../../components/live-polls'
import { shallowRef } from 'vue'
import { LIVE_POLLS } from '../../components/live-polls'
import { isHosted, SECRET_KEY } from './page'

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

export function installSync(app: App, router: Router): void {
  if (!isHosted())
    return
  // The phone remote's page has a connection of its own (setup/remote/).
  if (location.pathname === `${import.meta.env.BASE_URL}remote` || location.pathname === `${import.meta.env.BASE_URL}remote/`)
    return
  takeSecretFromHash(router)
  // The slides' <Poll> read the polls from here once the channel's store is in place.
  const live: ShallowRef<LivePolls | undefined> = shallowRef()
  app.provide(LIVE_POLLS, live)
  void import('./connect').then(({ connectSync }) => connectSync(router, live))
}
