import type { QuestionLimits } from './questions'
/**
 * `npm run serve`: hosts the built deck with a sync channel, so the audience
 * follows the presenter on their own devices.
 *
 *   npm run build && npm run serve                # http://localhost:3030/, this machine only
 *   npm run serve -- --host                       # on every network interface: phones can join
 *   DECK_SECRET=… npm run serve -- --port 8080    # a secret of your own, a fixed port
 *   npm run serve -- --public-origin https://talk.example.com --trust-proxy   # behind a reverse proxy
 */
import { constants, existsSync } from 'node:fs'
import { access, mkdir } from 'node:fs/promises'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { renderUnicodeCompact } from 'uqr'
import { PROJECTOR_QUERY } from '../shared/audience-route'
import { resolveSecret, SECRET_ENV } from './auth'
import { DEFAULT_CONNECTS_PER_MINUTE, DEFAULT_MAX_SOCKETS, DEFAULT_MAX_SOCKETS_PER_ADDRESS } from './hub'
import { DEFAULT_IPV6_PREFIX, MAX_IPV6_PREFIX, MIN_IPV6_PREFIX } from './limits'
import { parsePublicOrigin } from './proxy'
import { DEFAULT_QUESTION_LIMITS } from './questions'
import { startServer } from './serve'
import { buildTalkName, REDIS_ENV, TALK_ENV, TALK_NAME } from './talk-name'

/** The environment's spelling of --public-origin and --trust-proxy (for a container). */
export const PUBLIC_ORIGIN_ENV = 'DECK_PUBLIC_ORIGIN'
export const TRUST_PROXY_ENV = 'DECK_TRUST_PROXY'
/** The environment's spelling of --data (a container's volume). */
export const DATA_ENV = 'DECK_DATA'
export const DEFAULT_DATA_DIR = 'data'

const HELP = `Usage: npm run serve -- [options]

Serves the built deck (npm run build) and the presenter's sync channel on one port.

Options:
  --port N      port to listen on (default 3030, or the next free one; with --port, exactly N)
  --host [ADDR] listen on ADDR; --host alone listens on every interface so phones
                on the same network can join (default: localhost, this machine only)
  --base PATH   the base path the deck was built for (default: $BASE or /)
  --dir DIR     the built deck (default: dist)
  --data DIR    where the audience's questions are saved, as DIR/questions.jsonl
                (or $${DATA_ENV}; default: data); replayed at start, so they survive a
                restart. Given and not writable, the server does not start; the default
                not writable, it warns and keeps the questions in memory only.
                The presenter's rehearsals are saved there too, as DIR/rehearsals.jsonl
  --public-origin URL
                the deck's address as browsers see it behind a reverse proxy, e.g.
                https://talk.example.com (or $${PUBLIC_ORIGIN_ENV}): the only origin whose
                pages may open the sync channel; https here turns on Strict-Transport-Security
  --trust-proxy trust X-Forwarded-For, -Proto and -Host from the reverse proxy in front
                (or ${TRUST_PROXY_ENV}=1); only with a proxy that sets them, never without
  --max-sockets-per-address N
                sync connections one address may hold (default ${DEFAULT_MAX_SOCKETS_PER_ADDRESS})
  --connects-per-minute N
                sync connections one address may open a minute (default ${DEFAULT_CONNECTS_PER_MINUTE})
  --max-sockets N
                sync connections the server holds from other machines in all (default ${DEFAULT_MAX_SOCKETS})
  --ipv6-prefix N
                IPv6 clients share every per-address budget (connections, votes,
                questions, upvotes, wrong secrets) by their /N network, ${MIN_IPV6_PREFIX} to ${MAX_IPV6_PREFIX}
                (default ${DEFAULT_IPV6_PREFIX}: one home or phone network); IPv4 clients by address
  --questions-per-minute N
                new questions the whole room may ask a minute, after a burst of twice
                that (default ${DEFAULT_QUESTION_LIMITS.askPerRoom.perSecond * 60})
  --redis URL   share the talk with every instance on this Redis, e.g.
                redis://redis:6379/0 (or $${REDIS_ENV}): the presenter's position, the
                questions, votes, budgets, phone pairings, the audience count, the
                presenter's timer and the rehearsals are Redis', not this process'
                (--data is then unused)
  --talk NAME   the talk's name in Redis (or $${TALK_ENV}; default: the build's edition,
                talk-VERSION-COMMIT): instances given the same name serve one talk
  --import DIR  with --redis: take DIR, an embedded server's data directory, into the
                talk first (once: refused when the talk has questions or votes in Redis)
  --help        this text

The presenter's secret is ${SECRET_ENV} (at least 12 characters), or a new one
generated and printed at each start. Open the printed presenter link, or open
/presenter and type the secret: only that browser moves the audience's decks.`

