import type { ChildProcess } from 'node:child_process'
import type { Memory } from '../lib/processes'
import type { StartFigures } from './sync-store'
import { spawn } from 'node:child_process'
/**
 * `npm run bench:sync`: a load benchmark (not a test) of the sync server,
 * side by side with a baseline in the same run.
 *
 * Starts `server/cli.ts` in a child process on a free localhost port, opens
 * many audience sockets, lets one authenticated presenter advance through
 * distinct positions and times each advance from the presenter's send to the
 * last audience socket's receipt. Then does the same with the baseline relay
 * (`scripts/bench/baseline-server.ts`: the smallest relay on the same `ws`
 * package, no auth, validation, rate limit or state), with the same clients
 * and advances. The first advances on each server are a warm-up (JIT) and are
 * not counted. Prints one table: p50/p99/max delay (percentiles interpolated
 * between the two nearest advances, scripts/lib/stats.ts), first receipt,
 * server CPU per advance and the server process's memory (VmRSS and peak VmHWM
 * from /proc, so Linux only) for both, the deck/baseline ratio of the delays,
 * and the deck server's targets.
 * Exits 1 on errors, a timeout or any message that never arrived; a figure
 * that misses its target is printed as "missed" but is not an error.
 *
 *   npm run bench:sync -- --clients 1000 --advances 100 --warmup 5
 *   npm run bench:sync -- --only deck
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os, { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { WebSocket } from 'ws'
import { CLICK_TOTALS_FILE, formatClickTotals } from '../../server/click-totals'
import { POLLS_DEFINITIONS_FILE } from '../../server/polls'
import { readOptions, whole } from '../lib/cli-args'
import { formatElapsed, formatMs, formatRatio, formatTable, MISSING, verdict } from '../lib/format'
import { parseCpuMs, parseMemory } from '../lib/processes'
import { quantile, ratio } from '../lib/stats'
import { CLUSTER_USAGE, isClusterRun, parseClusterOptions, runCluster } from './sync-cluster'
import { BENCH_POLL, checkRoom, countDifferences, firstWave, secondWave } from './sync-room'
import { measureStoreStarts } from './sync-store'

/** The two servers, in the order they run. */
export const SERVER_KINDS = ['deck', 'baseline'] as const
export type ServerKind = typeof SERVER_KINDS[number]
export const SERVER_NAMES: Record<ServerKind, string> = { deck: 'deck server', baseline: 'baseline relay' }

export interface Options {
  clients: number
  advances: number
  /** Advances before the measured ones on each server, not counted. */
  warmup: number
  batch: number
  intervalMs: number
  roundTimeoutMs: number
  /** Per server. */
  timeoutMs: number
  /** Run just this server; both when undefined. */
  only: ServerKind | undefined
  /** The room, on the deck server only (./sync-room.ts): votes in a poll, questions and upvotes, within `burstMs`. */
  votes: number
  questions: number
  upvotes: number
  burstMs: number
  /** Audience sizes to try one after the other on the deck server alone, instead of the comparison. */
  headroom: number[] | undefined
  /** The stored room whose start is timed after the comparison (./sync-store.ts); no upvotes: not timed. */
  storeQuestions: number
  storeUpvotes: number
}

export const DEFAULTS: Options = { clients: 1000, advances: 100, warmup: 5, batch: 100, intervalMs: 60, roundTimeoutMs: 5000, timeoutMs: 120_000, only: undefined, votes: 1000, questions: 100, upvotes: 1000, burstMs: 1000, headroom: undefined, storeQuestions: 2000, storeUpvotes: 2_000_000 }

/** The sizes `--headroom` tries when given without its own list. */
export const HEADROOM_SIZES = [1000, 2000, 4000, 7000, 10_000]
/** Measured advances per size in `--headroom`. */
export const HEADROOM_ADVANCES = 30

/** The deck server's targets: its p99 delay and its peak memory, checked after the table (a miss is reported, not an error). */
export const TARGET_P99_MS = 100
export const TARGET_MEMORY_MB = 200
/** A vote is answered "voted" once it is on disk: p99 from the send to that answer. */
export const TARGET_ACK_P99_MS = 50
/** A server on the stored room starts within this, in this memory (./sync-store.ts). */
export const TARGET_STORE_START_S = 2
export const TARGET_STORE_MEMORY_MB = 200

/** Positions use 5 clicks per page; the protocol allows pages up to 1000. */
const CLICKS_PER_PAGE = 5
/** Warm-up and measured advances together, each to its own position. */
export const MAX_ADVANCES = 1000 * CLICKS_PER_PAGE

const HOST = '127.0.0.1'
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

