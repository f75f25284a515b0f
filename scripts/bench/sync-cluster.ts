/**
 * `npm run bench:sync -- --instances 3 --redis`: the cost of sharing a talk
 * through Redis, side by side in one run. Three set-ups, one after the other,
 * each in fresh processes on 127.0.0.1:
 *   1. one `npm run serve` on its embedded store (today's default);
 *   2. one `npm run serve` on Redis: the same load, plus the Redis hop;
 *   3. N instances on Redis behind HAProxy (the followers through the
 *      balancer, the presenter on the first instance).
 * Each: the followers connect, the presenter steps through distinct
 * positions (warm-up first, not counted), every follower votes once and a
 * tenth change their vote; the delay from the presenter's send to the last
 * follower's receipt, the vote's acknowledgement, the CPU of the instances
 * and of redis-server per advance, and the votes as every instance exports
 * them (counted once, the same everywhere). Then, on set-up 3, one instance
 * is killed and its followers are timed until they follow again through the
 * balancer. On 2 cores the instances share the CPU: the figures are the cost
 * of the Redis hop, not a capacity; the sizing note at the end is an
 * estimate from the measured CPU per follower.
 */
import type { ChildProcess } from 'node:child_process'
import type { TestBalancer } from '../../server/test-haproxy'
import type { TestRedis } from '../../server/test-redis'
import type { ServeProcess } from '../../server/test-serve'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os, { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { WebSocket } from 'ws'
import { CLICK_TOTALS_FILE, formatClickTotals } from '../../server/click-totals'
import { POLLS_DEFINITIONS_FILE } from '../../server/polls'
import { haproxyMissing, startHaproxy } from '../../server/test-haproxy'
import { redisMissing, startRedis } from '../../server/test-redis'
import { spawnServe } from '../../server/test-serve'
import { reconnectDelay } from '../../shared/sync-protocol'
import { readOptions, whole } from '../lib/cli-args'
import { formatMs, formatTable, verdict } from '../lib/format'
import { parseCpuMs } from '../lib/processes'
import { quantile } from '../lib/stats'
import { BENCH_POLL } from './sync-room'

export interface ClusterOptions { instances: number, clients: number, advances: number, warmup: number, intervalMs: number }

export const CLUSTER_DEFAULTS: ClusterOptions = { instances: 3, clients: 1000, advances: 50, warmup: 5, intervalMs: 60 }

/** A killed instance's followers follow again within this (the issue's target). */
export const TARGET_FAILOVER_MS = 2000
/** The audience a big talk is sized for. */
export const SIZING_AUDIENCE = 20_000
/** The p99 the sizing aims at: the single process' own target (./sync.ts). */
const SIZING_P99_MS = 100

export const CLUSTER_USAGE = `Usage: npm run bench:sync -- --instances N --redis [options]

The cost of sharing one talk through Redis: one process on its embedded store,
one process on Redis, and N instances on Redis behind HAProxy, one after the
other, each with the same followers, advances and votes; then one instance is
killed and its followers are timed back. Needs redis-server and haproxy
(.ci/run installs them). Only 127.0.0.1 is contacted. Linux only (/proc).

  --instances N   instances behind the balancer (default ${CLUSTER_DEFAULTS.instances}, 2 to 8)
  --clients N     followers (default ${CLUSTER_DEFAULTS.clients})
  --advances N    measured advances (default ${CLUSTER_DEFAULTS.advances}), after --warmup N (default ${CLUSTER_DEFAULTS.warmup})
  --interval MS   least time between two advances (default ${CLUSTER_DEFAULTS.intervalMs})`

export function parseClusterOptions(argv: readonly string[]): ClusterOptions | 'help' {
  const values = readOptions(argv, ['instances', 'clients', 'advances', 'warmup', 'interval'], ['redis'])
  if (values === 'help')
    return 'help'
  if (!values.redis)
    throw new Error('--instances shares the talk through Redis: give --redis too')
  return {
    instances: whole('instances', values.instances, CLUSTER_DEFAULTS.instances, 2, 8),
    clients: whole('clients', values.clients, CLUSTER_DEFAULTS.clients, 1, 20_000),
    advances: whole('advances', values.advances, CLUSTER_DEFAULTS.advances, 1, 500),
    warmup: whole('warmup', values.warmup, CLUSTER_DEFAULTS.warmup, 0, 100),
    intervalMs: whole('interval', values.interval, CLUSTER_DEFAULTS.intervalMs, 0, 10_000),
  }
}

/** One set-up's figures. */
export interface SetupFigures {
  label: string
  delays: number[]
  acks: number[]
  /** CPU of the instances, and of redis-server, over the measured advances, in ms. */
  instancesCpuMs: number
  redisCpuMs: number
  /** HAProxy's CPU over the same advances (0 without a balancer). */
  balancerCpuMs: number
  advances: number
  clients: number
  /** The votes as each instance exports them: all equal to `expected` when counted once. */
  exported: number[][]
  expected: number[]
}

/**
 * Followers one core serves within the p99 aimed at, from the CPU one advance
 * took per follower (the instances' and Redis' together): one advance to F
 * followers takes F × that CPU, which must fit in SIZING_P99_MS. An estimate:
 * it leaves out the kernel's network work outside the processes and the
 * variance a p99 holds.
 */
export function followersPerCore(figures: SetupFigures): number {
  const perFollowerMs = perFollowerCpuMs(figures)
  return perFollowerMs > 0 ? Math.floor(SIZING_P99_MS / perFollowerMs) : Number.NaN
}

/** The CPU one advance took per follower: the instances' and Redis' (the balancer runs on machines of its own). */
export function perFollowerCpuMs(figures: SetupFigures): number {
  return (figures.instancesCpuMs + figures.redisCpuMs) / figures.advances / figures.clients
}

/** Instances of one core each for `audience` followers, with one spare so a dead instance's followers fit on the others. */
export function instancesFor(audience: number, perCore: number): number {
  return Math.ceil(audience / perCore) + 1
}

/** The comparison table: one row per set-up. */
export function clusterTable(setups: readonly SetupFigures[]): string[] {
  const rows = setups.map((setup) => {
    const counted = setup.exported.every(counts => JSON.stringify(counts) === JSON.stringify(setup.expected)) ? 'once, equal everywhere' : `MISCOUNTED: ${JSON.stringify(setup.exported)} (expected ${JSON.stringify(setup.expected)})`
    return [
      setup.label,
      formatMs(quantile(setup.delays, 0.5), 1),
      formatMs(quantile(setup.delays, 0.99), 1),
      formatMs(quantile(setup.acks, 0.5), 1),
      formatMs(quantile(setup.acks, 0.99), 1),
      formatMs(setup.instancesCpuMs / setup.advances, 1),
      formatMs(setup.redisCpuMs / setup.advances, 1),
      formatMs(setup.balancerCpuMs / setup.advances, 1),
      counted,
    ]
  })
  return formatTable(['set-up', 'delay p50', 'delay p99', 'vote ack p50', 'vote ack p99', 'instances CPU/advance', 'Redis CPU/advance', 'HAProxy CPU/advance', 'votes'], rows, { right: [1, 2, 3, 4, 5, 6, 7], gap: 3 }).map(line => `  ${line}`)
}

function cpuMs(pid: number | undefined): number {
  return pid === undefined ? 0 : parseCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'))
}

/** A follower: counts the states it hears per position, votes when asked, and reconnects after the deck's backoff when dropped. */
class Follower {
  ws!: WebSocket
  instance = ''
  last = ''
  private attempt = 0
  private stopped = false
  onState: (key: string) => void = () => {}
  onMessage: (message: { t?: unknown }) => void = () => {}

  constructor(private readonly url: string, readonly device: string) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = this.ws = new WebSocket(this.url, { perMessageDeflate: false })
      ws.on('upgrade', (response) => {
        this.instance = String(response.headers['x-served-by'] ?? '')
      })
      ws.once('open', () => {
        this.attempt = 0
        resolve()
      })
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { t?: unknown, page?: number, clicks?: number }
        if (message.t === 'state') {
          this.last = `${message.page}:${message.clicks}`
          this.onState(this.last)
        }
        else {
          this.onMessage(message)
        }
      })
      // The first connection's failure fails the run; a reconnection's is followed by its close, and another try.
      ws.on('error', reject)
      ws.on('close', () => {
        if (!this.stopped)
          setTimeout(() => void this.open().catch(() => {}), reconnectDelay(this.attempt++))
      })
    })
  }

  send(message: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN)
      this.ws.send(JSON.stringify(message))
  }

  stop(): void {
    this.stopped = true
    this.ws.terminate()
  }
}

