/**
 * `npm run export:slidev` (after `npm run build`): the same outputs as
 * `npm run export` (scripts/export/export.ts), the slides, steps and dark PDFs
 * and the PNGs made by Slidev's own exporter, `slidev export`, which starts
 * Slidev's dev server for each of them. Slower (about 47 s against a few
 * seconds here); kept for anyone who wants Slidev's own path, and for the
 * bench to compare. Into exports/, named by the deck's `exportFilename`,
 * - `<name>.pdf`: one page per slide in its final state, with an outline of
 *   the sections and their slides;
 * - `<name>-steps.pdf`: one page per click step, so every diagram build can be
 *   followed on paper;
 * - `<name>-dark.pdf`: the slides in the dark colour scheme;
 * - `<name>-handout.pdf`: each slide with its speaker notes and sources, A4,
 *   printed from the built deck's /handout page;
 * - `png/N.png`: one image per slide;
 * and copies the slides PDF into dist/, where the deck's download button finds it.
 * Uses the Chromium finder, so it runs offline with the system's browser.
 *
 * `slidev export` prints once the page's network is idle, which on a busy
 * machine can come before the slides have mounted, giving blank pages. So the
 * result is checked: the expected page count, each page with text on it; a blank result
 * is exported again, up to ATTEMPTS times, and otherwise fails loudly. A run
 * that exits with an error is tried again too: with a cold cache Vite may
 * discover a dependency mid-export and reload the page under Slidev's outline step.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { handoutFile } from '../../components/talk-links'
import { chromiumOrExit } from '../lib/chromium'
import { loadDeck } from '../lib/deck'
import { builtEdition } from '../lib/edition'
import { finishPdf } from './finish-pdf'
import { deckOutline } from './outline'
import { exportFiles } from './outputs'
import { printHandout } from './print-handout'
import { incompleteExport, readPdf } from './read-pdf'

const ATTEMPTS = 3
const EXPORTED_AT = new Date()

const executablePath = await chromiumOrExit()
const deck = await loadDeck()
const edition = builtEdition('dist')

/** Runs `slidev export`; true when it exited 0. */
function slidevExport(output: string, extraArgs: readonly string[]): boolean {
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
  if (result.status !== 0)
    process.stderr.write(`slidev export of ${output} failed (exit ${result.status ?? result.signal}).\n`)
  return result.status === 0
}

async function exportChecked(output: string, extraArgs: readonly string[], expectedPages: number): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (!slidevExport(output, extraArgs)) {
      process.stderr.write(`Export attempt ${attempt} of ${ATTEMPTS} of ${output} failed.\n`)
      continue
    }
    const found = incompleteExport((await readPdf(output)).pages, expectedPages)
    if (found.length === 0) {
      // One set of metadata, one creation date, on every file of this export.
      writeFileSync(output, await finishPdf(readFileSync(output), deck, { now: EXPORTED_AT, edition, outline: deckOutline(deck, extraArgs.includes('--with-clicks')) }))
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
// The outline is the deck's own (scripts/export/outline.ts), added by finishPdf: the same as `npm run export` writes.
await exportChecked(files.slides.path, [], files.slides.pages)
await exportChecked(files.steps.path, ['--with-clicks'], files.steps.pages)
await exportChecked(files.dark.path, ['--dark'], files.dark.pages)

// Like the PDFs, an image export that exits 0 without every image is tried again: on a busy machine a page can print before it has mounted.
for (let attempt = 1; ; attempt++) {
  const exited = slidevExport(files.png.dir, ['--format', 'png'])
  const missing = files.png.files.filter(file => !existsSync(file))
  if (exited && missing.length === 0)
    break
  if (!exited)
    process.stderr.write(`PNG export attempt ${attempt} of ${ATTEMPTS} failed.\n`)
  else
    process.stderr.write(`PNG export attempt ${attempt} of ${ATTEMPTS} lacks ${missing.join(', ')} (found ${existsSync(files.png.dir) ? readdirSync(files.png.dir).join(', ') : 'no folder'}).\n`)
  if (attempt === ATTEMPTS) {
    process.stderr.write(`Giving up on the PNG export after ${ATTEMPTS} attempts.\n`)
    process.exit(1)
  }
}
process.stdout.write(`Exported ${files.png.files.length} images to ${files.png.dir}/\n`)

const DIST = 'dist'
if (!existsSync(`${DIST}/index.html`)) {
  process.stderr.write('The handout is printed from the built deck: run `npm run build` first.\n')
  process.exit(1)
}
const handoutPages = await printHandout(deck, { dist: DIST, output: files.handout.path, executablePath, now: EXPORTED_AT })
const handoutProblems = incompleteExport(handoutPages, Math.max(handoutPages.length, files.handout.pages))
if (handoutPages.length < files.handout.pages || handoutProblems.length > 0) {
  process.stderr.write(`The handout is incomplete: ${handoutPages.length} pages for ${files.handout.pages} slides; ${handoutProblems.join('; ')}.\n`)
  process.exit(1)
}
process.stdout.write(`Printed ${handoutPages.length} pages to ${files.handout.path}\n`)

// The hosted deck's download button (headmatter `download:`) fetches this copy; the closing slide links the handout's.
copyFileSync(files.slides.path, `${DIST}/${deck.exportFilename}.pdf`)
copyFileSync(files.handout.path, `${DIST}/${handoutFile(deck.exportFilename)}`)
process.stdout.write(`Copied ${files.slides.path} and ${files.handout.path} to ${DIST}/ for the download button and the closing slide\n`)