export const USAGE = `Usage: npm run bench:sync -- [options]

Load benchmark of the sync server (server/), side by side with a baseline relay
(scripts/bench/baseline-server.ts: the smallest relay on the same ws package,
every text message to every other socket, no auth, validation, rate limit or
state). Runs the deck server first, then the baseline, one after the other,
each in a child process on a free localhost port, with the same audience
sockets and advances; reports the delay from each advance to its last audience
receipt, the server's CPU time and memory. Only localhost is contacted. Linux
only (reads /proc).

  --clients N        audience sockets (default ${DEFAULTS.clients})
  --advances N       measured presenter advances, each to a new position (default ${DEFAULTS.advances})
  --warmup N         advances before the measured ones on each server, not counted,
                     so JIT compilation does not count (default ${DEFAULTS.warmup}; warm-up plus
                     measured advances at most ${MAX_ADVANCES})
  --only KIND        run only "deck" (the deck's server) or "baseline" (the relay)
  --votes N          on the deck server, while the presenter steps on, N audience
                     sockets vote in a poll within the burst (default ${DEFAULTS.votes})
  --questions N      N sockets ask a question in the burst's first fifth (default ${DEFAULTS.questions})
  --upvotes N        N sockets upvote one of them, once all are in (default ${DEFAULTS.upvotes})
  --burst MS         the room's burst, from a fifth into the measured advances (default ${DEFAULTS.burstMs})
  --store-questions N, --store-upvotes N
                     after the comparison, time the deck server's start on a data
                     directory holding N questions and N upvotes (default ${DEFAULTS.storeQuestions} and
                     ${DEFAULTS.storeUpvotes}), beside its start on an empty one; --store-upvotes 0 skips it
  --headroom [LIST]  instead: the deck server alone with each audience size in turn
                     (comma-separated; default ${HEADROOM_SIZES.join(',')}), ${HEADROOM_ADVANCES} advances each, no room,
                     until p99 passes ${TARGET_P99_MS} ms
  --batch N          sockets opened at once while connecting (default ${DEFAULTS.batch})
  --interval MS      least time between two advances; the hub allows 20 messages
                     a second per socket (default ${DEFAULTS.intervalMs})
  --round-timeout MS give up waiting for one advance's messages after this long (default ${DEFAULTS.roundTimeoutMs})
  --timeout SECONDS  stop everything and fail when one server's run takes longer (default ${DEFAULTS.timeoutMs / 1000})
  --instances N --redis
                     instead: the cost of sharing the talk through Redis, one process on
                     its embedded store, one on Redis, and N instances on Redis behind
                     HAProxy, side by side (./sync-cluster.ts; --help after them for theirs)
  --help             this text

The votes go to the baseline relay too, which answers each at once ("voted"
to the sender, nothing kept): the acknowledgement's cost beside the deck
server's, which answers once the vote is on disk.

Targets for the deck server: p99 delay under ${TARGET_P99_MS} ms, server memory under ${TARGET_MEMORY_MB} MB,
vote acknowledged p99 under ${TARGET_ACK_P99_MS} ms; on the stored room, a start under ${TARGET_STORE_START_S} s in under ${TARGET_STORE_MEMORY_MB} MB.
Exits 1 on an error, a timeout or any missing message; a figure that misses
its target is reported as "missed" without failing.`

function serverKind(raw: string | undefined): ServerKind | undefined {
  if (raw === undefined)
    return undefined
  if (!(SERVER_KINDS as readonly string[]).includes(raw))
    throw new Error(`--only must be ${SERVER_KINDS.join(' or ')}, not ${JSON.stringify(raw)}`)
  return raw as ServerKind
}

