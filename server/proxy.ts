import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { isIP } from 'node:net'
/**
 * Where a request comes from and which site it was meant for, directly or
 * through a reverse proxy. The proxy's headers (`X-Forwarded-For`, `-Proto`,
 * `-Host`) are read only with `trustProxy`: without a proxy in front, any
 * client could send them.
 */

export interface ProxyOptions {
  /** The deck's address as browsers see it (`https://talk.example.com`): the one Origin the sync channel accepts. */
  publicOrigin?: string
  /** One reverse proxy in front sets `X-Forwarded-For`, `-Proto` and `-Host`; trust them. */
  trustProxy?: boolean
}

/** Sent over HTTPS only: browsers then keep to HTTPS for this host for a year. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000'

/** `https://talk.example.com/` → `https://talk.example.com`; anything but an http(s) origin throws. */
export function parsePublicOrigin(value: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  }
  catch {}
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username || url.password)
    throw new Error(`The public origin must be a scheme and host such as https://talk.example.com, not ${JSON.stringify(value)}.`)
  return url.origin
}

/** The last value of a proxy header: the one the proxy next to this server wrote (a client can send its own before it). */
function forwarded(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name]
  const last = (Array.isArray(value) ? value.join(',') : value)?.split(',').at(-1)?.trim()
  return last || undefined
}

/**
 * The client's address: the proxy's `X-Forwarded-For` when trusted, else the
 * connection's. Some proxies add the client's port (`198.51.100.7:40000`,
 * `[2001:db8::1]:40000`): it is taken off. A header value that is still no
 * address counts as the proxy's own (the connection's): a proxy that sends
 * such values puts its clients in one budget rather than each in its own.
 */
export function clientAddress(request: IncomingMessage, options: ProxyOptions): string {
  const own = request.socket.remoteAddress ?? 'unknown'
  const header = options.trustProxy ? forwarded(request, 'x-forwarded-for') : undefined
  if (header === undefined)
    return own
  const address = /^\[([^\]]+)\]:\d+$/.exec(header)?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(header)?.[1] ?? header
  return isIP(address) ? address : own
}

/** Whether the browser reached the deck over HTTPS: by the public origin, the trusted proxy's word, or TLS here. */
export function isHttps(request: IncomingMessage, options: ProxyOptions): boolean {
  if (options.publicOrigin?.startsWith('https:'))
    return true
  if (options.trustProxy && forwarded(request, 'x-forwarded-proto') === 'https')
    return true
  return Boolean((request.socket as Partial<TLSSocket>).encrypted)
}

/**
 * Whether a page from `origin` may open the sync channel: the public origin
 * when one is set; otherwise the host the browser asked for, which is the
 * `Host` header, or the trusted proxy's `X-Forwarded-Host`.
 */
export function originAllowed(origin: string, request: IncomingMessage, options: ProxyOptions): boolean {
  let url: URL
  try {
    url = new URL(origin)
  }
  catch {
    return false
  }
  if (options.publicOrigin)
    return url.origin === options.publicOrigin
  const host = (options.trustProxy ? forwarded(request, 'x-forwarded-host') : undefined) ?? request.headers.host
  return url.host === host
}
