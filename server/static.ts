import type { IncomingMessage, ServerResponse } from 'node:http'
/**
 * The built deck as files: under the base path, with the single-page fallback
 * (any route that is not a file gets index.html, so deep links and refreshes
 * work), long caching for hashed assets, gzip for text, and security headers
 * on every response. `npm run bench` serves both decks it compares with the
 * same handler, without the security headers (scripts/bench/server.ts).
 */
import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { extname, join, relative as relativeTo, resolve, sep } from 'node:path'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { SYNC_META } from '../shared/sync-protocol'

/** Content types by file extension. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

const gzipAsync = promisify(gzip)

/** Gzipped when larger than 1 kB: text, and the uncompressed binary formats (TrueType fonts, WebAssembly). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.map', '.ttf', '.wasm'])

/**
 * What the deck may load: only its own files. Scripts come from the deck's own
 * files only (no inline scripts, no eval). Inline styles stay allowed: Vue's
 * style bindings and Shiki's highlighted code set `style` attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  `default-src 'self'`,
  `script-src 'self'`,
  `style-src 'self' 'unsafe-inline'`,
  `img-src 'self' data: blob:`,
  `font-src 'self' data:`,
  `connect-src 'self'`,
  `media-src 'self' blob:`,
  `worker-src 'self'`,
  `manifest-src 'self'`,
  `object-src 'none'`,
  `base-uri 'self'`,
  `form-action 'self'`,
  `frame-ancestors 'self'`,
].join('; ')

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'SAMEORIGIN',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'geolocation=(), payment=(), usb=(), interest-cohort=()',
}

/** `/talk` or `talk/` → `/talk/`; empty → `/`. */
export function normalizeBase(base: string): string {
  const trimmed = base.trim().replace(/^\/+|\/+$/g, '')
  if (trimmed.split('/').some(part => part === '.' || part === '..'))
    throw new Error(`The base path ${JSON.stringify(base)} may not contain . or .. segments.`)
  return trimmed ? `/${trimmed}/` : '/'
}

interface Entry {
  body: Buffer
  gzip?: Buffer
  etag: string
  type: string
}

export interface StaticOptions {
  /** The built deck (dist/). */
  dir: string
  /** The base path the deck was built for, e.g. `/talk/`. */
  base: string
  /** Added to every HTML page: tells the deck that this server has a sync channel. */
  syncAvailable: boolean
  /**
   * SECURITY_HEADERS on every response (default true). Off for the benchmark's
   * host, which serves another deck too: its Content-Security-Policy would block
   * that deck's remote fonts and images in a way its users never see.
   */
  securityHeaders?: boolean
}

/** Adds the sync meta tag to an HTML page. */
export function injectSyncMeta(html: string): string {
  return html.replace('</head>', `<meta name="${SYNC_META}" content="available">\n</head>`)
}

export interface StaticHandler {
  (request: IncomingMessage, response: ServerResponse): void
  /** Reads and compresses every file ahead of the first request (in the background: gzip runs off the event loop). */
  warm: () => Promise<void>
}

export function createStaticHandler(options: StaticOptions): StaticHandler {
  const root = resolve(options.dir)
  const base = normalizeBase(options.base)
  const cache = new Map<string, { mtimeMs: number, size: number, entry: Promise<Entry> }>()
  const securityHeaders = options.securityHeaders === false ? {} : SECURITY_HEADERS

  async function read(file: string, extension: string): Promise<Entry> {
    let body = await readFile(file)
    if (extension === '.html' && options.syncAvailable)
      body = Buffer.from(injectSyncMeta(body.toString('utf8')))
    return {
      body,
      gzip: COMPRESSIBLE.has(extension) && body.byteLength > 1024 ? await gzipAsync(body) : undefined,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      type: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    }
  }

  /** The file's bytes, compressed copy and ETag, read once and again only when the file changes. */
  async function load(file: string): Promise<Entry | undefined> {
    let stats
    try {
      stats = await stat(file)
    }
    catch {
      return undefined
    }
    if (!stats.isFile())
      return undefined
    const cached = cache.get(file)
    if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size)
      return cached.entry
    const entry = read(file, extname(file).toLowerCase())
    cache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, entry })
    entry.catch(() => cache.delete(file))
    return entry
  }

  function send(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer = ''): void {
    response.writeHead(status, { ...securityHeaders, ...headers })
    response.end(request.method === 'HEAD' ? undefined : body)
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(request, response, 405, { 'Allow': 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method not allowed\n')
    let url: URL
    let path: string
    try {
      url = new URL(request.url ?? '/', 'http://deck')
      path = decodeURIComponent(url.pathname)
    }
    catch {
      return send(request, response, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad request\n')
    }
    if (path.includes('\0'))
      return send(request, response, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad request\n')
    if (!path.startsWith(base)) {
      if (path === base.slice(0, -1) || path === '/')
        return send(request, response, 302, { Location: base })
      return send(request, response, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, `Not found: the deck is at ${base}\n`)
    }
    const relative = path.slice(base.length)
    const file = resolve(join(root, relative))
    if (file !== root && !file.startsWith(root + sep))
      return send(request, response, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n')
    let entry = relative === '' ? undefined : await load(file)
    if (!entry && relative !== '') {
      // A folder with its own page (the reader edition, reader/): served at its path with a slash, since its URLs are relative.
      const page = await load(join(file, 'index.html'))
      if (page && !path.endsWith('/')) {
        // Named by where the folder is, not by the path as sent: decoded, `/%2fevil.example%2f..%2freader`
        // begins with `//`, which a browser would follow to another host.
        const folder = relativeTo(root, file).split(sep).map(encodeURIComponent).join('/')
        return send(request, response, 301, { Location: `${base}${folder}/${url.search}` })
      }
      entry = page
    }
    let cacheControl = /^(?:[\w-]+\/)?assets\//.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache'
    if (!entry) {
      // A path with a file extension is a missing file; anything else is a route of the deck.
      if (extname(relative) !== '')
        return send(request, response, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n')
      entry = await load(join(root, 'index.html'))
      cacheControl = 'no-cache'
      if (!entry)
        return send(request, response, 500, { 'Content-Type': 'text/plain; charset=utf-8' }, `No index.html in ${root}: run npm run build first.\n`)
    }
    const headers: Record<string, string> = { 'Content-Type': entry.type, 'Cache-Control': cacheControl, 'ETag': entry.etag, 'Vary': 'Accept-Encoding' }
    if (request.headers['if-none-match'] === entry.etag)
      return send(request, response, 304, headers)
    const compressed = entry.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) ? entry.gzip : undefined
    if (compressed)
      headers['Content-Encoding'] = 'gzip'
    const body = compressed ?? entry.body
    headers['Content-Length'] = String(body.byteLength)
    send(request, response, 200, headers, body)
  }

  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        send(request, response, 500, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Server error\n')
      else
        response.destroy(error as Error)
    })
  }
  handler.warm = async () => {
    const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter(entry => entry.isFile())
    for (const file of files)
      await load(join(file.parentPath, file.name))
  }
  return handler
}
