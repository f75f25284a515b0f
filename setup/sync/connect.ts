/**
 * The hosted sync channel, loaded by ./install.ts only on pages served by
 * `npm run serve`: connects to the server, plugs in as one of Slidev's sync
 * methods (Slidev hands it every sync state it already has) and shows the sync
 * controls (./sync-bar.ts) on the slides and the presenter view.
 */
import type { Router } from 'vue-router'
import type { Place, SocketSync } from './socket-sync'
import { slides } from '@slidev/client/logic/slides.ts'
import { addSyncMethod } from '@slidev/client/state/syncState.ts'
import { syncSocketUrl } from '../../shared/sync-protocol'
import { safeStorage, SECRET_KEY } from './install'
import { createPollPanel } from './poll-panel'
import { createQuestionsPanel } from './questions-panel'
import { createRemotePanel } from './remote-panel'
import { createSocketSync } from './socket-sync'
import { createSyncBar } from './sync-bar'
import './sync-bar.css'
import './questions.css'
import './polls.css'
import './remote-panel.css'

const DEVICE_KEY = 'deck-device-id'

/**
 * This device's id for questions and upvotes: random, kept in localStorage.
 * Best effort, not identity: clearing the storage or another browser makes a
 * new one. `getRandomValues` works on plain http:// too (a room's network),
 * where `randomUUID` does not.
 */
function deviceId(): () => string {
  let id: string | null = null
  try {
    id = localStorage.getItem(DEVICE_KEY)
  }
  catch {}
  if (!id || !/^[\w-]{16,64}$/.test(id)) {
    id = [...crypto.getRandomValues(new Uint8Array(16))].map(byte => byte.toString(16).padStart(2, '0')).join('')
    try {
      localStorage.setItem(DEVICE_KEY, id)
    }
    catch {}
  }
  const kept = id
  return () => kept
}

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

export function connectSync(router: Router): void {
  const isPresenterView = (): boolean => router.currentRoute.value.name === 'presenter'
  const view = () => ({ route: String(router.currentRoute.value.name ?? ''), printing: new URLSearchParams(location.search).has('print') })

  const bar = createSyncBar(document, backToLive)
  // The panel sends through the channel made just below: it is not pressed before then.
  const channel: { sync?: SocketSync } = {}
  const questions = createQuestionsPanel(document, {
    ask: text => channel.sync?.ask(text) ?? false,
    upvote: id => channel.sync?.upvote(id) ?? false,
    moderate: (id, action) => channel.sync?.moderate(id, action) ?? false,
    storage: safeStorage(),
  })
  const polls = createPollPanel(document, {
    vote: (poll, option) => channel.sync?.vote(poll, option) ?? false,
    setOpen: (poll, open) => channel.sync?.setPollOpen(poll, open) ?? false,
    storage: safeStorage(),
  })
  const remote = createRemotePanel(document, {
    pair: () => channel.sync?.pairRemote() ?? false,
    revoke: () => channel.sync?.revokeRemotes() ?? false,
    deckUrl: () => new URL(import.meta.env.BASE_URL, location.href).href,
  })
  const shownPage = (): number | undefined => placeOf(router)?.page
  const sync = createSocketSync({
    url: syncSocketUrl(import.meta.env.BASE_URL, location.href),
    isPresenterView,
    currentPlace: () => placeOf(router),
    secretStore: {
      get: () => sessionStorage.getItem(SECRET_KEY),
      set: secret => secret === null ? sessionStorage.removeItem(SECRET_KEY) : sessionStorage.setItem(SECRET_KEY, secret),
    },
    // eslint-disable-next-line no-alert -- the same prompt Slidev's own --remote password uses
    askSecret: retry => window.prompt(retry
      ? 'That secret was refused. The presenter\'s secret (printed by npm run serve):'
      : 'The presenter\'s secret (printed by npm run serve), to move the audience\'s slides:'),
    onStatus: (status) => {
      bar.render(status, view())
      questions.render(status, view())
      polls.render(status, view(), shownPage())
      remote.render(status, view())
    },
    deviceId: deviceId(),
    onQuestions: message => questions.receive(message),
    onPolls: message => polls.receive(message),
    onRemotes: message => remote.receive(message),
    // Slidev records the first slide's position when the router is ready, and ignores updates for one task after.
    ready: router.isReady().then(() => new Promise(resolve => setTimeout(resolve, 0))),
  })
  channel.sync = sync
  addSyncMethod(sync)
  function backToLive(): void {
    sync.backToLive()
  }
  router.afterEach((_to, _from, failure) => {
    // A navigation that did not happen (cancelled by a newer one, or to where the deck already is) moved nothing.
    if (failure)
      return
    sync.routeChanged()
    bar.render(sync.status(), view())
    questions.render(sync.status(), view())
    polls.render(sync.status(), view(), shownPage())
    remote.render(sync.status(), view())
  })
  document.body.append(bar.element, questions.element, polls.element, remote.element)
}