export function parseOptions(argv: readonly string[]): Options | 'help' {
  // --headroom alone (no list) takes the default sizes.
  const args = argv.map((arg, i) => arg === '--headroom' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--')) ? `--headroom=${HEADROOM_SIZES.join(',')}` : arg)
  const values = readOptions(args, ['clients', 'advances', 'warmup', 'only', 'batch', 'interval', 'round-timeout', 'timeout', 'votes', 'questions', 'upvotes', 'burst', 'headroom', 'store-questions', 'store-upvotes'])
  if (values === 'help')
    return 'help'
  const clients = whole('clients', values.clients, DEFAULTS.clients, 1, 100_000)
  const options: Options = {
    clients,
    advances: whole('advances', values.advances, DEFAULTS.advances, 1, MAX_ADVANCES),
    warmup: whole('warmup', values.warmup, DEFAULTS.warmup, 0, MAX_ADVANCES - 1),
    batch: whole('batch', values.batch, DEFAULTS.batch, 1, 10_000),
    intervalMs: whole('interval', values.interval, DEFAULTS.intervalMs, 0, 60_000),
    roundTimeoutMs: whole('round-timeout', values['round-timeout'], DEFAULTS.roundTimeoutMs, 1, 600_000),
    timeoutMs: whole('timeout', values.timeout, DEFAULTS.timeoutMs / 1000, 1, 86_400) * 1000,
    only: serverKind(values.only),
    // Not given, the room is as large as the audience allows (one send per socket).
    votes: whole('votes', values.votes, Math.min(DEFAULTS.votes, clients), 0, 100_000),
    questions: whole('questions', values.questions, Math.min(DEFAULTS.questions, clients), 0, 2000),
    upvotes: whole('upvotes', values.upvotes, Math.min(DEFAULTS.upvotes, clients), 0, 100_000),
    burstMs: whole('burst', values.burst, DEFAULTS.burstMs, 0, 60_000),
    headroom: values.headroom === undefined ? undefined : values.headroom.split(',').map(size => whole('headroom', size.trim(), 0, 1, 100_000)),
    storeQuestions: whole('store-questions', values['store-questions'], DEFAULTS.storeQuestions, 1, 2000),
    storeUpvotes: whole('store-upvotes', values['store-upvotes'], DEFAULTS.storeUpvotes, 0, 10_000_000),
  }
  const room = checkRoom(options)
  if (room)
    throw new Error(room)
  if (options.warmup + options.advances > MAX_ADVANCES)
    throw new Error(`--warmup plus --advances must be at most ${MAX_ADVANCES} (each advance goes to its own position), not ${options.warmup} + ${options.advances}`)
  return options
}

/** The servers to run, in order. */
export function serversToRun(only: ServerKind | undefined): ServerKind[] {
  return only ? [only] : [...SERVER_KINDS]
}

export interface Position { page: number, clicks: number, clicksTotal: number }

/** The presenter's i-th position (0-based, warm-up included): all distinct, so the hub never drops one as a repeat. */
export function positionAt(index: number): Position {
  return { page: 1 + Math.floor(index / CLICKS_PER_PAGE), clicks: index % CLICKS_PER_PAGE, clicksTotal: CLICKS_PER_PAGE - 1 }
}

export function positionKey(position: Position): string {
  return `${position.page}:${position.clicks}:${position.clicksTotal}`
}

/**
 * What the presenter sends for a position: the deck server takes a `nav` (after
 * the secret) and passes it on as a `state`; the baseline relay passes anything
 * on unchanged, so its presenter sends the `state` the audience should see.
 */
export function presenterMessage(kind: ServerKind, position: Position): string {
  return JSON.stringify({ t: kind === 'deck' ? 'nav' : 'state', ...position })
}

/** The port from a "… on port 1234." line (the deck server's banner, the baseline's one line); undefined until it has been printed. */
export function parsePort(output: string): number | undefined {
  const match = /\bon port (\d+)\b/.exec(output)
  return match ? Number(match[1]) : undefined
}

/** Megabytes (10^6 bytes) from /proc's kB (KiB). */
export function megabytes(kb: number): number {
  return kb * 1024 / 1e6
}

/** One server's figures over its measured advances. */
export interface Summary {
  p50Ms: number
  p99Ms: number
  maxMs: number
  firstP50Ms: number
  /** Measured advances whose messages all arrived. */
  complete: number
  cpuPerAdvanceMs: number
  idle: Memory
  connected: Memory
  /** After the run; its peakKb is the peak over the whole run. */
  after: Memory
  /** The room's figures, on the deck server when it had one. */
  room?: RoomSummary
  /** From each vote's send to its "voted", on either server (the relay answers at once). */
  ackP50Ms: number
  ackP99Ms: number
  acks: number
}

/** What the room did to the deck server (./sync-room.ts). */
export interface RoomSummary {
  votes: number
  questions: number
  upvotes: number
  /** From the burst's start to the last vote sent. */
  votesSentMs: number
  votesAcknowledged: number
  questionsAcknowledged: number
  refusals: number
  /** From the last vote sent until every audience socket had the final results. */
  resultsMs: number
  /** Delays of the advances sent during the burst. */
  burstP99Ms: number
  burstAdvances: number
  /** Miscounts found in the server's export; empty when every vote and upvote was counted once. */
  differences: string[]
}

export interface Measurement {
  /** Per complete measured advance: send to last audience receipt, and to first. */
  delays: readonly number[]
  firsts: readonly number[]
  advances: number
  serverCpuMs: number
  idle: Memory
  connected: Memory
  after: Memory
  room?: RoomSummary
  /** Per vote answered: send to "voted". */
  acks?: readonly number[]
}

export function summarize(measurement: Measurement): Summary {
  const { delays, firsts, advances, serverCpuMs, idle, connected, after, room, acks = [] } = measurement
  return {
    ...(room ? { room } : {}),
    ackP50Ms: quantile(acks, 0.5),
    ackP99Ms: quantile(acks, 0.99),
    acks: acks.length,
    p50Ms: quantile(delays, 0.5),
    p99Ms: quantile(delays, 0.99),
    maxMs: quantile(delays, 1),
    firstP50Ms: quantile(firsts, 0.5),
    complete: delays.length,
    cpuPerAdvanceMs: advances > 0 ? serverCpuMs / advances : Number.NaN,
    idle,
    connected,
    after,
  }
}

/** Milliseconds as the table prints them, to a tenth. */
function ms(value: number): string {
  return formatMs(value, 1)
}

export function formatMb(kb: number): string {
  return `${megabytes(kb).toFixed(1)} MB`
}

interface Row { label: string, value: (summary: Summary) => string, ratio?: (summary: Summary) => number }

/** The results side by side: one column per server that ran, and deck/baseline for the delays when both did. */
export function comparisonTable(summaries: Partial<Record<ServerKind, Summary>>, clients: number): string[] {
  const delay = (label: string, pick: (summary: Summary) => number): Row => ({ label, value: summary => ms(pick(summary)), ratio: pick })
  const rows: Row[] = [
    delay('delay p50', summary => summary.p50Ms),
    delay('delay p99', summary => summary.p99Ms),
    delay('delay max', summary => summary.maxMs),
    delay('first receipt p50', summary => summary.firstP50Ms),
    delay('vote acknowledged p50', summary => summary.ackP50Ms),
    delay('vote acknowledged p99', summary => summary.ackP99Ms),
    { label: 'votes acknowledged', value: summary => String(summary.acks) },
    { label: 'complete advances', value: summary => String(summary.complete) },
    { label: 'server CPU per advance', value: summary => ms(summary.cpuPerAdvanceMs) },
    { label: 'server RSS idle', value: summary => formatMb(summary.idle.rssKb) },
    { label: `server RSS, ${clients} connected`, value: summary => formatMb(summary.connected.rssKb) },
    { label: 'server RSS after the run', value: summary => formatMb(summary.after.rssKb) },
    { label: 'server RSS peak (VmHWM)', value: summary => formatMb(summary.after.peakKb) },
  ]
  // The room's rows when a server had one (the deck server; the relay has no polls or questions).
  if (Object.values(summaries).some(summary => summary?.room)) {
    rows.push(
      { label: 'room: delay p99 during the burst', value: summary => summary.room ? `${ms(summary.room.burstP99Ms)} (${summary.room.burstAdvances} advances)` : 'no room' },
      { label: 'room: votes sent, acknowledged', value: summary => summary.room ? `${summary.room.votes} in ${ms(summary.room.votesSentMs)}, ${summary.room.votesAcknowledged}` : 'no room' },
      { label: 'room: questions, upvotes', value: summary => summary.room ? `${summary.room.questionsAcknowledged} of ${summary.room.questions}, ${summary.room.upvotes}` : 'no room' },
      { label: 'room: final results everywhere', value: summary => summary.room ? `${ms(summary.room.resultsMs)} after the last vote` : 'no room' },
    )
  }
  const kinds = SERVER_KINDS.filter(kind => summaries[kind] !== undefined)
  const { deck, baseline } = summaries
  const header = ['', ...kinds.map(kind => SERVER_NAMES[kind])]
  const cells = rows.map(row => [row.label, ...kinds.map(kind => row.value(summaries[kind]!))])
  if (deck && baseline) {
    header.push('deck/baseline')
    rows.forEach((row, i) => {
      const value = row.ratio ? ratio(row.ratio(deck), row.ratio(baseline)) : undefined
      cells[i]!.push(value === undefined ? '' : value === null ? MISSING : `${formatRatio(value)}x`)
    })
  }
  return formatTable(header, cells, { right: header.map((_, column) => column).slice(1), gap: 3 }).map(line => `  ${line}`)
}

/** The deck server's targets, each with its verdict. */
export function targetLines(deck: Summary): string[] {
  const peak = megabytes(deck.after.peakKb)
  const room = deck.room
  const roomLines = room
    ? [
        `  p99 delay during the room's burst ${ms(room.burstP99Ms)}, target < ${TARGET_P99_MS} ms: ${verdict(room.burstP99Ms, p99 => p99 < TARGET_P99_MS)}`,
        `  every vote and upvote counted exactly once (the server's export against what was sent; ${room.refusals} refused): ${room.differences.length === 0 && room.refusals === 0 ? 'met' : `missed: ${room.differences.join('; ') || `${room.refusals} refused`}`}`,
      ]
    : []
  return [
    ...roomLines,
    `  vote acknowledged (on disk) p99 ${ms(deck.ackP99Ms)} over ${deck.acks} votes, target <= ${TARGET_ACK_P99_MS} ms: ${verdict(deck.ackP99Ms, p99 => p99 <= TARGET_ACK_P99_MS)}`,
    `  p99 delay ${ms(deck.p99Ms)}, target < ${TARGET_P99_MS} ms: ${verdict(deck.p99Ms, p99 => p99 < TARGET_P99_MS)}`,
    `  memory peak ${peak.toFixed(1)} MB (VmHWM; RSS ${formatMb(deck.idle.rssKb)} idle, ${formatMb(deck.connected.rssKb)} connected, ${formatMb(deck.after.rssKb)} after), target < ${TARGET_MEMORY_MB} MB: ${verdict(peak, mb => mb < TARGET_MEMORY_MB)}`,
  ]
}

function readMemory(pid: number): Memory {
  return parseMemory(readFileSync(`/proc/${pid}/status`, 'utf8'))
}

function readCpuMs(pid: number): number {
  return parseCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'))
}

function ownCpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** The soft limit on open files, or undefined where /proc/self/limits is not there. */
function openFileLimit(): number | undefined {
  try {
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'))
    return match && match[1] !== 'unlimited' ? Number(match[1]) : undefined
  }
  catch {
    return undefined
  }
}

const sleep = (ms: number) => new Promise<void>(done => setTimeout(done, ms))

/** Everything one server's run opens, undone however the run ends. */
class Resources {
  server: ChildProcess | undefined
  readonly sockets: WebSocket[] = []
  tempDir: string | undefined
  /** Called when the server exits before `cleanup` stops it. */
  onServerExit: (reason: string) => void = () => {}
  private cleaning: Promise<void> | undefined

  get stopping(): boolean {
    return this.cleaning !== undefined
  }

  cleanup(): Promise<void> {
    this.cleaning ??= (async () => {
      for (const socket of this.sockets.splice(0))
        socket.terminate()
      const server = this.server
      if (server && server.exitCode === null && server.signalCode === null) {
        const exited = new Promise<void>(done => server.once('exit', () => done()))
        server.kill('SIGTERM')
        const killer = setTimeout(() => server.kill('SIGKILL'), 2000)
        await Promise.race([exited, sleep(3000)])
        clearTimeout(killer)
      }
      if (this.tempDir)
        rmSync(this.tempDir, { recursive: true, force: true })
    })()
    return this.cleaning
  }
}

interface Server { child: ChildProcess, port: number, log: string[], description: string }

/** The command line, environment and description of one server. */
function serverCommand(kind: ServerKind, resources: Resources, secret: string): { args: string[], env: NodeJS.ProcessEnv, description: string } {
  if (kind === 'baseline') {
    return {
      args: [join(ROOT, 'scripts', 'bench', 'baseline-server.ts'), '--port', '0', '--host', HOST],
      env: process.env,
      description: 'scripts/bench/baseline-server.ts',
    }
  }
  // A folder of its own, with the click totals of the bench's walk (every page CLICKS_PER_PAGE steps), so the
  // server checks each position against its slide as it does for the real deck (server/click-totals.ts).
  const dir = resources.tempDir = mkdtempSync(join(tmpdir(), 'bench-sync-'))
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><html><head><title>Deck</title></head><body></body></html>')
  writeFileSync(join(dir, CLICK_TOTALS_FILE), formatClickTotals(Array.from({ length: MAX_ADVANCES / CLICKS_PER_PAGE }, () => CLICKS_PER_PAGE - 1)))
  // The room's poll, and a data directory of the run's own, whose store the run fills and then reads back through the export.
  writeFileSync(join(dir, POLLS_DEFINITIONS_FILE), JSON.stringify({ polls: [BENCH_POLL] }))
  return {
    args: [join(ROOT, 'server', 'cli.ts'), '--port', '0', '--host', HOST, '--dir', dir, '--data', join(dir, 'data')],
    env: { ...process.env, DECK_SECRET: secret },
    description: `server/cli.ts, serving ${dir}`,
  }
}

/** Starts a server in its own Node process (tsx as loader, so the pid is the server's) and waits for its port. */
async function startServerProcess(kind: ServerKind, resources: Resources, secret: string): Promise<Server> {
  const { args, env, description } = serverCommand(kind, resources, secret)
  const name = SERVER_NAMES[kind]
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  resources.server = child
  const log: string[] = []
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => log.push(...chunk.split('\n').filter(Boolean)))
  const port = await new Promise<number>((done, fail) => {
    let output = ''
    const timer = setTimeout(() => fail(new Error(`the ${name} printed no port within 30 s:\n${output}${log.join('\n')}`)), 30_000)
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      const port = parsePort(output)
      if (port !== undefined) {
        clearTimeout(timer)
        done(port)
      }
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      fail(error)
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      fail(new Error(`the ${name} exited (${signal ?? `code ${code}`}) before it listened:\n${log.join('\n')}`))
    })
  })
  child.once('exit', (code, signal) => {
    if (!resources.stopping)
      resources.onServerExit(`The ${name} exited during the run (${signal ?? `code ${code}`}):\n${log.slice(-10).join('\n')}`)
  })
  return { child, port, log, description }
}

