/**
 * `npm run export`: into exports/, named by the deck's `exportFilename`,
 * - `<name>.pdf`: one page per slide in its final state, with an outline of
 *   the slide titles;
 * - `<name>-steps.pdf`: one page per click step, so every diagram build can be
 *   followed on paper.
 * Uses the Chromium finder, so it runs offline with the system's browser.
 *
 * `slidev export` prints once the page's network is idle, which on a busy
 * machine can come before the slides have mounted, giving blank pages. So the
 * result is checked: the expected page count, each page with text on it; a blank result
 * is exported again, up to ATTEMPTS times, and otherwise fails loudly.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import process from 'node:process'
import { chromiumOrExit } from './chromium'
import { loadDeck } from './deck'
import { exportFiles } from './export-paths'
import { incompleteExport, readPdf } from './pdf'

const ATTEMPTS = 3

const executablePath = await chromiumOrExit()
const deck = await loadDeck()

function slidevExport(output: string, extraArgs: readonly string[]): void {
  const result = spawnSync('slidev', [
    'export',
    '--executable-path',
    executablePath,
    '--output',
    output,
    '--timeout',
    '60000',
    ...extraArgs,
  ], { stdio: 'inherit', env: { ...process.env, PATH: `node_modules/.bin:${process.env.PATH ?? ''}` } })
  if (result.status !== 0) {
    process.stderr.write(`slidev export failed (exit ${result.status ?? result.signal}).\n`)
    process.exit(result.status ?? 1)
  }
}

async function exportChecked(output: string, extraArgs: readonly string[], expectedPages: number): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    slidevExport(output, extraArgs)
    const found = incompleteExport((await readPdf(output)).pages, expectedPages)
    if (found.length === 0) {
      process.stdout.write(`Exported ${expectedPages} pages to ${output}\n`)
      return
    }
    process.stderr.write(`Export attempt ${attempt} of ${ATTEMPTS} of ${output} is incomplete: ${found.join('; ')}.\n`)
  }
  process.stderr.write(`Giving up: ${output} is incomplete after ${ATTEMPTS} attempts.\n`)
  process.exit(1)
}

const files = exportFiles(deck)
mkdirSync(files.dir, { recursive: true })
await exportChecked(files.slides.path, ['--with-toc'], files.slides.pages)
await exportChecked(files.steps.path, ['--with-clicks', '--with-toc'], files.steps.pages)
