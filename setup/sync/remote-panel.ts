import type { RemotesMessage, SyncStatus } from './socket-sync'
/**
 * The phone remote, on the presenter view once the server has accepted the
 * secret: a "Phone remote" button opens a dialog with a QR code that pairs one
 * phone. The code holds `${base}remote#pair=TOKEN`: a token the server signs
 * with a key derived from the secret (never the secret), in the fragment,
 * which browsers never send to a server. It pairs one phone, within 5 minutes;
 * "New code" asks for another. The dialog says how many phones are paired, and
 * "Revoke every phone" unpairs them all (they must scan a new code).
 *
 * Plain DOM beside the Vue app, like the other panels; styled by
 * ./remote-panel.css. The QR code is drawn here by uqr, offline, loaded with
 * the first code asked for.
 */
import type { SyncBarView } from './sync-bar'
import { button, element } from './dom'

/** The route of the phone's page, under the deck's base (setup/routes.ts). */
export const REMOTE_ROUTE = 'remote'

/** The address a phone opens: the deck's remote page, the token in the fragment. */
export function remoteLink(deckUrl: string, token: string): string {
  const url = new URL(REMOTE_ROUTE, deckUrl)
  url.search = ''
  url.hash = `pair=${token}`
  return url.href
}

/** `4:05`; `0:00` once past. */
export function countdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

export interface RemotePanelActions {
  /** Asks the server for a pairing token; false when the channel is not open. */
  pair: () => boolean
  revoke: () => boolean
  /** The deck's own address under its base (`new URL(import.meta.env.BASE_URL, location.href)`). */
  deckUrl: () => string
  now?: () => number
}

export interface RemotePanel {
  element: HTMLElement
  render: (status: SyncStatus, view: SyncBarView) => void
  receive: (message: RemotesMessage) => void
  destroy: () => void
}

export function createRemotePanel(doc: Document, actions: RemotePanelActions): RemotePanel {
  const now = actions.now ?? Date.now
  let count = 0
  let expiresAt: number | undefined
  let ticker: ReturnType<typeof setInterval> | undefined

  const root = element(doc, 'div', 'deck-remote')
  root.hidden = true
  const dialog = element(doc, 'dialog', 'deck-remote__dialog')
  const open = button(doc, 'deck-remote__open', 'Phone remote', () => {
    if (!dialog.open)
      dialog.showModal()
    showCount()
    requestCode()
  })
  dialog.setAttribute('aria-labelledby', 'deck-remote-title')
  const title = element(doc, 'h2', '', 'Drive the talk from your phone')
  title.id = 'deck-remote-title'
  const code = element(doc, 'div', 'deck-remote__code')
  code.setAttribute('role', 'img')
  code.setAttribute('aria-label', 'QR code that pairs a phone as the remote')
  const help = element(doc, 'p', 'deck-remote__help', 'Scan with the phone\'s camera. The code pairs one phone; keep it off the projector.')
  const expiry = element(doc, 'p', 'deck-remote__expiry')
  expiry.setAttribute('aria-live', 'polite')
  const link = element(doc, 'a', 'deck-remote__link', 'Or open this link on the phone')
  link.target = '_blank'
  link.rel = 'noopener noreferrer'
  const paired = element(doc, 'p', 'deck-remote__paired')
  paired.setAttribute('role', 'status')
  const fresh = button(doc, '', 'New code', () => requestCode())
  const revoke = button(doc, 'deck-remote__revoke', 'Revoke every phone', () => {
    if (actions.revoke()) {
      revoke.disabled = true
      // The code on screen was issued before the revocation: it is refused now too.
      requestCode()
    }
  })
  const close = button(doc, '', 'Close', () => {
    clearInterval(ticker)
    dialog.close()
  })
  const buttons = element(doc, 'div', 'deck-remote__buttons')
  buttons.append(fresh, revoke, close)
  dialog.append(title, code, help, expiry, link, paired, buttons)
  root.append(open, dialog)

  function showCount(): void {
    paired.textContent = count === 0 ? 'No phone paired.' : count === 1 ? '1 phone paired.' : `${count} phones paired.`
    paired.dataset.count = String(count)
    revoke.disabled = false
  }

  function tick(): void {
    if (expiresAt === undefined) {
      expiry.textContent = 'Asking the server for a code…'
      return
    }
    const left = expiresAt - now()
    const expired = left <= 0
    root.dataset.expired = String(expired)
    expiry.textContent = expired ? 'This code has expired: press New code.' : `Valid for ${countdown(left)}, for one phone.`
    if (expired)
      clearInterval(ticker)
  }

  function requestCode(): void {
    expiresAt = undefined
    code.replaceChildren()
    link.removeAttribute('href')
    root.dataset.expired = 'false'
    tick()
    if (!actions.pair())
      expiry.textContent = 'Not connected to the server: press New code in a moment.'
  }

  dialog.addEventListener('close', () => {
    clearInterval(ticker)
    // The dialog gives the focus back to its button, where Slidev's arrow keys would not step the talk.
    open.blur()
  })

  return {
    element: root,
    render(status, view) {
      const shown = !view.printing && view.route === 'presenter' && status.role === 'presenter' && status.connection === 'open'
      root.hidden = !shown
      if (!shown && dialog.open) {
        clearInterval(ticker)
        dialog.close()
      }
    },
    receive(message) {
      if (message.t === 'refused') {
        expiry.textContent = message.reason
        return
      }
      if (message.t === 'remotes') {
        // The code up was used: it paired a phone and is spent. (A phone coming back by its session changes the count only.)
        if (message.paired && expiresAt !== undefined && dialog.open) {
          clearInterval(ticker)
          expiresAt = now()
          root.dataset.expired = 'true'
          expiry.textContent = 'Paired. New code pairs another phone.'
        }
        count = message.count
        showCount()
        return
      }
      // A code arrives only when asked for, with the dialog open.
      const href = remoteLink(actions.deckUrl(), message.token)
      link.href = href
      // The QR code's drawing is loaded with the first code (no audience deck downloads it).
      // uqr's SVG: squares from the link's bits, nothing from the page's content.
      void import('uqr').then(({ renderSVG }) => {
        if (link.href === href)
          code.innerHTML = renderSVG(href, { border: 2, ecc: 'L' })
      })
      expiresAt = now() + message.expiresIn
      clearInterval(ticker)
      ticker = setInterval(tick, 1000)
      tick()
    },
    destroy() {
      clearInterval(ticker)
    },
  }
}