/** Everything a set-up starts, stopped however it ends. */
class Running {
  readonly children: ChildProcess[] = []
  readonly followers: Follower[] = []
  readonly dirs: string[] = []
  balancer: TestBalancer | undefined

  async stop(): Promise<void> {
    for (const follower of this.followers.splice(0))
      follower.stop()
    await this.balancer?.close()
    for (const child of this.children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
    }
    for (const dir of this.dirs.splice(0))
      rmSync(dir, { recursive: true, force: true })
  }
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))

/** Waits until `done` holds, checking every 10 ms, for at most `ms`; false when it never did. */
async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms
  while (!done()) {
    if (performance.now() > deadline)
      return false
    await sleep(10)
  }
  return true
}

/** The deck folder every instance serves: the bench's poll, and pages of five clicks. */
function deckDir(running: Running): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cluster-'))
  running.dirs.push(dir)
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><html><head><title>Deck</title></head><body></body></html>')
  writeFileSync(join(dir, CLICK_TOTALS_FILE), formatClickTotals(Array.from({ length: 200 }, () => 4)))
  writeFileSync(join(dir, POLLS_DEFINITIONS_FILE), JSON.stringify({ polls: [BENCH_POLL] }))
  return dir
}

interface Setup { label: string, instances: number, redis?: TestRedis, balanced: boolean }