function open(url: string, resources: Resources): Promise<WebSocket> {
  const ws = new WebSocket(url, { handshakeTimeout: 10_000, perMessageDeflate: false })
  resources.sockets.push(ws)
  return new Promise((done, fail) => {
    ws.once('open', () => done(ws))
    ws.once('error', fail)
  })
}

/** The deck server's presenter proves the secret; the baseline has none. */
/** Sends the presenter's secret; resolves with the audience count the server sends a presenter once it is in. */
async function authenticate(presenter: WebSocket, secret: string): Promise<number> {
  return new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the presenter got no answer to its secret within 5 s')), 5000)
    presenter.on('message', (data) => {
      const message = JSON.parse(String(data)) as { t?: unknown, ok?: unknown, count?: unknown }
      if (message.t === 'auth' && message.ok !== true) {
        clearTimeout(timer)
        fail(new Error(`the server refused the presenter's secret: ${String(data)}`))
      }
      if (message.t === 'audience' && typeof message.count === 'number') {
        clearTimeout(timer)
        done(message.count)
      }
    })
    presenter.send(JSON.stringify({ t: 'auth', secret }))
  })
}

interface Round { sentAt: number, received: number, firstAt: number, lastAt: number, complete: () => void }

type Say = (line?: string) => void

/** One server's run: start it, connect, warm up, measure, and report what went wrong; the caller cleans up. */
async function runServer(kind: ServerKind, options: Options, resources: Resources, say: Say): Promise<{ summary: Summary, ok: boolean }> {
  const secret = randomBytes(24).toString('base64url')
  const server = await startServerProcess(kind, resources, secret)
  const pid = server.child.pid!
  const url = `ws://${HOST}:${server.port}/sync`
  say(`  pid ${pid}, ${url} (${server.description}); load average ${os.loadavg()[0]!.toFixed(2)}`)

  await sleep(500)
  const idle = readMemory(pid)

  // Every audience socket counts the states it receives, per advance (warm-up included).
  const total = options.warmup + options.advances
  const rounds: (Round | undefined)[] = Array.from({ length: total })
  const indexOf = new Map<string, number>()
  for (let i = 0; i < total; i++)
    indexOf.set(positionKey(positionAt(i)), i)
  let received = 0
  let unexpected = 0
  let closedEarly = 0
  const roomOn = kind === 'deck' && options.votes + options.questions + options.upvotes > 0
  // The relay gets the room's votes alone, and answers each at once: the acknowledgement's baseline.
  const votesOnly = kind === 'baseline' && options.votes > 0
  const voteSentAt: number[] = []
  const acks: number[] = []
  const room = { votesAcked: 0, asked: 0, refusals: [] as string[], upvotesSent: 0, votesSent: 0, start: 0, lastVoteAt: 0, lastSendAt: 0, resultsReached: 0, resultsAt: 0, onAllAsked: () => {} }
  const resultsSeen: boolean[] = Array.from({ length: options.clients }, () => false)
  const onRoomMessage = (message: { t?: unknown, poll?: { id?: unknown, counts?: unknown }, reason?: unknown }, socket: number, now: number) => {
    if (message.t === 'voted') {
      room.votesAcked++
      if (voteSentAt[socket] !== undefined)
        acks.push(now - voteSentAt[socket]!)
    }
    else if (message.t === 'asked' && ++room.asked === options.questions) {
      room.onAllAsked()
    }
    else if (message.t === 'refused') {
      room.refusals.push(String(message.reason))
    }
    else if (message.t === 'poll' && message.poll?.id === BENCH_POLL.id && Array.isArray(message.poll.counts)) {
      const total = (message.poll.counts as number[]).reduce((sum, count) => sum + count, 0)
      if (total === options.votes && !resultsSeen[socket]) {
        resultsSeen[socket] = true
        if (++room.resultsReached === options.clients)
          room.resultsAt = now
      }
    }
    else if (!['polls', 'questions', 'question', 'question-changes'].includes(String(message.t))) {
      return false
    }
    return true
  }
  const onAudienceMessage = (data: WebSocket.RawData, socket: number) => {
    const now = performance.now()
    const message = JSON.parse(String(data)) as { t?: unknown } & Partial<Position>
    const index = message.t === 'state' ? indexOf.get(positionKey(message as Position)) : undefined
    const round = index === undefined ? undefined : rounds[index]
    if (!round) {
      // The deck server greets every deck with its polls; the room's messages are counted by onRoomMessage.
      if (!(kind === 'deck' && message.t === 'polls') && !((roomOn || votesOnly) && onRoomMessage(message, socket, now)))
        unexpected++
      return
    }
    received++
    if (round.received++ === 0)
      round.firstAt = now
    round.lastAt = now
    if (round.received === options.clients)
      round.complete()
  }

  const connectStart = performance.now()
  const audience: WebSocket[] = []
  for (let start = 0; start < options.clients; start += options.batch) {
    const batch = await Promise.all(Array.from({ length: Math.min(options.batch, options.clients - start) }, () => open(url, resources)))
    for (const ws of batch) {
      const socket = audience.push(ws) - 1
      ws.on('message', data => onAudienceMessage(data, socket))
      ws.on('close', () => closedEarly++)
    }
  }
  const connectMs = performance.now() - connectStart
  const connected = readMemory(pid)
  const presenter = await open(url, resources)
  let counted = 'the relay keeps no count'
  if (kind === 'deck') {
    // The deck's server tells its presenter how many follow (/healthz tells the public nothing of it).
    const audience = await authenticate(presenter, secret)
    if (audience !== options.clients)
      throw new Error(`the deck server counts ${audience} audience sockets, not ${options.clients}`)
    counted = `the presenter is told ${audience} follow`
  }
  say(`  connected ${options.clients} audience sockets in ${connectMs.toFixed(0)} ms (batches of ${options.batch}); ${counted}`)

  /** Sends the room's first wave, and its second once every question is acknowledged (./sync-room.ts). */
  function startRoom(): void {
    room.start = performance.now()
    const send = (planned: { atMs: number, socket: number, message: { t: string } }) => setTimeout(() => {
      audience[planned.socket]!.send(JSON.stringify(planned.message))
      room.lastSendAt = performance.now()
      if (planned.message.t === 'vote')
        voteSentAt[planned.socket] = room.lastSendAt
      if (planned.message.t === 'vote' && ++room.votesSent === options.votes)
        room.lastVoteAt = room.lastSendAt
      if (planned.message.t === 'upvote')
        room.upvotesSent++
    }, Math.max(0, planned.atMs - (performance.now() - room.start)))
    if (votesOnly) {
      firstWave(options).filter(planned => planned.message.t === 'vote').forEach(send)
      return
    }
    room.onAllAsked = () => secondWave(options, performance.now() - room.start).forEach(send)
    firstWave(options).forEach(send)
    if (options.questions === 0)
      room.onAllAsked()
  }

  const firsts: number[] = []
  // Per complete measured advance: when it was sent, and its delay to the last audience socket.
  const measured: { sentAt: number, delay: number }[] = []
  let timedOut = 0
  let timedOutWarmup = 0
  let lastSend = Number.NEGATIVE_INFINITY
  let measuredStart = performance.now()
  let serverCpuStart = readCpuMs(pid)
  let benchCpuStart = ownCpuMs()
  for (let i = 0; i < total; i++) {
    const wait = lastSend + options.intervalMs - performance.now()
    if (wait > 0)
      await sleep(wait)
    if (i === options.warmup) {
      measuredStart = performance.now()
      serverCpuStart = readCpuMs(pid)
      benchCpuStart = ownCpuMs()
    }
    if ((roomOn || votesOnly) && i === options.warmup + Math.floor(options.advances / 5))
      startRoom()
    const position = positionAt(i)
    let complete = () => {}
    const done = new Promise<boolean>((resolve) => {
      complete = () => resolve(true)
      setTimeout(() => resolve(false), options.roundTimeoutMs).unref()
    })
    const round: Round = { sentAt: 0, received: 0, firstAt: 0, lastAt: 0, complete }
    rounds[i] = round
    round.sentAt = lastSend = performance.now()
    presenter.send(presenterMessage(kind, position))
    const arrived = await done
    if (i < options.warmup) {
      if (!arrived)
        timedOutWarmup++
    }
    else if (arrived) {
      firsts.push(round.firstAt - round.sentAt)
      measured.push({ sentAt: round.sentAt, delay: round.lastAt - round.sentAt })
    }
    else {
      timedOut++
    }
  }
  const runMs = performance.now() - measuredStart
  const serverCpu = readCpuMs(pid) - serverCpuStart
  const benchCpu = ownCpuMs() - benchCpuStart
  await sleep(200) // stragglers of a timed-out round still count as received
  const roomSummary = roomOn ? await finishRoom() : undefined
  if (votesOnly) {
    const deadline = performance.now() + 10_000
    while (performance.now() < deadline && room.votesAcked < options.votes)
      await sleep(50)
  }
  const after = readMemory(pid)

  /** Waits for the room's last messages, then checks the server's export against what was sent. */
  async function finishRoom(): Promise<RoomSummary> {
    const deadline = performance.now() + 10_000
    while (performance.now() < deadline && (room.votesSent < options.votes || room.upvotesSent < options.upvotes || room.votesAcked < options.votes || room.asked < options.questions || (options.votes > 0 && room.resultsAt === 0)))
      await sleep(50)
    const headers = { Authorization: `Bearer ${secret}` }
    const read = async (name: string) => (await fetch(`http://${HOST}:${server.port}/api/${name}.json`, { headers })).json()
    let differences: string[] = []
    // The last upvotes have no acknowledgement of their own: read until the export holds them, for up to 5 s.
    for (let tries = 0; tries < 25; tries++) {
      differences = countDifferences(options, await read('polls') as never, await read('questions') as never)
      if (differences.length === 0)
        break
      await sleep(200)
    }
    const during = measured.filter(advance => advance.sentAt >= room.start && advance.sentAt <= room.lastSendAt).map(advance => advance.delay)
    return {
      votes: options.votes,
      questions: options.questions,
      upvotes: room.upvotesSent,
      votesSentMs: room.lastVoteAt - room.start,
      votesAcknowledged: room.votesAcked,
      questionsAcknowledged: room.asked,
      refusals: room.refusals.length,
      resultsMs: room.resultsAt > 0 ? room.resultsAt - room.lastVoteAt : Number.NaN,
      burstP99Ms: quantile(during, 0.99),
      burstAdvances: during.length,
      differences,
    }
  }

  say(`  ${options.warmup} warm-up advance(s) (not counted), then ${options.advances} measured in ${formatElapsed(runMs)}; CPU time over the measured ones: server ${(serverCpu / 1000).toFixed(2)} s, this process (the audience) ${(benchCpu / 1000).toFixed(2)} s`)
  if (timedOut || timedOutWarmup)
    say(`  ${timedOut} measured and ${timedOutWarmup} warm-up advance(s) timed out after ${options.roundTimeoutMs} ms`)
  const expected = options.clients * total
  const missing = expected - received
  say(`  messages: ${received} of ${expected} expected received (${options.clients} sockets x ${total} advances)${missing > 0 ? `, ${missing} MISSING` : ''}`)
  if (unexpected)
    say(`  and ${unexpected} other message(s) to the audience`)
  if (roomSummary) {
    say(`  room: ${roomSummary.votesAcknowledged} of ${options.votes} votes and ${roomSummary.questionsAcknowledged} of ${options.questions} questions acknowledged, ${roomSummary.upvotes} upvotes sent, ${roomSummary.refusals} refused${room.refusals[0] ? ` (first: ${room.refusals[0]})` : ''}; ${roomSummary.burstAdvances} advances during the burst`)
    for (const difference of roomSummary.differences)
      say(`  MISCOUNT: ${difference}`)
  }
  if (closedEarly)
    say(`  ${closedEarly} audience socket(s) closed during the run`)
  // What the server logs at start and for the presenter is expected; anything else is worth a look.
  const problems = server.log.filter(line => !/presenter joined|\[sync\] (?:questions|polls): /.test(line))
  if (problems.length) {
    say(`  server log (${problems.length} line(s)):`)
    for (const line of problems.slice(0, 10))
      say(`    ${line}`)
  }
  if (votesOnly)
    say(`  votes: ${room.votesAcked} of ${options.votes} answered by the relay`)
  const summary = summarize({ delays: measured.map(advance => advance.delay), firsts, advances: options.advances, serverCpuMs: serverCpu, idle, connected, after, room: roomSummary, acks })
  return { summary, ok: missing === 0 && closedEarly === 0 && (!roomSummary || (roomSummary.differences.length === 0 && roomSummary.refusals === 0)) }
}

