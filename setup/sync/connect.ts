/**
 * Plugs the hosted sync channel into the deck when the page came from
 * `npm run serve` (which marks its pages with a meta tag; a static host does
 * not, and the deck keeps Slidev's same-browser sync alone). Shows a small
 * status badge on the slides and the presenter view.
 */
import type { Router } from 'vue-router'
import type { SyncStatus } from './socket-sync'
import { addSyncMethod } from '@slidev/client/state/syncState.ts'
import { SYNC_META, SYNC_PATH } from '../../server/protocol'
import { createSocketSync } from './socket-sync'
import { statusIsQuiet, statusText } from './status'

const SECRET_KEY = 'deck-sync-secret'
const BADGE_ROUTES = new Set(['play', 'presenter'])

/**
 * Takes `#secret=…` from the presenter link into this tab's storage, and keeps
 * it out of the address bar: the router drops it from the first navigation on.
 */
function takeSecretFromHash(router: Router): void {
  const match = /^#secret=([^&]+)$/.exec(location.hash)
  if (match)
    sessionStorage.setItem(SECRET_KEY, decodeURIComponent(match[1]!))
  router.beforeEach(to => to.hash.startsWith('#secret=') ? { ...to, hash: '', replace: true } : undefined)
}

export function installSync(router: Router): void {
  if (typeof document === 'undefined' || !document.querySelector(`meta[name="${SYNC_META}"]`))
    return
  takeSecretFromHash(router)
  const isPresenterView = (): boolean => router.currentRoute.value.name === 'presenter'

  const badge = document.createElement('div')
  badge.className = 'deck-sync'
  badge.setAttribute('role', 'status')
  badge.setAttribute('aria-live', 'polite')
  let quietTimer: ReturnType<typeof setTimeout> | undefined
  function render(status: SyncStatus): void {
    const presenterView = isPresenterView()
    badge.textContent = statusText(status, presenterView)
    badge.dataset.connection = status.connection
    badge.dataset.role = status.role
    badge.dataset.following = String(status.following)
    badge.hidden = !BADGE_ROUTES.has(String(router.currentRoute.value.name))
    clearTimeout(quietTimer)
    badge.classList.remove('deck-sync--quiet')
    if (statusIsQuiet(status, presenterView))
      quietTimer = setTimeout(() => badge.classList.add('deck-sync--quiet'), 3000)
  }

  const url = new URL(`${import.meta.env.BASE_URL}${SYNC_PATH}`, location.href)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  const sync = createSocketSync({
    url: url.href,
    isPresenterView,
    secretStore: {
      get: () => sessionStorage.getItem(SECRET_KEY),
      set: secret => secret === null ? sessionStorage.removeItem(SECRET_KEY) : sessionStorage.setItem(SECRET_KEY, secret),
    },
    // eslint-disable-next-line no-alert -- the same prompt Slidev's own --remote password uses
    askSecret: retry => window.prompt(retry
      ? 'That secret was refused. The presenter\'s secret (printed by npm run serve):'
      : 'The presenter\'s secret (printed by npm run serve), to move the audience\'s slides:'),
    onStatus: render,
    // Slidev records the first slide's position when the router is ready, and ignores updates for one task after.
    ready: router.isReady().then(() => new Promise(resolve => setTimeout(resolve, 0))),
  })
  addSyncMethod(sync)
  router.afterEach(() => {
    sync.routeChanged()
    render(sync.status())
  })
  document.body.append(badge)
}
