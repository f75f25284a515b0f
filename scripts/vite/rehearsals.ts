/**
 * `npm run dev`'s side of the presenter view's Rehearse switch: the dev
 * server answers `api/rehearsals` (save one, POST) and `api/rehearsals/last`
 * (GET) as the hosted server does (server/rehearsals.ts: the same check,
 * the same durable write), into `data/rehearsals.jsonl`. It has no secret to
 * ask for: it answers this machine only, and no page of another site.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin } from 'vite'
import { join } from 'node:path'
import { isLoopback } from '../../server/limits.ts'
import { answerRehearsals, RehearsalFile, rehearsalsRoute } from '../../server/rehearsals.ts'

/** An origin a page on this machine has: `http://localhost:3030`, `http://127.0.0.1:3030`, `http://[::1]:3030`. */
const LOCAL_ORIGIN = /^https?:\/\/(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::\d+)?$/

/** Whether a request comes from this machine, and from no other site's page (browsers send Origin with a POST). */
export function fromThisMachine(request: IncomingMessage): boolean {
  const origin = request.headers.origin
  return isLoopback(request.socket.remoteAddress ?? '') && (origin === undefined || LOCAL_ORIGIN.test(origin))
}

export interface RehearsalsMiddlewareOptions {
  /** The deck's base path (`/`). */
  base: string
  store: RehearsalFile
  log: (line: string) => void
}

/** Answers the rehearsals' two addresses under `base`, for this machine only (403 otherwise); passes anything else on. */
export function rehearsalsMiddleware(options: RehearsalsMiddlewareOptions) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const path = ((request as { originalUrl?: string }).originalUrl ?? request.url ?? '/').split('?')[0]!
    const route = rehearsalsRoute(path, options.base)
    if (!route)
      return next()
    if (!fromThisMachine(request)) {
      response.writeHead(403, { 'Content-Type': 'application/json; charset=utf-8' })
      response.end(`${JSON.stringify({ error: 'rehearsals are saved from this machine only' })}\n`)
      return
    }
    answerRehearsals(request, response, route, { store: options.store, log: options.log })
  }
}

/** The plugin: in `npm run dev` only (a build has no server; the hosted one answers for itself). */
export function rehearsalsPlugin(dataDir?: string): Plugin {
  return {
    name: 'deck:rehearsals',
    apply: 'serve',
    configureServer(server) {
      const store = new RehearsalFile(dataDir ?? join(server.config.root, 'data'))
      server.middlewares.use(rehearsalsMiddleware({ base: server.config.base, store, log: line => server.config.logger.info(`[rehearsals] ${line}`) }))
    },
  }
}
