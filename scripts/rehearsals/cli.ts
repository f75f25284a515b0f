import type { Unreadable } from '../../server/rehearsals'
/**
 * `npm run rehearsals`: the last rehearsals side by side (./report.ts), from
 * `data/rehearsals.jsonl` (`npm run dev` saves them there; a hosted server,
 * in its `--data` directory), or from a talk in Redis (the hosted server on
 * several instances, `npm run serve -- --redis URL`, keeps them there).
 *
 *   npm run rehearsals                          # the last 3, from data/
 *   npm run rehearsals -- --last 5 --data /srv/talk-data
 *   npm run rehearsals -- --redis redis://localhost:6379/0 --talk keynote
 */
import type { Rehearsal } from '../../shared/rehearsal'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { parseTimeString } from '@slidev/parser/utils'
import { partOfSlide } from '../../components/parts'
import { dropsSlide } from '../../components/slot'
import { RedisTalk } from '../../server/backend-redis'
import { readTalkRehearsals, talkRehearsalsWhere } from '../../server/backend-redis-pace'
import { readRehearsals, REHEARSALS_FILE } from '../../server/rehearsals'
import { buildTalkName, REDIS_ENV, TALK_ENV, TALK_NAME } from '../../server/talk-name'
import { readOptions, whole } from '../lib/cli-args'
import { loadDeck } from '../lib/deck'
import { rehearsalReport } from './report'

export const USAGE = `Usage: npm run rehearsals -- [options]

Prints the last rehearsals side by side, per part of the talk and per slide,
against the talk's target (duration: in slides.md).

  --data DIR    the data directory holding ${REHEARSALS_FILE} (default: data)
  --redis URL   read a talk's rehearsals from Redis instead, e.g. redis://localhost:6379/0
                (or $${REDIS_ENV}, when --data is not given): the hosted server on several instances
  --talk NAME   the talk's name in Redis (or $${TALK_ENV}; default: the build's edition in dist/)
  --last N      how many of the last rehearsals (default 3)
  --help        this text`

/** The rehearsals, where they were read (in words), and what to call an entry that is not one. */
interface Read { rehearsals: Rehearsal[], unreadable: Unreadable[], where: string, entry: (line: number) => string }

/** A talk's rehearsals in Redis: connected for the read, closed after it. */
async function fromRedis(url: string, name: string): Promise<Read> {
  if (!/^rediss?:\/\//.test(url))
    throw new Error('--redis must be a redis:// or rediss:// URL, e.g. redis://localhost:6379/0')
  if (!TALK_NAME.test(name))
    throw new Error(`--talk must be 1 to 64 letters, digits, and . _ + -, not ${JSON.stringify(name)}`)
  const talk = await RedisTalk.connect(url, name)
  try {
    const where = talkRehearsalsWhere(url, name)
    return { ...await readTalkRehearsals(talk), where, entry: line => `${where}, rehearsal ${line}` }
  }
  finally {
    await talk.close()
  }
}

export async function main(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const options = readOptions(argv, ['data', 'last', 'redis', 'talk'])
  if (options === 'help') {
    out(USAGE)
    return 0
  }
  const count = whole('last', options.last, 3, 1, 100)
  // --data says which file; else --redis, or the environment's Redis.
  const url = options.redis ?? (options.data === undefined ? process.env[REDIS_ENV] : undefined)
  if (url !== undefined && options.data !== undefined)
    throw new Error('--data and --redis each say where to read: give one')
  if (url === undefined && options.talk !== undefined)
    throw new Error(`--talk needs --redis URL (or $${REDIS_ENV})`)
  let read: Read
  if (url !== undefined) {
    read = await fromRedis(url, options.talk ?? process.env[TALK_ENV] ?? buildTalkName('dist'))
  }
  else {
    const file = join(options.data ?? 'data', REHEARSALS_FILE)
    read = { ...await readRehearsals(file), where: file, entry: line => `${file}:${line}` }
  }
  const deck = await loadDeck()
  const duration = deck.slides[0]?.frontmatter.duration as string | number | undefined ?? '30min'
  const partFields = deck.slides.map(slide => slide.frontmatter.part)
  for (const { line, reason } of read.unreadable)
    err(`${read.entry(line)}: skipped, not a rehearsal: ${reason}`)
  const slides = deck.slides.map(slide => ({ no: slide.no, title: slide.title, part: partOfSlide(partFields, slide.no), deep: dropsSlide(slide.frontmatter, 'short') }))
  for (const line of rehearsalReport(read.rehearsals, slides, { file: read.where, targetSeconds: parseTimeString(duration).seconds, duration: String(duration), count }))
    out(line)
  return 0
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2), line => process.stdout.write(`${line}\n`), line => process.stderr.write(`${line}\n`)).then((code) => {
    process.exitCode = code
  }, (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