/** One size's figures in `--headroom`. */
export interface HeadroomRow { clients: number, p99Ms: number, complete: number, advances: number, peakKb: number }

/** The headroom table, and the largest audience whose p99 stayed under the target (undefined when none did). */
export function headroomReport(rows: readonly HeadroomRow[]): { lines: string[], holds: number | undefined } {
  const within = rows.filter(row => row.p99Ms < TARGET_P99_MS && row.complete === row.advances)
  const lines = formatTable(['audience sockets', 'delay p99', 'complete advances', 'server RSS peak'], rows.map(row => [String(row.clients), ms(row.p99Ms), `${row.complete} of ${row.advances}`, formatMb(row.peakKb)]), { right: [0, 1, 2, 3], gap: 3 }).map(line => `  ${line}`)
  return { lines, holds: within.length > 0 ? Math.max(...within.map(row => row.clients)) : undefined }
}

/** The deck server alone with each audience size in turn, until p99 passes the target or an advance goes missing. */
async function headroom(options: Options, sizes: readonly number[], say: Say, track: (resources: Resources) => void): Promise<void> {
  say(`Headroom: the deck server alone, ${sizes.join(', ')} audience sockets in turn, ${HEADROOM_ADVANCES} measured advances each, no room; stops once p99 passes ${TARGET_P99_MS} ms`)
  const rows: HeadroomRow[] = []
  for (const clients of sizes) {
    say()
    say(`[${clients} sockets]`)
    const resources = new Resources()
    track(resources)
    try {
      const { summary } = await runServer('deck', { ...options, clients, advances: HEADROOM_ADVANCES, votes: 0, questions: 0, upvotes: 0 }, resources, say)
      rows.push({ clients, p99Ms: summary.p99Ms, complete: summary.complete, advances: HEADROOM_ADVANCES, peakKb: summary.after.peakKb })
    }
    finally {
      await resources.cleanup()
    }
    const last = rows.at(-1)!
    if (!(last.p99Ms < TARGET_P99_MS) || last.complete < last.advances)
      break
    await sleep(500)
  }
  const { lines, holds } = headroomReport(rows)
  say()
  for (const line of lines)
    say(line)
  say()
  say(holds === undefined
    ? `No size tried kept p99 under ${TARGET_P99_MS} ms on this machine.`
    : `One server process held ${holds} followers with p99 under ${TARGET_P99_MS} ms on this machine${holds === Math.max(...sizes) ? ' (the largest size tried)' : ''}.`)
}

