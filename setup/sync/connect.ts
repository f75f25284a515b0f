/**
 * The hosted sync channel, loaded by ./install.ts only on pages served by
 * `npm run serve`: connects to the server, plugs in as one of Slidev's sync
 * methods (Slidev hands it every sync state it already has), keeps what the
 * server says in the hosted store (./store.ts), and mounts the controls over
 * it (./HostedLayer.vue) on the slides and the presenter view.
 */
import type { ShallowRef } from 'vue'
import type { Router } from 'vue-router'
import type { LivePolls } from '../../components/live-polls'
import type { Place } from './socket-sync'
import type { View } from './store'
import { slides } from '@slidev/client/logic/slides.ts'
import { addSyncMethod } from '@slidev/client/state/syncState.ts'
import { createApp } from 'vue'
import { syncSocketUrl } from '../../shared/sync-protocol'
import { deviceId } from './device'
import HostedLayer from './HostedLayer.vue'
import { safeStorage, SECRET_KEY } from './page'
import { createSocketSync } from './socket-sync'
import { createHostedState, createHostedStore, receiversOf } from './store'
import { nextTask } from './tasks'
import './sync-bar.css'
import './questions.css'
import './polls.css'

/** Where the route shows the deck: its slide (by number, or by a slide's `routeAlias`) and click. */
function placeOf(router: Router): Place | undefined {
  const { params, query } = router.currentRoute.value
  const no = Array.isArray(params.no) ? params.no[0] : params.no
  if (!no)
    return undefined
  const slide = slides.value.find(route => route.no === +no || (route.meta.slide as { frontmatter?: { routeAlias?: unknown } } | undefined)?.frontmatter?.routeAlias === no)
  if (!slide)
    return undefined
  const clicks = Number(Array.isArray(query.clicks) ? query.clicks[0] : query.clicks ?? 0)
  return { page: slide.no, clicks: Number.isFinite(clicks) && clicks > 0 ? Math.trunc(clicks) : 0 }
}

export function connectSync(router: Router, live: ShallowRef<LivePolls | undefined>): void {
  const storage = safeStorage()
  const view = (): View => ({ route: String(router.currentRoute.value.name ?? ''), printing: new URLSearchParams(location.search).has('print') })
  const state = createHostedState(storage)
  const sync = createSocketSync({
    url: syncSocketUrl(import.meta.env.BASE_URL, location.href),
    isPresenterView: () => router.currentRoute.value.name === 'presenter',
    currentPlace: () => placeOf(router),
    secretStore: {
      get: () => sessionStorage.getItem(SECRET_KEY),
      set: secret => secret === null ? sessionStorage.removeItem(SECRET_KEY) : sessionStorage.setItem(SECRET_KEY, secret),
    },
    // eslint-disable-next-line no-alert -- the same prompt Slidev's own --remote password uses
    askSecret: retry => window.prompt(retry
      ? 'That secret was refused. The presenter\'s secret (printed by npm run serve):'
      : 'The presenter\'s secret (printed by npm run serve), to move the audience\'s slides:'),
    deviceId: deviceId(storage),
    ...receiversOf(state, storage),
    // Slidev records the first slide's position when the router is ready, and ignores updates for one task after.
    ready: router.isReady().then(nextTask),
  })
  const hosted = createHostedStore(state, { ...sync, storage })

  /** The route changed (or the deck just connected): the store says where the deck is. */
  function routed(): void {
    state.view = view()
    state.page = placeOf(router)?.page
    state.status = sync.status()
  }
  routed()
  addSyncMethod(sync)
  router.afterEach((_to, _from, failure) => {
    // A navigation that did not happen (cancelled by a newer one, or to where the deck already is) moved nothing.
    if (failure)
      return
    sync.routeChanged()
    routed()
  })
  live.value = hosted.live
  const root = document.createElement('div')
  root.className = 'deck-hosted'
  document.body.append(root)
  createApp(HostedLayer, { hosted, deckUrl: new URL(import.meta.env.BASE_URL, location.href).href }).mount(root)
}
