import type { IncomingMessage, ServerResponse } from 'node:http'
/**
 * The built deck as files: under the base path, with the single-page fallback
 * (any route that is not a file gets index.html, so deep links and refreshes
 * work), long caching for hashed assets, gzip for text, byte ranges (a PDF
 * download resumes), and security headers on every response. Only files inside
 * the folder are served: a symlink that leads out of it is not followed.
 * `npm run bench` serves both decks it compares with the same handler, without
 * the security headers (scripts/bench/server.ts).
 */
import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import { extname, join, relative as relativeTo, resolve, sep } from 'node:path'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { audiencePageFile, audienceSlide } from '../shared/audience-route'
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

/**
 * A redirect target is a path on this site: one `/`, never `//` or `/\\`
 * (which a browser takes for another host), printable ASCII without spaces or
 * backslashes (the path is percent-encoded); anything else is undefined and the
 * request gets a 404 instead of a redirect.
 */
export function sameOriginLocation(location: string): string | undefined {
  const printable = [...location].every(char => char > ' ' && char <= '~' && char !== '\\')
  return location.startsWith('/') && !location.startsWith('//') && printable ? location : undefined
}

/** Whether `If-None-Match` names `etag`: `*`, or a list of tags, weak (`W/"…"`) or not, compared weakly. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header)
    return false
  if (header.trim() === '*')
    return true
  const strip = (tag: string): string => tag.trim().replace(/^W\//, '')
  return header.split(',').some(tag => strip(tag) === strip(etag))
}

/**
 * A single byte range of a body of `size` bytes: `bytes=a-b`, `bytes=a-` or
 * `bytes=-n`. `undefined` when the header is absent, malformed or asks for
 * several ranges (the whole body is sent then); `'unsatisfiable'` for a range
 * that starts past the end (416).
 */
export function parseRange(header: string | undefined, size: number): { start: number, end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '')
  if (!match || (match[1] === '' && match[2] === ''))
    return undefined
  const [first, last] = [match[1]!, match[2]!]
  if (first === '') {
    const suffix = Number(last)
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start)
    return undefined
  return start >= size ? 'unsatisfiable' : { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) }
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
  /**
   * Added to every HTML page: tells the deck that this server has a sync channel. Such a server also gives an
   * audience member the audience page (the build's audience/, scripts/audience/) at the deck's and a slide's address.
   */
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
  // Where the folder really is, for the symlink check (it may itself be reached through a link).
  let realRoot: Promise<string> | undefined
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

  /** Whether `file` is inside the folder once every symlink on its way is resolved. */
  async function inside(file: string): Promise<boolean> {
    realRoot ??= realpath(root)
    const [real, top] = await Promise.all([realpath(file), realRoot])
    return real === top || real.startsWith(top + sep)
  }

  /** The file's bytes, compressed copy and ETag, read once and again only when the file changes. */
  async function load(file: string): Promise<Entry | undefined> {
    let stats
    try {
      stats = await stat(file)
      if (!stats.isFile() || !await inside(file))
        return undefined
    }
    catch {
      return undefined
    }
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
    // An audience member at the deck's address or a slide's gets the audience page, when the build has it (shared/audience-route.ts).
    const slide = options.syncAvailable ? audienceSlide(relative, url.search) : undefined
    let entry = slide === undefined ? undefined : await load(join(root, audiencePageFile(slide)))
    if (!entry && relative !== '')
      entry = await load(file)
    if (!entry && relative !== '') {
      // A folder with its own page (the reader edition, reader/): served at its path with a slash, since its URLs are relative.
      const page = await load(join(file, 'index.html'))
      if (page && !path.endsWith('/')) {
        // Named by where the folder is, not by the path as sent: decoded, `/%2fevil.example%2f..%2freader`
        // begins with `//`, which a browser would follow to another host.
        // A path that resolves to the deck's own folder (`x%2f..`, which would make `//`) gets the deck, below.
        const folder = relativeTo(root, file).split(sep).map(encodeURIComponent).join('/')
        if (folder !== '') {
          const location = sameOriginLocation(`${base}${folder}/${url.search}`)
          if (!location)
            return send(request, response, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n')
          return send(request, response, 301, { Location: location })
        }
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
    const headers: Record<string, string> = { 'Content-Type': entry.type, 'Cache-Control': cacheControl, 'ETag': entry.etag, 'Vary': 'Accept-Encoding', 'Accept-Ranges': 'bytes' }
    if (etagMatches(request.headers['if-none-match'], entry.etag))
      return send(request, response, 304, headers)
    // A range is of the file's own bytes, never of the gzipped copy; `If-Range` with another ETag asks for the whole file.
    const ifRange = request.headers['if-range']
    const range = ifRange === undefined || ifRange === entry.etag ? parseRange(request.headers.range, entry.body.byteLength) : undefined
    if (range === 'unsatisfiable')
      return send(request, response, 416, { ...headers, 'Content-Range': `bytes */${entry.body.byteLength}` })
    if (range) {
      const part = entry.body.subarray(range.start, range.end + 1)
      headers['Content-Range'] = `bytes ${range.start}-${range.end}/${entry.body.byteLength}`
      headers['Content-Length'] = String(part.byteLength)
      return send(request, response, 206, headers, part)
    }
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