/** The command line read by `parse`: undefined once --help is printed; a wrong option prints it with the usage and exits 1. */
function readCommandLine<T>(parse: (argv: readonly string[]) => T | 'help', usage: string): T | undefined {
  let options: T | 'help'
  try {
    options = parse(process.argv.slice(2))
  }
  catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`)
    process.exit(1)
  }
  if (options !== 'help')
    return options
  process.stdout.write(`${usage}\n`)
  return undefined
}

async function main(): Promise<void> {
  // Several instances on Redis: a run of its own (./sync-cluster.ts).
  if (isClusterRun(process.argv.slice(2))) {
    const cluster = readCommandLine(parseClusterOptions, CLUSTER_USAGE)
    if (!cluster)
      return
    const ok = await runCluster(cluster, line => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
      process.stderr.write(`bench:sync failed: ${error instanceof Error ? error.message : String(error)}\n`)
      return false
    })
    process.exit(ok ? 0 : 1)
  }
  const options = readCommandLine(parseOptions, USAGE)
  if (!options)
    return

  let current: Resources | undefined
  let stopping = false
  const stop = async (code: number, reason?: string) => {
    if (stopping)
      return
    stopping = true
    if (reason)
      process.stderr.write(`${reason}\n`)
    await current?.cleanup()
    process.exit(code)
  }
  process.once('SIGINT', () => void stop(130, 'Interrupted: closing the sockets and stopping the server.'))
  process.once('SIGTERM', () => void stop(143, 'Terminated: closing the sockets and stopping the server.'))

  const say: Say = (line = '') => process.stdout.write(`${line}\n`)
  const kinds = serversToRun(options.only)
  const cpus = os.cpus()
  say(`Sync server load benchmark, ${new Date().toISOString()}`)
  say(`Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores (os.cpus), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}, Node ${process.version}`)
  say(`Load average before the run: ${os.loadavg().map(load => load.toFixed(2)).join(', ')} (1, 5, 15 min; other work on these ${cpus.length} cores skews the delays)`)
  say(`Load on each server: ${options.clients} audience sockets + 1 presenter; ${options.warmup} warm-up advance(s), not counted, then ${options.advances} measured; each advance after the previous one has fully arrived and at least ${options.intervalMs} ms after it was sent`)
  say(kinds.length > 1
    ? `Order: ${kinds.map(kind => `the ${SERVER_NAMES[kind]}`).join(', then ')}, one after the other (never at once), each in a fresh process`
    : `Only the ${SERVER_NAMES[kinds[0]!]} (--only ${kinds[0]})`)
  if (kinds.includes('baseline'))
    say('Baseline relay: the smallest relay on the same ws package; every text message to every other open socket, no auth, validation, rate limit or state')

  const limit = openFileLimit()
  const most = Math.max(options.clients, ...(options.headroom ?? []))
  if (limit !== undefined && limit < most + 100)
    await stop(1, `bench:sync failed: the open file limit (${limit}) is too low for ${most} sockets; raise it (ulimit -n) or use fewer`)

  if (options.headroom) {
    await headroom(options, options.headroom, say, (resources) => {
      current = resources
      resources.onServerExit = reason => void stop(1, reason)
    }).catch(error => stop(1, `bench:sync failed: ${error instanceof Error ? error.message : String(error)}`))
    await stop(0)
    return
  }

  const summaries: Partial<Record<ServerKind, Summary>> = {}
  let ok = true
  try {
    for (const [n, kind] of kinds.entries()) {
      if (n > 0)
        await sleep(500) // the previous server's sockets and process are gone; let the machine settle
      say()
      say(`[${n + 1}/${kinds.length}] ${SERVER_NAMES[kind]}`)
      const resources = current = new Resources()
      resources.onServerExit = reason => void stop(1, reason)
      const timer = setTimeout(() => void stop(1, `Timed out after ${options.timeoutMs / 1000} s on the ${SERVER_NAMES[kind]}: stopping it.`), options.timeoutMs)
      try {
        const result = await runServer(kind, options, resources, say)
        summaries[kind] = result.summary
        ok &&= result.ok
      }
      finally {
        clearTimeout(timer)
        await resources.cleanup()
      }
    }
  }
  catch (error) {
    await stop(1, `bench:sync failed: ${error instanceof Error ? error.message : String(error)}`)
    return
  }

  say()
  say(`Results after ${options.warmup} warm-up advance(s) (not counted), over ${options.advances} measured advances on each server, ${options.clients} audience sockets:`)
  say()
  for (const line of comparisonTable(summaries, options.clients))
    say(line)
  say()
  say('Delay: from the presenter\'s send to the last audience socket\'s receipt (first receipt: to the first socket\'s); percentiles over the complete advances, interpolated between the two nearest.')
  say('Server CPU: user + system time of the server process over the measured advances (/proc, 10 ms ticks), per advance. RSS: /proc VmRSS; peak: VmHWM.')
  say('Vote acknowledged: from a socket\'s vote to its "voted"; the deck server answers once the vote is written and fdatasynced (a group commit for the votes that arrive together), the relay at once.')
  let starts: StartFigures[] = []
  if (options.storeUpvotes > 0 && kinds.includes('deck')) {
    say()
    say(`Start on a stored room: ${options.storeQuestions} questions and ${options.storeUpvotes} upvotes, beside an empty data directory; each start a fresh process, from the spawn to "on port", memory the process's peak (VmHWM) once it listens:`)
    try {
      starts = await measureStoreStarts(ROOT, { questions: options.storeQuestions, upvotes: options.storeUpvotes }, say)
    }
    catch (error) {
      await stop(1, `bench:sync failed timing the stored room's start: ${error instanceof Error ? error.message : String(error)}`)
      return
    }
    say()
    for (const line of formatTable(['data directory', 'on disk', 'start', 'memory peak'], starts.map(row => [row.label, `${row.fileMb.toFixed(1)} MB`, `${row.seconds.toFixed(2)} s`, `${row.peakMb.toFixed(1)} MB`]), { right: [1, 2, 3], gap: 3 }))
      say(`  ${line}`)
  }
  if (summaries.deck) {
    say()
    say('Targets for the deck server:')
    for (const line of targetLines(summaries.deck))
      say(line)
    const fromSnapshot = starts.at(-1)
    if (fromSnapshot)
      say(`  start on the stored room ${fromSnapshot.seconds.toFixed(2)} s in ${fromSnapshot.peakMb.toFixed(1)} MB (an empty one: ${starts[0]!.seconds.toFixed(2)} s in ${starts[0]!.peakMb.toFixed(1)} MB), target <= ${TARGET_STORE_START_S} s and <= ${TARGET_STORE_MEMORY_MB} MB: ${verdict(fromSnapshot.seconds, seconds => seconds <= TARGET_STORE_START_S && fromSnapshot.peakMb <= TARGET_STORE_MEMORY_MB)}`)
  }
  await stop(ok ? 0 : 1)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await main()
