import type { IncomingMessage, ServerResponse } from 'node:http'
/**
 * The hosted deck: one Node process serves the built deck and its sync channel
 * on one port. `server/cli.ts` is the command (`npm run serve`); tests and the
 * load benchmark start it through `startServer`.
 */
import type { AddressInfo } from 'node:net'
import type { GuessLimiter } from './auth'
import type { GuessBudget, PollsBackend, QuestionsBackend } from './backend'
import type { HubOptions } from './hub'
import type { PollLimits } from './polls'
import type { ProxyOptions } from './proxy'
import type { QuestionLimits } from './questions'
import type { JournalOptions } from './store'
import { Buffer } from 'node:buffer'
import { createServer } from 'node:http'
import { MAX_SECRET_LENGTH, SYNC_PATH } from '../shared/sync-protocol'
import { secretMatches } from './auth'
import { readClickTotals } from './click-totals'
import { SyncHub } from './hub'
import { networkOf, ThrottledLog } from './limits'
import { exportPolls, pollsCsv, readPollDefinitions } from './polls'
import { clientAddress, isHttps, STRICT_TRANSPORT_SECURITY } from './proxy'
import { questionsCsv } from './questions'
import { answerRehearsals, rehearsalsRoute } from './rehearsals'
import { createStaticHandler, normalizeBase, SECURITY_HEADERS } from './static'
import { embeddedBackends, redisBackends } from './talk-backends'

export interface ServeOptions extends ProxyOptions, Pick<HubOptions, 'maxSocketsPerAddress' | 'maxSockets' | 'connectsPerMinute' | 'heartbeatMs'> {
  dir: string
  base: string
  secret: string
  port: number
  host: string
  /** Try the next ports when `port` is taken (up to 20), instead of failing. */
  nextFreePort?: boolean
  log?: (line: string) => void
  limiter?: GuessLimiter
  /**
   * Where the audience's questions are kept (./store.ts), and the presenter's
   * rehearsals (./rehearsals.ts); without it the questions are kept in memory
   * only, until the server stops, and rehearsals are not saved. Unused with
   * `redis`: the talk's all is in Redis.
   */
  dataDir?: string
  questionLimits?: Partial<QuestionLimits>
  pollLimits?: Partial<PollLimits>
  /** IPv6 clients are budgeted by this prefix (48 to 128; DEFAULT_IPV6_PREFIX, 64). */
  ipv6Prefix?: number
  /** The journals' file calls (./store.ts `JournalFiles`): a test makes them fail as a full disk would. */
  journalFiles?: JournalOptions<unknown>['files']
  /** A journal becomes a snapshot past this many bytes (DEFAULT_COMPACT_BYTES). */
  compactBytes?: number
  /**
   * Share the talk with every instance on this Redis (`dataDir` is then
   * unused): its URL, the talk's name, and a data directory to import first.
   */
  redis?: { url: string, talk: string, importDir?: string }
}

export interface RunningServer {
  /** The port it listens on (the one asked for, or the next free one). */
  port: number
  base: string
  hub: SyncHub
  /** The audience's questions. */
  questions: QuestionsBackend
  /** The deck's polls (from the build's deck-polls.json) and their votes. */
  polls: PollsBackend
  /** Where the questions and votes are kept, in words for the start-up banner. */
  where: string
  /** Closes the sync connections ("going away"), then the HTTP server. */
  close: () => Promise<void>
}

/** The health check, outside any base path: `/healthz`. It says only that the server is up, not who is connected. */
export const HEALTH_PATH = '/healthz'

/** The presenter's export of the questions, under the base path: `api/questions.json` and `api/questions.csv`. */
export const QUESTIONS_EXPORT = 'api/questions'
/** The presenter's export of the polls' results, the same way: `api/polls.json` and `api/polls.csv`. */
export const POLLS_EXPORT = 'api/polls'

/**
 * The secret in an `Authorization: Bearer <secret>` header, as the presenter
 * typed it: Node reads a header's bytes as Latin-1, so they are read again as
 * the UTF-8 a browser or curl sent; everything after `Bearer ` counts, spaces
 * included, as it does when the secret is typed into the presenter view.
 */
export function bearerSecret(header: string | undefined): string | undefined {
  // The scheme's name is case-insensitive (RFC 9110); the secret is not.
  const match = /^Bearer (.+)$/is.exec(header ?? '')
  if (!match)
    return undefined
  const secret = Buffer.from(match[1]!, 'latin1').toString('utf8')
  return secret.length <= MAX_SECRET_LENGTH ? secret : undefined
}

/**
 * Lets a request through to `answer` when it carries the presenter's secret
 * as `Authorization: Bearer <secret>` (never the secret in the address, which
 * ends up in logs and histories); else answers 401. A wrong secret counts
 * against the same limits as one sent over the channel (429 beyond them), and
 * is logged as they are (one line a window, then how many more).
 */