/** The address phones on the same network reach: the first external IPv4 address. */
export function lanAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal)
        return address.address
    }
  }
  return undefined
}

/**
 * The data directory: the one given (it must be writable, or the server does
 * not start), or `data/`, which may not be (a container's read-only app
 * directory): then the questions are kept in memory only, and the log says so.
 */
async function resolveDataDir(given: string | undefined, what: string): Promise<string | undefined> {
  const dir = given ?? DEFAULT_DATA_DIR
  try {
    // Readable by this user only: the audience's words are the presenter's alone.
    await mkdir(dir, { recursive: true, mode: 0o700 })
    await access(dir, constants.W_OK)
    return dir
  }
  catch (error) {
    if (given !== undefined)
      throw new Error(`The data directory ${dir} cannot be written: ${(error as Error).message}`)
    process.stderr.write(`[sync] ${what} will NOT be saved: cannot write ${dir}/ (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give --data DIR (or ${DATA_ENV}) a writable directory\n`)
    return undefined
  }
}

/** A whole number of at least 1 from a flag, or undefined (the default) when it is not given. */
function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined)
    return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`${flag} must be a whole number of at least 1, not ${value}`)
  return number
}

/** `--ipv6-prefix N`: a whole number from 48 to 128, or the default. */
function ipv6Prefix(value: string | undefined): number | undefined {
  const prefix = count('--ipv6-prefix', value)
  if (prefix !== undefined && (prefix < MIN_IPV6_PREFIX || prefix > MAX_IPV6_PREFIX))
    throw new Error(`--ipv6-prefix must be from ${MIN_IPV6_PREFIX} to ${MAX_IPV6_PREFIX}, not ${value}`)
  return prefix
}

/** `--questions-per-minute N`: the room's budget, N a minute after a burst of 2N. */
function roomBudget(perMinute: number | undefined): Partial<QuestionLimits> | undefined {
  return perMinute === undefined ? undefined : { askPerRoom: { burst: 2 * perMinute, perSecond: perMinute / 60 } }
}

/**
 * `--redis URL --talk NAME --import DIR`: undefined without a URL (the
 * embedded store); the talk's name defaults to the build's edition
 * (dist/edition.json), so every replica of one build serves one talk.
 */