/** Runs one set-up; with `failover`, then kills the second instance and times its followers back. */
async function runSetup(setup: Setup, options: ClusterOptions, talk: string, say: (line: string) => void, failover: boolean): Promise<{ figures: SetupFigures, failoverMs?: number, moved?: number }> {
  const running = new Running()
  try {
    const secret = randomBytes(24).toString('base64url')
    const dir = deckDir(running)
    const instances: ServeProcess[] = []
    for (let index = 0; index < setup.instances; index++) {
      const data = mkdtempSync(join(tmpdir(), 'bench-cluster-data-'))
      running.dirs.push(data)
      const store = setup.redis ? ['--redis', setup.redis.url, '--talk', talk] : ['--data', data]
      instances.push(await spawnServe(['--dir', dir, ...store, '--max-sockets-per-address', String(options.clients + 10), '--connects-per-minute', String(options.clients * 2)], { DECK_SECRET: secret }, running.children))
    }
    if (setup.balanced)
      running.balancer = await startHaproxy(instances.map((instance, index) => ({ name: String.fromCharCode(97 + index), port: instance.port })))
    const url = running.balancer ? `ws://127.0.0.1:${running.balancer.port}/sync` : `ws://127.0.0.1:${instances[0]!.port}/sync`
    for (let start = 0; start < options.clients; start += 100) {
      const batch = Array.from({ length: Math.min(100, options.clients - start) }, (_, i) => new Follower(url, `bench-device-${String(start + i).padStart(8, '0')}`))
      await Promise.all(batch.map(follower => follower.open()))
      running.followers.push(...batch)
    }
    const spread = new Map<string, number>()
    for (const follower of running.followers)
      spread.set(follower.instance || 'a', (spread.get(follower.instance || 'a') ?? 0) + 1)
    say(`  ${options.clients} followers connected (${[...spread].map(([name, count]) => `${count} on ${name}`).join(', ')}); presenter on instance a`)

    const presenter = new WebSocket(`ws://127.0.0.1:${instances[0]!.port}/sync`, { perMessageDeflate: false })
    await new Promise<void>((resolve, reject) => {
      presenter.once('error', reject)
      presenter.on('message', data => String(data).includes('"auth","ok":true') && resolve())
      presenter.once('open', () => presenter.send(JSON.stringify({ t: 'auth', secret })))
    })

    // The advances: each to its own position, the next once every follower has the last.
    let received = 0
    let lastAt = 0
    for (const follower of running.followers) {
      follower.onState = () => {
        received++
        lastAt = performance.now()
      }
    }
    const delays: number[] = []
    const pids = instances.map(instance => instance.child.pid)
    const redisPid = setup.redis?.pid()
    const balancerPid = running.balancer?.pid
    let instancesCpu = 0
    let redisCpu = 0
    let balancerCpu = 0
    for (let index = 0; index < options.warmup + options.advances; index++) {
      if (index === options.warmup) {
        instancesCpu = pids.reduce<number>((sum, pid) => sum + cpuMs(pid), 0)
        redisCpu = cpuMs(redisPid)
        balancerCpu = cpuMs(balancerPid)
      }
      received = 0
      const sentAt = performance.now()
      presenter.send(JSON.stringify({ t: 'nav', page: 1 + Math.floor(index / 5), clicks: index % 5, clicksTotal: 4 }))
      if (!await waitFor(() => received >= options.clients, 10_000))
        throw new Error(`advance ${index + 1}: ${received} of ${options.clients} followers heard it within 10 s`)
      if (index >= options.warmup)
        delays.push(lastAt - sentAt)
      await sleep(Math.max(0, options.intervalMs - (performance.now() - sentAt)))
    }
    instancesCpu = pids.reduce<number>((sum, pid) => sum + cpuMs(pid), 0) - instancesCpu
    redisCpu = cpuMs(redisPid) - redisCpu
    balancerCpu = cpuMs(balancerPid) - balancerCpu

    // The votes: every follower once, then a tenth change theirs; each timed to its "voted".
    const acks: number[] = []
    const expected = BENCH_POLL.options.map(() => 0)
    const vote = async (followers: Follower[], option: (index: number) => number) => {
      let answered = 0
      await Promise.all(followers.map((follower, index) => new Promise<void>((resolve) => {
        const sentAt = performance.now()
        follower.onMessage = (message) => {
          if (message.t === 'voted' || message.t === 'refused') {
            if (message.t === 'voted')
              acks.push(performance.now() - sentAt)
            answered++
            follower.onMessage = () => {}
            resolve()
          }
        }
        follower.send({ t: 'vote', device: follower.device, poll: BENCH_POLL.id, option: option(index) })
      })))
      return answered
    }
    await vote(running.followers, index => index % BENCH_POLL.options.length)
    const changers = running.followers.filter((_, index) => index % 10 === 0)
    await vote(changers, () => BENCH_POLL.options.length - 1)
    running.followers.forEach((_, index) => expected[index % 10 === 0 ? BENCH_POLL.options.length - 1 : index % BENCH_POLL.options.length]!++)
    const exported: number[][] = []
    for (const instance of instances) {
      const response = await fetch(`http://127.0.0.1:${instance.port}/api/polls.json`, { headers: { Authorization: `Bearer ${secret}` } })
      const polls = await response.json() as Array<{ id: string, options: Array<{ votes: number }> }>
      exported.push(polls.find(poll => poll.id === BENCH_POLL.id)!.options.map(option => option.votes))
    }
    const figures: SetupFigures = { label: setup.label, delays, acks, instancesCpuMs: instancesCpu, redisCpuMs: redisCpu, balancerCpuMs: balancerCpu, advances: options.advances, clients: options.clients, exported, expected }
    if (!failover)
      return { figures }

    // One instance dies: its followers reconnect through the balancer, and follow the next advance.
    const victims = running.followers.filter(follower => follower.instance === 'b')
    const killedAt = performance.now()
    instances[1]!.child.kill('SIGKILL')
    await instances[1]!.exited
    const next = `${1 + Math.floor((options.warmup + options.advances) / 5)}:0`
    presenter.send(JSON.stringify({ t: 'nav', page: Number(next.split(':')[0]), clicks: 0, clicksTotal: 4 }))
    const back = await waitFor(() => victims.every(follower => follower.last === next && follower.instance !== 'b'), 30_000)
    presenter.terminate()
    return { figures, failoverMs: back ? performance.now() - killedAt : Number.NaN, moved: victims.length }
  }
  finally {
    await running.stop()
  }
}

