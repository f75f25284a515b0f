/**
 * `npm run export`: the slides as a PDF in exports/, named by the deck's
 * `exportFilename`, with an outline of the slide titles. Uses the Chromium
 * finder, so it runs offline with the system's browser.
 *
 * `slidev export` prints once the page's network is idle, which on a busy
 * machine can come before the slides have mounted, giving blank pages. So the
 * result is checked: one page per slide, each with text on it; a blank result
 * is exported again, up to ATTEMPTS times, and otherwise fails loudly.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import process from 'node:process'
import { chromiumOrExit } from './chromium'
import { loadDeck } from './deck'
import { EXPORT_DIR } from './export-paths'
import { incompleteExport, readPdf } from './pdf'

const ATTEMPTS = 3

const executablePath = await chromiumOrExit()
const deck = await loadDeck()
mkdirSync(EXPORT_DIR, { recursive: true })
const output = `${EXPORT_DIR}/${deck.exportFilename}.pdf`

function slidevExport(): void {
  const result = spawnSync('slidev', [
    'export',
    '--executable-path',
    executablePath,
    '--output',
    output,
    '--with-toc',
    '--timeout',
    '60000',
  ], { stdio: 'inherit', env: { ...process.env, PATH: `node_modules/.bin:${process.env.PATH ?? ''}` } })
  if (result.status !== 0) {
    process.stderr.write(`slidev export failed (exit ${result.status ?? result.signal}).\n`)
    process.exit(result.status ?? 1)
  }
}

for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
  slidevExport()
  const found = incompleteExport((await readPdf(output)).pages, deck.slides.length)
  if (found.length === 0) {
    process.stdout.write(`Exported ${deck.slides.length} slides to ${output}\n`)
    process.exit(0)
  }
  process.stderr.write(`Export attempt ${attempt} of ${ATTEMPTS} is incomplete: ${found.join('; ')}.\n`)
}
process.stderr.write(`Giving up: ${output} is incomplete after ${ATTEMPTS} attempts.\n`)
process.exit(1)
