/** The phone remote dialog's rules (./RemotePanel.vue), beside it so they are tested without a page. */

/** The route of the phone's page, under the deck's base (setup/routes.ts). */
const REMOTE_ROUTE = 'remote'

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
