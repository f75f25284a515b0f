/**
 * The deck's polls (its slides' `<Poll>` tags, shared/polls.ts), written
 * into the built deck for the server (server/polls.ts), which takes votes only
 * for them. `npm run build` calls it for its output folder, and fails on a poll
 * that breaks the rules (an id used twice, an empty question, 2 to 6 distinct
 * options of at most 40 characters). For a deck built another way:
 *
 *   tsx scripts/lib/write-polls.ts [DIR]    # DIR defaults to dist
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { formatPollDefinitions, POLLS_DEFINITIONS_FILE } from '../../server/polls'
import { deckPolls } from '../../shared/polls'
import { loadDeck } from './deck'

/** Writes `out/deck-polls.json` from the deck's sources; returns the path written and how many polls it holds. */
export async function writePolls(out: string): Promise<{ file: string, count: number }> {
  const polls = deckPolls((await loadDeck()).slides)
  const file = join(out, POLLS_DEFINITIONS_FILE)
  writeFileSync(file, formatPollDefinitions(polls))
  return { file, count: polls.length }
}

async function main(out: string): Promise<void> {
  if (!existsSync(join(out, 'index.html'))) {
    process.stderr.write(`No built deck in ${out}/ to write the polls into.\n`)
    process.exitCode = 1
    return
  }
  const { file, count } = await writePolls(out)
  process.stdout.write(`${count} polls in ${file}\n`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv[2] ?? 'dist').catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
