/**
 * `npm run export`: the slides as a PDF in exports/, named by the deck's
 * `exportFilename`, with an outline of the slide titles. Uses the Chromium
 * finder, so it runs offline with the system's browser.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import process from 'node:process'
import { chromiumOrExit } from './chromium'
import { loadDeck } from './deck'
import { EXPORT_DIR } from './export-paths'

const executablePath = await chromiumOrExit()
const deck = await loadDeck()
mkdirSync(EXPORT_DIR, { recursive: true })
const output = `${EXPORT_DIR}/${deck.exportFilename}.pdf`

const result = spawnSync('slidev', [
  'export',
  '--executable-path',
  executablePath,
  '--output',
  output,
  '--with-toc',
  '--timeout',
  '60000',
], { stdio: 'inherit', shell: false, env: { ...process.env, PATH: `node_modules/.bin:${process.env.PATH ?? ''}` } })

if (result.status !== 0) {
  process.stderr.write(`slidev export failed (exit ${result.status ?? result.signal}).\n`)
  process.exit(result.status ?? 1)
}
process.stdout.write(`Exported ${deck.slides.length} slides to ${output}\n`)
