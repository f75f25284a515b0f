/**
 * The sync channel's messages, shared by the server (`server/hub.ts`) and the
 * deck (`setup/sync/`). Every message is one small JSON object with a `t`
 * (type) field; anything else is refused by `parseClientMessage`. The deck
 * loads this module in the browser, so it uses nothing from Node (a lint rule
 * for shared/ in eslint.config.js enforces that).
 */

/** Where the channel lives, under the deck's base path: `${base}sync`. */
export const SYNC_PATH = 'sync'

/** The meta tag the server adds to the pages it serves, so the deck knows a channel is there (a static host has none). */
export const SYNC_META = 'deck-sync'

/** No message of this protocol is longer; a longer one is refused unread. */
export const MAX_MESSAGE_BYTES = 512

/** The longest secret the server compares. */
export const MAX_SECRET_LENGTH = 256

/** Upper bounds for a position: far above this deck, low enough to refuse nonsense. */
export const MAX_PAGE = 1000
export const MAX_CLICKS = 1000

/** Where the presenter is: Slidev's `page`, `clicks` and `clicksTotal`. */
export interface Position {
  page: number
  clicks: number
  clicksTotal: number
}

/** From a deck to the server: the presenter's secret, the presenter's position, and a heartbeat the server answers with `pong`. */
export type ClientMessage
  = | { t: 'auth', secret: string }
    | ({ t: 'nav' } & Position)
    | { t: 'ping' }

/**
 * From the server to a deck: the position to follow; the answer to a secret
 * (`retryAfter` in seconds once an address has failed too often); how many
 * decks follow (to presenters only); `refused` for a position from a deck
 * that has not proved the secret on its connection; and `pong`, the answer to
 * a deck's `ping` (a deck that hears nothing for a while reconnects).
 */
export type ServerMessage
  = | ({ t: 'state' } & Position)
    | { t: 'auth', ok: true }
    | { t: 'auth', ok: false, reason: 'wrong' | 'limited', retryAfter?: number }
    | { t: 'audience', count: number }
    | { t: 'refused', reason: string }
    | { t: 'pong' }

export type Parsed
  = | { ok: true, message: ClientMessage }
    | { ok: false, reason: string }

function isCount(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

function hasExactKeys(value: object, keys: readonly string[]): boolean {
  const own = Object.keys(value)
  return own.length === keys.length && keys.every(key => own.includes(key))
}

/**
 * Checks a position: `page` a whole number from 1 to `MAX_PAGE`, `clicks` and
 * `clicksTotal` whole numbers from 0 to `MAX_CLICKS`. It does not compare
 * `clicks` with `clicksTotal`: Slidev can report a position before it knows a
 * slide's total, and the audience still follows that position. Returns what is
 * wrong, or undefined for a good position.
 */
export function checkPosition(value: Record<string, unknown>): string | undefined {
  if (!isCount(value.page, 1, MAX_PAGE))
    return `page must be a whole number from 1 to ${MAX_PAGE}`
  if (!isCount(value.clicksTotal, 0, MAX_CLICKS))
    return `clicksTotal must be a whole number from 0 to ${MAX_CLICKS}`
  if (!isCount(value.clicks, 0, MAX_CLICKS))
    return `clicks must be a whole number from 0 to ${MAX_CLICKS}`
  return undefined
}

/**
 * Reads one message from a deck. `byteLength` is the frame's size on the wire;
 * the text is parsed only when that is within `MAX_MESSAGE_BYTES`.
 */
export function parseClientMessage(text: string, byteLength: number): Parsed {
  if (byteLength > MAX_MESSAGE_BYTES)
    return { ok: false, reason: `message of ${byteLength} bytes, over ${MAX_MESSAGE_BYTES}` }
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch {
    return { ok: false, reason: 'not JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'not a JSON object' }
  const message = value as Record<string, unknown>
  switch (message.t) {
    case 'auth':
      if (!hasExactKeys(message, ['t', 'secret']))
        return { ok: false, reason: 'auth takes exactly t and secret' }
      if (typeof message.secret !== 'string' || message.secret.length === 0 || message.secret.length > MAX_SECRET_LENGTH)
        return { ok: false, reason: `secret must be a string of 1 to ${MAX_SECRET_LENGTH} characters` }
      return { ok: true, message: { t: 'auth', secret: message.secret } }
    case 'ping':
      return hasExactKeys(message, ['t']) ? { ok: true, message: { t: 'ping' } } : { ok: false, reason: 'ping takes only t' }
    case 'nav': {
      if (!hasExactKeys(message, ['t', 'page', 'clicks', 'clicksTotal']))
        return { ok: false, reason: 'nav takes exactly t, page, clicks and clicksTotal' }
      const problem = checkPosition(message)
      if (problem)
        return { ok: false, reason: problem }
      const { page, clicks, clicksTotal } = message as unknown as Position
      return { ok: true, message: { t: 'nav', page, clicks, clicksTotal } }
    }
    default:
      return { ok: false, reason: `unknown message type ${JSON.stringify(message.t)?.slice(0, 40) ?? 'none'}` }
  }
}

/** Reads one message from the server, as the deck does; undefined for anything it does not know. */
export function parseServerMessage(text: string): ServerMessage | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null)
    return undefined
  const message = value as Record<string, unknown>
  switch (message.t) {
    case 'state':
      return checkPosition(message) ? undefined : { t: 'state', page: message.page as number, clicks: message.clicks as number, clicksTotal: message.clicksTotal as number }
    case 'auth':
      if (message.ok === true)
        return { t: 'auth', ok: true }
      if (message.reason === 'wrong' || message.reason === 'limited')
        return { t: 'auth', ok: false, reason: message.reason, retryAfter: typeof message.retryAfter === 'number' ? message.retryAfter : undefined }
      return undefined
    case 'audience':
      return isCount(message.count, 0, Number.MAX_SAFE_INTEGER) ? { t: 'audience', count: message.count } : undefined
    case 'refused':
      return typeof message.reason === 'string' ? { t: 'refused', reason: message.reason } : undefined
    case 'pong':
      return { t: 'pong' }
    default:
      return undefined
  }
}
