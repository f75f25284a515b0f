import type { Buffer } from 'node:buffer'
/**
 * The static host `npm run bench` serves each built deck from: the same for
 * both decks, on 127.0.0.1 and a free port. Like a plain static host: gzip for
 * text, long caching for hashed assets, index.html for any route without a file
 * extension. Unlike `npm run serve`, no Content-Security-Policy: that would
 * block the starter's Google fonts and remote images in a way its users do not
 * see (offline they fail to load all the same, and are counted).
 * Every file is read and compressed before the first request, so compression
 * never counts in a page's load time.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { readdir, readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, relative, sep } from 'node:path'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { CONTENT_TYPES } from '../../server/static'

const gzipAsync = promisify(gzip)

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.map', '.ttf', '.wasm'])

interface File { body: Buffer, gzip?: Buffer, type: string }

/** One response the server sent. */
export interface Sent {
  path: string
  /** Bytes written to the socket for it: status line, headers and body. */
  bytes: number
  /** performance.now() when it was sent completely. */
  at: number
}

export interface BenchServer {
  origin: string
  /** Responses sent completely since the last reset. */
  sent: Sent[]
  /** Responses still being sent. */
  inflight: () => number
  /** performance.now() of the last request that arrived or finished. */
  lastActivity: () => number
  /** Forgets what was sent. */
  reset: () => void
  close: () => Promise<void>
}

/** The URL path of a file under the root: `assets/a.js` → `/assets/a.js`. */
export function urlPath(root: string, file: string): string {
  return `/${relative(root, file).split(sep).join('/')}`
}

/** Serves a built deck at the root path until closed. */
export async function serveStatic(root: string): Promise<BenchServer> {
  const files = new Map<string, File>()
  const entries = (await readdir(root, { recursive: true, withFileTypes: true })).filter(entry => entry.isFile())
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name)
    const extension = extname(entry.name).toLowerCase()
    const body = await readFile(path)
    files.set(urlPath(root, path), {
      body,
      gzip: COMPRESSIBLE.has(extension) && body.byteLength > 1024 ? await gzipAsync(body) : undefined,
      type: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    })
  }
  const index = files.get('/index.html')
  if (!index)
    throw new Error(`No index.html in ${root}`)

  const respond = (request: IncomingMessage, response: ServerResponse): void => {
    let path: string
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://bench').pathname)
    }
    catch {
      response.writeHead(400).end()
      return
    }
    let file = files.get(path) ?? files.get(`${path.replace(/\/$/, '')}/index.html`)
    if (!file && extname(path) === '')
      file = index
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(file ? 405 : 404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(file ? 'Method not allowed\n' : 'Not found\n')
      return
    }
    const useGzip = file.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
    const body = useGzip ? file.gzip! : file.body
    response.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': String(body.byteLength),
      'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Vary': 'Accept-Encoding',
      ...(useGzip ? { 'Content-Encoding': 'gzip' } : {}),
    })
    response.end(request.method === 'HEAD' ? undefined : body)
  }
  let sent: Sent[] = []
  let inflight = 0
  let lastActivity = performance.now()
  const server = createServer((request, response) => {
    // Chromium sends one request at a time on a connection, so what the socket wrote in between is this response.
    const socket = request.socket
    const before = socket.bytesWritten
    const path = new URL(request.url ?? '/', 'http://bench').pathname
    inflight++
    lastActivity = performance.now()
    let counted = false
    const done = (complete: boolean): void => {
      if (counted)
        return
      counted = true
      inflight--
      lastActivity = performance.now()
      if (complete)
        sent.push({ path, bytes: socket.bytesWritten - before, at: lastActivity })
    }
    response.once('finish', () => done(true))
    response.once('close', () => done(false))
    respond(request, response)
  })
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string')
    throw new Error('The bench server has no port')
  return {
    // By name: Chromium's host rules map every host but localhost (IP literals included) to "not found".
    origin: `http://localhost:${address.port}`,
    get sent() {
      return sent
    },
    inflight: () => inflight,
    lastActivity: () => lastActivity,
    reset: () => {
      sent = []
    },
    close: () => new Promise((resolve) => {
      for (const socket of sockets)
        socket.destroy()
      server.close(() => resolve())
    }),
  }
}
