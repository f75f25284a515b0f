/**
 * `npm run export` (after `npm run build`): every output printed from the
 * built deck in dist/, served locally, by one Chromium with a page per output
 * printing side by side. Into exports/, named by the deck's `exportFilename`:
 * - `<name>.pdf`: one page per slide in its final state;
 * - `<name>-steps.pdf`: one page per click step, so every diagram build can be
 *   followed on paper;
 * - `<name>-dark.pdf`: the slides in the dark colour scheme;
 * - `<name>-handout.pdf`: each slide with its speaker notes and sources, A4,
 *   printed from the built deck's /handout page;
 * - `png/N.png`: one image per slide, at twice the slide's size.
 * Every PDF is tagged (a structure tree for screen readers), names its
 * language, shows its title in the window's title bar, has an outline of the
 * sections and their slides and carries the build's edition (metadata, and in
 * small print on the last page). The slides and handout PDFs are then copied
 * into dist/, where the download button and the closing slide link them.
 *
 * Each output is checked as it is written: its page count, text on every page
 * (for the PNGs, one file per slide). An output that fails the check, or whose
 * print page never shows every slide, is printed again, up to ATTEMPTS times,
 * and otherwise the export fails loudly. `npm run export:slidev` makes the
 * same outputs with `slidev export`, Slidev's own (slower) path.
 *
 * After a hosted talk, `npm run export -- --room DIR` prints only the room's
 * edition of the handout, `<name>-room.pdf`, from the server's data directory
 * or the downloaded api/ export in DIR (./export-room.ts); `--event NAME` and
 * `--date YYYY-MM-DD` name the talk where the headmatter and the data do not.
 * `--slot short` exports the short edition (components/slot.ts), named
 * `<name>-short*`, from a dist/ built with the same `--slot short`.
 */
import { copyFileSync } from 'node:fs'
import process from 'node:process'
import { editionSlot } from '../../components/edition'
import { handoutFile } from '../../components/talk-links'
import { chromiumOrExit } from '../lib/chromium'
import { loadDeck } from '../lib/deck'
import { builtEdition } from '../lib/edition'
import { takeSlot, useSlot } from '../lib/slot'
import { exportDeck } from './export-deck'
import { EXPORT_USAGE, exportArgs, exportRoom, roomSummary } from './export-room'
import { exportFiles } from './outputs'

const DIST = 'dist'
// The slot goes into DECK_SLOT, for the deck reader and the edition alike; the rest are the export's own options.
const { slot, rest } = takeSlot(process.argv.slice(2), process.env)
useSlot(slot, process.env)

let args
try {
  args = exportArgs(rest)
}
catch (error) {
  process.stderr.write(`${(error as Error).message}\n${EXPORT_USAGE}`)
  process.exit(2)
}
if (args === 'help') {
  process.stdout.write(EXPORT_USAGE)
  process.exit(0)
}

const built = editionSlot(builtEdition(DIST))
if (built !== slot) {
  process.stderr.write(`${DIST}/ holds the ${built} edition: run \`npm run build${slot === 'full' ? '' : ` -- --slot ${slot}`}\` before \`npm run export${slot === 'full' ? '' : ` -- --slot ${slot}`}\`.\n`)
  process.exit(1)
}
const executablePath = await chromiumOrExit()
const deck = await loadDeck()

if (args.room !== undefined) {
  try {
    const result = await exportRoom({ deck, dist: DIST, room: args.room, executablePath, date: args.date, event: args.event, log: line => process.stdout.write(`${line}\n`) })
    process.stdout.write(`${roomSummary(result, args.room)}\n`)
    process.exit(0)
  }
  catch (error) {
    process.stderr.write(`${(error as Error).message}\n`)
    process.exit(1)
  }
}

const files = exportFiles(deck)
let result
try {
  result = await exportDeck({
    deck,
    dist: DIST,
    dir: files.dir,
    executablePath,
    concurrency: process.env.EXPORT_CONCURRENCY ? Number(process.env.EXPORT_CONCURRENCY) : undefined,
    log: line => process.stdout.write(`${line}\n`),
  })
}
catch (error) {
  process.stderr.write(`${(error as Error).message}\n`)
  process.exit(1)
}

// The hosted deck's download button (headmatter `download:`) fetches this copy; the closing slide links the handout's.
copyFileSync(files.slides.path, `${DIST}/${deck.exportFilename}.pdf`)
copyFileSync(files.handout.path, `${DIST}/${handoutFile(deck.exportFilename)}`)
process.stdout.write(`Exported ${result.slidePages} slide pages, ${result.handoutPages} handout pages and ${result.images} images in ${result.seconds.toFixed(1)} s; copied the slides and the handout PDFs to ${DIST}/\n`)
