/**
 * The hosted sync channel, loaded by ./install.ts only on pages served by
 * `npm run serve`: connects to the server, plugs in as one of Slidev's sync
 * methods (Slidev hands it every sync state it already has) and shows a small
 * status badge on the slides and the presenter view.
 */
import type { Router } from 'vue-router'
import type { SyncStatus } from './socket-sync'
import { addSyncMethod } from '@slidev/client/state/syncState.ts'
import { SYNC_PATH } from '../../shared/sync-protocol'
import { SECRET_KEY } from './install'
import { createSocketSync } from './socket-sync'
import { statusIsQuiet, statusText } from './status'

const BADGE_ROUTES = new Set(['play', 'presenter'])

export function connectSync(router: Router): void {
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