function redisOptions(dir: string, url: string | undefined, talk: string | undefined, importDir: string | undefined): { url: string, talk: string, importDir?: string } | undefined {
  if (!url) {
    if (importDir !== undefined || talk !== undefined)
      throw new Error(`--import and --talk need --redis URL (or $${REDIS_ENV})`)
    return undefined
  }
  if (!/^rediss?:\/\//.test(url))
    throw new Error('--redis must be a redis:// or rediss:// URL, e.g. redis://localhost:6379/0')
  const name = talk ?? buildTalkName(dir)
  if (!TALK_NAME.test(name))
    throw new Error(`--talk must be 1 to 64 letters, digits, and . _ + -, not ${JSON.stringify(name)}`)
  return { url, talk: name, ...(importDir === undefined ? {} : { importDir }) }
}

async function main(): Promise<void> {
  // `--host` alone means every interface, as in Vite and Slidev.
  const argv = process.argv.slice(2).flatMap((arg, index, all) => arg === '--host' && (all[index + 1] === undefined || all[index + 1]!.startsWith('--')) ? ['--host', '0.0.0.0'] : [arg])
  const { values } = parseArgs({
    args: argv,
    options: {
      'port': { type: 'string' },
      'host': { type: 'string' },
      'base': { type: 'string' },
      'dir': { type: 'string', default: 'dist' },
      'data': { type: 'string' },
      'public-origin': { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
      'max-sockets-per-address': { type: 'string' },
      'connects-per-minute': { type: 'string' },
      'max-sockets': { type: 'string' },
      'ipv6-prefix': { type: 'string' },
      'questions-per-minute': { type: 'string' },
      'redis': { type: 'string' },
      'talk': { type: 'string' },
      'import': { type: 'string' },
      'help': { type: 'boolean', default: false },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${HELP}\n`)
    return
  }
  const port = values.port === undefined ? 3030 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not ${values.port}`)
  const host = values.host ?? 'localhost'
  const publicOriginValue = values['public-origin'] ?? process.env[PUBLIC_ORIGIN_ENV]
  const publicOrigin = publicOriginValue ? parsePublicOrigin(publicOriginValue) : undefined
  const trustProxy = values['trust-proxy'] || process.env[TRUST_PROXY_ENV] === '1'
  if (!existsSync(join(values.dir, 'index.html')))
    throw new Error(`No built deck in ${values.dir}/: run npm run build first (BASE=/path/ npm run build for a base path).`)
  const { secret, generated } = resolveSecret(process.env)
  const redis = redisOptions(values.dir, values.redis ?? process.env[REDIS_ENV], values.talk ?? process.env[TALK_ENV], values.import)
  // With Redis the talk's state is Redis', its rehearsals too: no data directory is read or written.
  if (redis && values.data !== undefined)
    process.stderr.write(`[sync] --data ${values.data} is unused with --redis: the talk's questions, votes and rehearsals are kept in Redis\n`)
  const dataDir = redis ? undefined : await resolveDataDir(values.data ?? process.env[DATA_ENV], 'questions')
  const server = await startServer({
    dir: values.dir,
    dataDir,
    redis,
    base: values.base ?? process.env.BASE ?? '/',
    secret,
    port,
    host,
    nextFreePort: values.port === undefined,
    log: line => process.stderr.write(`[sync] ${line}\n`),
    publicOrigin,
    trustProxy,
    maxSocketsPerAddress: count('--max-sockets-per-address', values['max-sockets-per-address']),
    connectsPerMinute: count('--connects-per-minute', values['connects-per-minute']),
    maxSockets: count('--max-sockets', values['max-sockets']),
    ipv6Prefix: ipv6Prefix(values['ipv6-prefix']),
    questionLimits: roomBudget(count('--questions-per-minute', values['questions-per-minute'])),
  })

  const everywhere = host === '0.0.0.0' || host === '::'
  const publicHost = everywhere ? lanAddress() ?? 'localhost' : host
  const audience = `${publicOrigin ?? `http://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${server.port}`}${server.base}`
  const presenter = `${publicOrigin ?? `http://${everywhere ? 'localhost' : publicHost}:${server.port}`}${server.base}presenter/1#secret=${encodeURIComponent(secret)}`
  process.stdout.write([
    `Serving ${values.dir}/ at ${server.base} on port ${server.port}.`,
    '',
    `  Audience:  ${audience}`,
    `  Projector: ${audience}1?${PROJECTOR_QUERY}`,
    `             (Slidev's own deck, for the screen the room watches; the audience link gives phones a lighter page)`,
    `  Presenter: ${presenter}`,
    `             (the secret ${generated ? 'was generated for this run' : `comes from ${SECRET_ENV}`}; keep this link to yourself)`,
    `  Questions: ${server.where}; export them with`,
    `             curl -H "Authorization: Bearer $${SECRET_ENV}" ${publicOrigin ?? `http://localhost:${server.port}`}${server.base}api/questions.csv`,
    '',
    renderUnicodeCompact(audience, { border: 1 }),
    everywhere || publicOrigin ? 'Scan to follow along.' : 'Only this machine can open these links; add --host so phones on the same network can join.',
    '',
  ].join('\n'))

  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping)
        process.exit(1)
      stopping = true
      process.stderr.write(`\n${signal}: closing ${server.hub.clients.size} sync connection(s) and the server.\n`)
      server.close().then(() => process.exit(0), (error: unknown) => {
        process.stderr.write(`${String(error)}\n`)
        process.exit(1)
      })
    })
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
