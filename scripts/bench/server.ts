/**
 * The static host `npm run bench` serves each built deck from: the same for
 * both decks, on 127.0.0.1 and a free port. It is `npm run serve`'s file
 * handler (server/static.ts: gzip for text, long caching for hashed assets,
 * ETags, index.html for any route without a file extension) at the base path
 * /, without its security headers: its Content-Security-Policy would block
 * the starter's Google fonts and remote images in a way its users do not see
 * (offline they fail to load all the same, and are counted).
 * Every file is read and compressed before the first request, so compression
 * never counts in a page's load time. Around the handler, the host counts
 * what it sent for each response.
 */
import type { Socket } from 'node:net'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { createStaticHandler } from '../../server/static'

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

/** Serves a built deck at the root path until closed. */
export async function serveStatic(root: string): Promise<BenchServer> {
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`No index.html in ${root}`)
  const respond = createStaticHandler({ dir: root, base: '/', syncAvailable: false, securityHeaders: false })
  await respond.warm()

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

/**
 * A server in a process of its own (`npm run serve`), for a visit: known by
 * its origin only. What it sends is not counted, so a visit's network is idle
 * by the page's own events alone, and a dedicated worker's script (which no
 * page event ends) would count nothing: the deck starts none.
 */
export function otherProcessServer(origin: string, close: () => Promise<void>): BenchServer {
  return { origin, sent: [], inflight: () => 0, lastActivity: () => 0, reset: () => {}, close }
}