function asPresenter(request: IncomingMessage, response: ServerResponse, realm: { name: string, kind: string, what: string }, secret: string, guesses: GuessBudget, proxy: ProxyOptions & { ipv6Prefix?: number }, log: ThrottledLog, answer: () => void): void {
  const given = bearerSecret(request.headers.authorization)
  if (given !== undefined && secretMatches(secret, given))
    return answer()
  const headers = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' }
  const address = clientAddress(request, proxy)
  const unauthorized = (wait: number): void => {
    if (wait > 0) {
      log.line(`limited ${realm.kind} secrets`, `refused ${realm.what} to ${address}: too many wrong secrets`)
      response.writeHead(429, { ...headers, 'Retry-After': String(Math.ceil(wait / 1000)) })
      response.end('Too many wrong secrets\n')
      return
    }
    if (given !== undefined)
      log.line(`wrong ${realm.kind} secrets`, `wrong presenter secret for ${realm.what} from ${address}`)
    response.writeHead(401, { ...headers, 'WWW-Authenticate': `Bearer realm="${realm.name}"` })
    response.end('The presenter\'s secret is needed: Authorization: Bearer <secret>\n')
  }
  if (given === undefined)
    return unauthorized(0)
  // A budget that cannot be counted refuses the guess as one beyond it.
  guesses.fail(networkOf(address, proxy.ipv6Prefix)).then(unauthorized, () => unauthorized(1000))
}

/** The export of the questions or the polls, for the presenter only (`asPresenter`). */
function exportTo(request: IncomingMessage, response: ServerResponse, format: 'json' | 'csv', name: 'questions' | 'polls', body: (format: 'json' | 'csv') => string, secret: string, guesses: GuessBudget, proxy: ProxyOptions & { ipv6Prefix?: number }, log: ThrottledLog): void {
  const headers = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, 'Allow': 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
    response.end('Method not allowed\n')
    return
  }
  asPresenter(request, response, { name, kind: 'export', what: `the ${name} export` }, secret, guesses, proxy, log, () => {
    const text = body(format)
    response.writeHead(200, {
      ...headers,
      'Content-Type': format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="${name}.${format}"`,
    })
    response.end(request.method === 'HEAD' ? undefined : text)
  })
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const base = normalizeBase(options.base)
  const log = options.log ?? (() => {})
  const clickTotals = await readClickTotals(options.dir, log)
  const proxy: ProxyOptions = { publicOrigin: options.publicOrigin, trustProxy: options.trustProxy }
  const shared = { secret: options.secret, polls: await readPollDefinitions(options.dir, log), questionLimits: options.questionLimits, pollLimits: options.pollLimits, limiter: options.limiter, log }
  const backends = options.redis
    ? await redisBackends({ ...shared, ...options.redis })
    : await embeddedBackends({ ...shared, dataDir: options.dataDir, journalFiles: options.journalFiles, compactBytes: options.compactBytes })
  const { guesses, questions: questionsBackend, polls: pollsBackend } = backends
  const hub = new SyncHub({
    ...proxy,
    secret: options.secret,
    path: `${base}${SYNC_PATH}`,
    log,
    position: backends.position,
    audienceCount: backends.audienceCount,
    guesses,
    questions: questionsBackend,
    polls: pollsBackend,
    budgets: backends.budgets,
    remote: backends.remote,
    notSaved: backends.notSaved,
    clickTotals,
    pace: backends.pace,
    ipv6Prefix: options.ipv6Prefix,
    maxSocketsPerAddress: options.maxSocketsPerAddress,
    maxSockets: options.maxSockets,
    connectsPerMinute: options.connectsPerMinute,
    heartbeatMs: options.heartbeatMs,
  })
  backends.watch(hub)
  const exportLog = new ThrottledLog(log)
  const files = createStaticHandler({ dir: options.dir, base, syncAvailable: true })
  const server = createServer((request, response) => {
    if (isHttps(request, proxy))
      response.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY)
    if (request.url === HEALTH_PATH) {
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      response.end(JSON.stringify({ ok: true }))
      return
    }
    const path = (request.url ?? '/').split('?')[0]
    const exporting = { ...proxy, ipv6Prefix: options.ipv6Prefix }
    if (path === `${base}${QUESTIONS_EXPORT}.json` || path === `${base}${QUESTIONS_EXPORT}.csv`)
      return exportTo(request, response, path.endsWith('.csv') ? 'csv' : 'json', 'questions', format => format === 'json' ? `${JSON.stringify(questionsBackend.exported(), null, 2)}\n` : questionsCsv(questionsBackend.exported()), options.secret, guesses, exporting, exportLog)
    if (path === `${base}${POLLS_EXPORT}.json` || path === `${base}${POLLS_EXPORT}.csv`)
      return exportTo(request, response, path.endsWith('.csv') ? 'csv' : 'json', 'polls', format => format === 'json' ? `${JSON.stringify(exportPolls(pollsBackend), null, 2)}\n` : pollsCsv(exportPolls(pollsBackend)), options.secret, guesses, exporting, exportLog)
    const rehearsalsAsked = rehearsalsRoute(path ?? '/', base)
    if (rehearsalsAsked) {
      return asPresenter(request, response, { name: 'rehearsals', kind: 'rehearsal', what: 'the rehearsals' }, options.secret, guesses, exporting, exportLog, () => answerRehearsals(request, response, rehearsalsAsked, {
        store: backends.pace,
        deck: { clickTotals },
        headers: SECURITY_HEADERS,
        log,
      }))
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

  /** Closes the channel and the stores and frees the data directory: at close, or when the server could not listen. */
  const release = async (): Promise<void> => {
    await hub.close()
    exportLog.close()
    await backends.close()
  }

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
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt + 1 >= tries || port === 0) {
        // Not started: the stores and the data directory are free for the next try.
        await release()
        throw error
      }
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
    questions: questionsBackend,
    polls: pollsBackend,
    where: backends.where,
    close() {
      closing ??= (async () => {
        await release()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
      })()
      return closing
    },
  }
}
