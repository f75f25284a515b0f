/**
 * `npm run rehearsals`: the last rehearsals side by side (./report.ts), from
 * `data/rehearsals.jsonl` (`npm run dev` saves them there; a hosted server,
 * in its `--data` directory).
 *
 *   npm run rehearsals                          # the last 3, from data/
 *   npm run rehearsals -- --last 5 --data /srv/talk-data
 */
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { parseTimeString } from '@slidev/parser/utils'
import { partOfSlide } from '../../components/parts'
import { readRehearsals, REHEARSALS_FILE } from '../../server/rehearsals'
import { readOptions, whole } from '../lib/cli-args'
import { loadDeck } from '../lib/deck'
import { rehearsalReport } from './report'

export const USAGE = `Usage: npm run rehearsals -- [options]

Prints the last rehearsals side by side, per part of the talk and per slide,
against the talk's target (duration: in slides.md).

  --data DIR   the data directory holding ${REHEARSALS_FILE} (default: data)
  --last N     how many of the last rehearsals (default 3)
  --help       this text`

export async function main(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const options = readOptions(argv, ['data', 'last'])
  if (options === 'help') {
    out(USAGE)
    return 0
  }
  const count = whole('last', options.last, 3, 1, 100)
  const file = join(options.data ?? 'data', REHEARSALS_FILE)
  const deck = await loadDeck()
  const duration = deck.slides[0]?.frontmatter.duration as string | number | undefined ?? '30min'
  const partFields = deck.slides.map(slide => slide.frontmatter.part)
  const { rehearsals, unreadable } = await readRehearsals(file)
  for (const { line, reason } of unreadable)
    err(`${file}:${line}: skipped, not a rehearsal: ${reason}`)
  const slides = deck.slides.map(slide => ({ no: slide.no, title: slide.title, part: partOfSlide(partFields, slide.no) }))
  for (const line of rehearsalReport(rehearsals, slides, { file, targetSeconds: parseTimeString(duration).seconds, duration: String(duration), count }))
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
