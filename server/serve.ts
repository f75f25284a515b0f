/**
 * The hosted deck: one Node process serves the built deck and its sync channel
 * on one port. `server/cli.ts` is the command (`npm run serve`); tests and the
 * load benchmark start it through `startServer`.
 */
import type { AddressInfo } from 'node:net'
import type { GuessLimiter } from './auth'
import type { HubOptions } from './hub'
import type { ProxyOptions } from './proxy'
import { createServer } from 'node:http'
import { SYNC_PATH } from '../shared/sync-protocol'
import { readClickTotals } from './click-totals'
import { SyncHub } from './hub'
import { isHttps, STRICT_TRANSPORT_SECURITY } from './proxy'
import { createStaticHandler, normalizeBase, SECURITY_HEADERS } from './static'

export interface ServeOptions extends ProxyOptions, Pick<HubOptions, 'maxSocketsPerAddress' | 'connectsPerMinute' | 'heartbeatMs'> {
  dir: string
  base: string
  secret: string
  port: number
  host: string
  /** Try the next ports when `port` is taken (up to 20), instead of failing. */
  nextFreePort?: boolean
  log?: (line: string) => void
  limiter?: GuessLimiter
}

export interface RunningServer {
  /** The port it listens on (the one asked for, or the next free one). */
  port: number
  base: string
  hub: SyncHub
  /** Closes the sync connections ("going away"), then the HTTP server. */
  close: () => Promise<void>
}

/** The health check, outside any base path: `/healthz`. It says only that the server is up, not who is connected. */
export const HEALTH_PATH = '/healthz'

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const base = normalizeBase(options.base)
  const log = options.log ?? (() => {})
  const clickTotals = await readClickTotals(options.dir, log)
  const proxy: ProxyOptions = { publicOrigin: options.publicOrigin, trustProxy: options.trustProxy }
  const hub = new SyncHub({
    ...proxy,
    secret: options.secret,
    path: `${base}${SYNC_PATH}`,
    log,
    limiter: options.limiter,
    clickTotals,
    maxSocketsPerAddress: options.maxSocketsPerAddress,
    connectsPerMinute: options.connectsPerMinute,
    heartbeatMs: options.heartbeatMs,
  })
  const files = createStaticHandler({ dir: options.dir, base, syncAvailable: true })
  const server = createServer((request, response) => {
    if (isHttps(request, proxy))
      response.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY)
    if (request.url === HEALTH_PATH) {
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      response.end(JSON.stringify({ ok: true }))
      return
    }
    files(request, response)
  })
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy())
    if (!hub.handleUpgrade(request, socket, head))
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
  })
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
  })

  const tries = options.nextFreePort ? 20 : 1
  let port = options.port
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, options.host, () => {
          server.off('error', reject)
          resolve()
        })
      })
      break
    }
    catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt + 1 >= tries || port === 0)
        throw error
      port++
    }
  }
  const address = server.address() as AddressInfo
  // Compress the deck's files now, not while the audience opens it.
  files.warm().catch((error: unknown) => log(`could not read ${options.dir} ahead: ${String(error)}`))

  let closing: Promise<void> | undefined
  return {
    port: address.port,
    base,
    hub,
    close() {
      closing ??= (async () => {
        await hub.close()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
      })()
      return closing
    },
  }
}
