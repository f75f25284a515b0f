import type { IncomingMessage, ServerResponse } from 'node:http'
/**
 * The hosted deck: one Node process serves the built deck and its sync channel
 * on one port. `server/cli.ts` is the command (`npm run serve`); tests and the
 * load benchmark start it through `startServer`.
 */
import type { AddressInfo } from 'node:net'
import type { HubOptions } from './hub'
import type { PollLimits } from './polls'
import type { ProxyOptions } from './proxy'
import type { QuestionLimits } from './questions'
import { createServer } from 'node:http'
import { SYNC_PATH } from '../shared/sync-protocol'
import { GuessLimiter, secretMatches } from './auth'
import { readClickTotals } from './click-totals'
import { lockDataDir } from './data-lock'
import { SyncHub } from './hub'
import { exportPolls, PollBoard, PollLimiter, pollsCsv, readPollDefinitions } from './polls'
import { clientAddress, isHttps, STRICT_TRANSPORT_SECURITY } from './proxy'
import { exportQuestions, QuestionBoard, QuestionLimiter, questionsCsv } from './questions'
import { readRevocation, RemoteKeys, writeRevocation } from './remote'
import { createStaticHandler, normalizeBase, SECURITY_HEADERS } from './static'
import { PollStore, QuestionStore, replay } from './store'

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
  /** Where the audience's questions are kept (./store.ts); without it they are kept in memory only, until the server stops. */
  dataDir?: string
  questionLimits?: Partial<QuestionLimits>
  pollLimits?: Partial<PollLimits>
}

export interface RunningServer {
  /** The port it listens on (the one asked for, or the next free one). */
  port: number
  base: string
  hub: SyncHub
  questions: QuestionBoard
  /** The question store, when a data directory was given. */
  store?: QuestionStore
  /** The deck's polls (from the build's deck-polls.json) and their votes. */
  polls: PollBoard
  /** The poll store, when a data directory was given. */
  pollStore?: PollStore
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
 * The export, for the presenter only: `Authorization: Bearer <secret>` (never
 * the secret in the address, which ends up in logs and histories). A wrong
 * secret counts against the same limits as one sent over the channel.
 */
function exportTo(request: IncomingMessage, response: ServerResponse, format: 'json' | 'csv', name: 'questions' | 'polls', body: (format: 'json' | 'csv') => string, secret: string, limiter: GuessLimiter, proxy: ProxyOptions, log: (line: string) => void): void {
  const headers = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, 'Allow': 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
    response.end('Method not allowed\n')
    return
  }
  const match = /^Bearer (\S{1,256})$/.exec(request.headers.authorization ?? '')
  if (!match || !secretMatches(secret, match[1]!)) {
    const address = clientAddress(request, proxy)
    const wait = match ? limiter.fail(address) : 0
    if (wait > 0) {
      response.writeHead(429, { ...headers, 'Retry-After': String(Math.ceil(wait / 1000)), 'Content-Type': 'text/plain; charset=utf-8' })
      response.end('Too many wrong secrets\n')
      return
    }
    if (match)
      log(`wrong presenter secret for the ${name} export from ${address}`)
    response.writeHead(401, { ...headers, 'WWW-Authenticate': `Bearer realm="${name}"`, 'Content-Type': 'text/plain; charset=utf-8' })
    response.end('The presenter\'s secret is needed: Authorization: Bearer <secret>\n')
    return
  }
  const text = body(format)
  response.writeHead(200, {
    ...headers,
    'Content-Type': format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `attachment; filename="${name}.${format}"`,
  })
  response.end(request.method === 'HEAD' ? undefined : text)
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const base = normalizeBase(options.base)
  const log = options.log ?? (() => {})
  const clickTotals = await readClickTotals(options.dir, log)
  const proxy: ProxyOptions = { publicOrigin: options.publicOrigin, trustProxy: options.trustProxy }
  const limiter = options.limiter ?? new GuessLimiter()
  // One server per data directory: taken before anything in it is read (./data-lock.ts).
  const lock = options.dataDir === undefined ? undefined : await lockDataDir(options.dataDir, log)
  const questions = new QuestionBoard()
  let store: QuestionStore | undefined
  if (options.dataDir !== undefined) {
    const opened = await QuestionStore.open(options.dataDir, log)
    store = opened.store
    const replayed = replay(store, opened.events, event => questions.apply(event), log)
    log(`questions: ${questions.questions.size} from ${store.file} (${replayed} events replayed)`)
  }
  const polls = new PollBoard(await readPollDefinitions(options.dir, log))
  let pollStore: PollStore | undefined
  if (options.dataDir !== undefined) {
    const opened = await PollStore.open(options.dataDir, log)
    pollStore = opened.store
    const replayed = replay(pollStore, opened.events, event => polls.apply(event), log)
    log(`polls: ${polls.polls.size} in the deck, ${replayed} events replayed from ${pollStore.file}`)
  }
  const remote = new RemoteKeys({ secret: options.secret, revokedBefore: options.dataDir === undefined ? 0 : await readRevocation(options.dataDir, log) })
  const hub = new SyncHub({
    ...proxy,
    secret: options.secret,
    path: `${base}${SYNC_PATH}`,
    log,
    limiter,
    questions,
    questionLimiter: new QuestionLimiter(options.questionLimits),
    onQuestionEvent: event => store?.append(event),
    polls,
    pollLimiter: new PollLimiter(options.pollLimits),
    onPollEvent: event => pollStore?.append(event),
    clickTotals,
    remote,
    // Kept so a restart does not bring a revoked phone back; without a data directory it holds until the server stops.
    onRevoke: revokedBefore => options.dataDir === undefined ? undefined : void writeRevocation(options.dataDir, revokedBefore).catch(error => log(`could not keep the remotes' revocation: ${(error as Error).message}`)),
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
    const path = (request.url ?? '/').split('?')[0]
    if (path === `${base}${QUESTIONS_EXPORT}.json` || path === `${base}${QUESTIONS_EXPORT}.csv`)
      return exportTo(request, response, path.endsWith('.csv') ? 'csv' : 'json', 'questions', format => format === 'json' ? `${JSON.stringify(exportQuestions(questions), null, 2)}\n` : questionsCsv(exportQuestions(questions)), options.secret, limiter, proxy, log)
    if (path === `${base}${POLLS_EXPORT}.json` || path === `${base}${POLLS_EXPORT}.csv`)
      return exportTo(request, response, path.endsWith('.csv') ? 'csv' : 'json', 'polls', format => format === 'json' ? `${JSON.stringify(exportPolls(polls), null, 2)}\n` : pollsCsv(exportPolls(polls)), options.secret, limiter, proxy, log)
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
    await store?.close()
    await pollStore?.close()
    await lock?.release()
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
    questions,
    store,
    polls,
    pollStore,
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
