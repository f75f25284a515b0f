/**
 * `npm run export -- --room DIR`: the room's edition of the handout, after a
 * hosted talk. DIR is the server's data directory or a folder with the
 * downloaded api/ export (./read-room.ts); the edition (./room.ts) is the
 * reading handout printed from the built deck's /handout page with the
 * room's answers and answered questions beside the slides
 * (./print-handout.ts), into `exports/<name>-room.pdf`. Checked as the
 * handout is (a page per slide or more, text on every page), printed again up
 * to ATTEMPTS times.
 */
import type { RoomEdition } from '../../setup/handout/room-edition'
import type { Deck } from '../lib/deck'
import type { ReadRoom } from './read-room'
import { existsSync, mkdirSync } from 'node:fs'
import { deckPolls } from '../../shared/polls'
import { readOptions } from '../lib/cli-args'
import { ATTEMPTS } from './export-deck'
import { exportFiles } from './outputs'
import { printHandout } from './print-handout'
import { incompleteExport } from './read-pdf'
import { readRoom } from './read-room'
import { roomEdition, roomTalk } from './room'

/** How `npm run export` is called. */
export const EXPORT_USAGE = `npm run export                       every PDF and image of the built deck, into exports/
npm run export -- --slot short       the short edition's, from a dist/ built with --slot short
npm run export -- --room DIR         the room's edition of the handout, from a hosted talk's data directory
                                     or its downloaded api/ export (questions.json, polls.json)
    --event NAME                     the talk's event (default: the headmatter's event:)
    --date YYYY-MM-DD                the talk's day (default: the headmatter's date:, else the day of the first question)
`

/** The command's options; throws on an unknown one, or on --event or --date without --room. */
export function exportArgs(argv: readonly string[]): { room?: string, event?: string, date?: string } | 'help' {
  const args = readOptions(argv, ['room', 'event', 'date'] as const)
  if (args !== 'help' && args.room === undefined && (args.event !== undefined || args.date !== undefined))
    throw new Error('--event and --date name the talk of a room\'s edition: give --room DIR too.')
  return args
}

export interface RoomExportOptions {
  deck: Deck
  /** The built deck. */
  dist: string
  /** The talk's data: a data directory, or the downloaded export. */
  room: string
  /** Where the PDF goes (exports/). */
  dir?: string
  executablePath: string
  /** The talk's day and event, over the headmatter's. */
  date?: string
  event?: string
  now?: Date
  log?: (line: string) => void
}

export interface RoomExport {
  path: string
  pages: number
  room: RoomEdition
  from: ReadRoom['from']
}

export async function exportRoom(options: RoomExportOptions): Promise<RoomExport> {
  const { deck, dist } = options
  const log = options.log ?? (() => {})
  if (!existsSync(`${dist}/index.html`))
    throw new Error(`No built deck in ${dist}/: run \`npm run build\` first.`)
  const polls = deckPolls(deck.slides)
  const data = await readRoom(options.room, polls, log)
  const talk = roomTalk({ date: options.date, event: options.event }, deck.slides[0]?.frontmatter ?? {}, data.questions)
  const room = roomEdition(data, deck, polls, talk, log)
  const files = exportFiles(deck, options.dir)
  const file = files.room
  mkdirSync(files.dir, { recursive: true })
  for (let round = 1; round <= ATTEMPTS; round++) {
    let problems: string[]
    let pages = 0
    try {
      const printed = await printHandout(deck, { dist, output: file.path, executablePath: options.executablePath, room, now: options.now })
      pages = printed.length
      problems = incompleteExport(printed, Math.max(printed.length, file.pages))
      if (printed.length < file.pages)
        problems.push(`${printed.length} pages for ${file.pages} slides`)
    }
    catch (error) {
      problems = [(error as Error).message]
    }
    if (problems.length === 0)
      return { path: file.path, pages, room, from: data.from }
    log(`Attempt ${round} of ${ATTEMPTS} at ${file.path}: ${problems.join('; ')}.`)
  }
  throw new Error(`Giving up: ${file.path} failed ${ATTEMPTS} times.`)
}

/** What the command prints once the edition is written. */
export function roomSummary(result: RoomExport, dir: string): string {
  const { room } = result
  const onSlides = Object.values(room.bySlide)
  const answered = onSlides.reduce((sum, questions) => sum + questions.length, 0)
  const talk = [room.event, room.date].filter(Boolean).join(', ')
  return `Printed ${result.pages} pages to ${result.path}: the room's edition (${talk}) from ${dir} (a ${result.from}), with ${room.polls.length} ${room.polls.length === 1 ? 'poll' : 'polls'}, ${answered} answered questions on ${onSlides.length} slides and ${room.other.length} of unknown slide; hidden and unanswered questions left out.`
}
