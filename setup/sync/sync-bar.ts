/**
 * The hosted deck's sync controls, fixed over the slides: the badge (a polite
 * live region: "Following the presenter", "Reconnecting…", "Browsing — slide
 * 7", or for the presenter "Live: N following") and, on an audience deck that
 * has stepped away from the presenter, a "Back to live (slide 12)" button
 * (also the `L` key). Plain DOM, beside the Vue app: it is built only on pages
 * `npm run serve` served (./connect.ts), and styled by ./sync-bar.css.
 */
import type { SyncStatus } from './socket-sync'
import { backToLiveText, statusIsQuiet, statusText } from './status'

/** Where the badge shows: the slides and the presenter view (not the overview, notes or print pages). */
const BADGE_ROUTES = new Set(['play', 'presenter'])

/** The key that takes a browsing deck back to the presenter. */
export const BACK_TO_LIVE_KEY = 'l'

export interface SyncBarView {
  /** The route's name: the badge shows on the slides and the presenter view only, the button on the slides only. */
  route: string | undefined
  /** Slidev's print mode (`?print`): nothing of the channel shows on paper. */
  printing: boolean
}

export interface SyncBar {
  element: HTMLElement
  render: (status: SyncStatus, view: SyncBarView) => void
  /** Stops listening for the key (tests). */
  destroy: () => void
}

/** Whether a key press was typing into something, which the shortcut must leave alone. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

export function createSyncBar(doc: Document, backToLive: () => void, quietAfterMs = 3000): SyncBar {
  const bar = doc.createElement('div')
  bar.className = 'deck-sync-bar'

  const badge = doc.createElement('div')
  badge.className = 'deck-sync'
  badge.setAttribute('role', 'status')
  badge.setAttribute('aria-live', 'polite')

  const button = doc.createElement('button')
  button.type = 'button'
  button.className = 'deck-sync-bar__live'
  button.setAttribute('aria-keyshortcuts', BACK_TO_LIVE_KEY.toUpperCase())
  button.title = `Go to the presenter's slide (${BACK_TO_LIVE_KEY.toUpperCase()})`
  button.hidden = true
  button.addEventListener('click', () => backToLive())

  bar.append(badge, button)

  function onKey(event: KeyboardEvent): void {
    if (event.key.toLowerCase() !== BACK_TO_LIVE_KEY || event.ctrlKey || event.metaKey || event.altKey || event.repeat)
      return
    if (button.hidden || bar.hidden || typing(event.target))
      return
    event.preventDefault()
    backToLive()
  }
  doc.addEventListener('keydown', onKey)

  let quietTimer: ReturnType<typeof setTimeout> | undefined
  function render(status: SyncStatus, view: SyncBarView): void {
    const presenterView = view.route === 'presenter'
    badge.textContent = statusText(status, presenterView)
    badge.dataset.connection = status.connection
    badge.dataset.role = status.role
    badge.dataset.following = String(status.following)
    badge.dataset.browsing = String(status.browsing)
    badge.dataset.saving = status.notSaving || status.degraded ? 'failing' : 'ok'
    // Where the presenter is, as last heard (tests wait on it).
    if (status.live) {
      badge.dataset.livePage = String(status.live.page)
      badge.dataset.liveClicks = String(status.live.clicks)
    }
    bar.hidden = view.printing || !BADGE_ROUTES.has(view.route ?? '')
    const back = view.route === 'play' ? backToLiveText(status, presenterView) : undefined
    button.hidden = back === undefined
    button.textContent = back ?? ''
    bar.dataset.browsing = String(!button.hidden)
    // The slide makes room for the pill (./sync-bar.css).
    doc.documentElement.classList.toggle('deck-sync-browsing', !button.hidden && !bar.hidden)
    clearTimeout(quietTimer)
    badge.classList.remove('deck-sync--quiet')
    if (statusIsQuiet(status, presenterView))
      quietTimer = setTimeout(() => badge.classList.add('deck-sync--quiet'), quietAfterMs)
  }

  return {
    element: bar,
    render,
    destroy() {
      clearTimeout(quietTimer)
      doc.removeEventListener('keydown', onKey)
    },
  }
}
