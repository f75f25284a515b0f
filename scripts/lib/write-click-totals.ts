/**
 * Each slide's click total, written into the built deck for the server
 * (server/click-totals.ts). `npm run build` calls it for its output folder;
 * to write them into a deck built another way:
 *
 *   tsx scripts/lib/write-click-totals.ts [DIR]    # DIR defaults to dist
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { CLICK_TOTALS_FILE, formatClickTotals } from '../../server/click-totals'
import { loadDeck } from './deck'

/** Writes `out/deck-clicks.json` from the deck's sources; returns the path written. */
export async function writeClickTotals(out: string): Promise<string> {
  const totals = (await loadDeck()).slides.map(slide => slide.clicks)
  const file = join(out, CLICK_TOTALS_FILE)
  writeFileSync(file, formatClickTotals(totals))
  return file
}

async function main(out: string): Promise<void> {
  if (!existsSync(join(out, 'index.html'))) {
    process.stderr.write(`No built deck in ${out}/ to write click totals into.\n`)
    process.exitCode = 1
    return
  }
  process.stdout.write(`Click totals in ${await writeClickTotals(out)}\n`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv[2] ?? 'dist').catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