/** The run: prints the table, the failover and the sizing note; resolves false when a vote was miscounted or the failover failed. */
export async function runCluster(options: ClusterOptions, say: (line: string) => void): Promise<boolean> {
  const missing = redisMissing() ?? haproxyMissing()
  if (missing)
    throw new Error(`--instances --redis needs redis-server and haproxy: ${missing}`)
  const cpus = os.cpus()
  say(`Sync across instances, ${new Date().toISOString()}: ${cpus.length} cores, load average ${os.loadavg()[0]!.toFixed(2)} before the run (other work skews the figures), Node ${process.version}; ${options.clients} followers, ${options.warmup} warm-up then ${options.advances} measured advances, then ${options.clients} votes and ${Math.ceil(options.clients / 10)} changed`)
  const redis = await startRedis()
  say(`redis-server on port ${redis.port}, AOF with appendfsync always (what the README advises for a talk)`)
  const setups: SetupFigures[] = []
  let failover: { failoverMs?: number, moved?: number } = {}
  try {
    const plan: Array<Setup & { failover: boolean }> = [
      { label: 'one process, embedded store', instances: 1, balanced: false, failover: false },
      { label: 'one process on Redis', instances: 1, redis, balanced: false, failover: false },
      { label: `${options.instances} instances on Redis, HAProxy`, instances: options.instances, redis, balanced: true, failover: true },
    ]
    for (const [index, setup] of plan.entries()) {
      say(`[${index + 1}/${plan.length}] ${setup.label}`)
      const result = await runSetup(setup, options, `bench-${index}-${Date.now()}`, say, setup.failover)
      setups.push(result.figures)
      if (setup.failover)
        failover = result
    }
  }
  finally {
    await redis.close()
  }
  say('')
  for (const line of clusterTable(setups))
    say(line)
  say('')
  say('Delay: the presenter\'s send to the last follower\'s receipt, over the measured advances. Vote ack: a vote to its "voted" (embedded: written and fdatasynced; Redis: the script run, with appendfsync always). CPU: user + system of the instances together, of redis-server and of HAProxy, per measured advance (/proc, 10 ms ticks).')
  const [embedded, oneOnRedis, many] = setups as [SetupFigures, SetupFigures, SetupFigures]
  const hop = (q: number) => quantile(oneOnRedis.delays, q) - quantile(embedded.delays, q)
  say(`The Redis hop, one process on Redis against the embedded store: ${formatMs(hop(0.5), 1)} at p50 and ${formatMs(hop(0.99), 1)} at p99 per advance, and ${formatMs(oneOnRedis.redisCpuMs / oneOnRedis.advances, 1)} of Redis CPU per advance.`)
  const failoverOk = failover.failoverMs !== undefined && Number.isFinite(failover.failoverMs)
  say(`Failover: ${failover.moved ?? 0} followers of a killed instance following again through HAProxy after ${formatMs(failover.failoverMs)} (target <= ${TARGET_FAILOVER_MS} ms: ${verdict(failover.failoverMs ?? Number.NaN, ms => ms <= TARGET_FAILOVER_MS)})`)
  const perCore = followersPerCore(many)
  say(`Sizing (an estimate): ${many.label} used ${(perFollowerCpuMs(many) * 1000).toFixed(1)} µs of CPU per follower per advance, instances and Redis together; at that cost one core gets an advance to ${Number.isFinite(perCore) ? perCore.toLocaleString('en') : '?'} followers within ${SIZING_P99_MS} ms, so ${SIZING_AUDIENCE.toLocaleString('en')} followers need ${Number.isFinite(perCore) ? instancesFor(SIZING_AUDIENCE, perCore) : '?'} instances of one core each (one of them spare, for a dead instance's followers), with Redis on a core of its own. Check it against bench:sync -- --headroom on the machines you will use.`)
  const counted = setups.every(setup => setup.exported.every(counts => JSON.stringify(counts) === JSON.stringify(setup.expected)))
  return counted && failoverOk
}

export function isClusterRun(argv: readonly string[]): boolean {
  return argv.includes('--instances')
}
