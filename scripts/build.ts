/**
 * `npm run build`: `slidev build` into dist/, for the base path in `BASE`
 * (default `/`), then the reader edition into dist/reader/ (scripts/reader/,
 * the same talk as one page to scroll and read). Other arguments pass
 * through to Slidev, e.g. `npm run build -- --without-notes` for a public
 * build without the speaker notes (the reader edition leaves them out too),
 * then the audience page into dist/audience/ (scripts/audience/: what
 * `npm run serve` gives an audience member's phone),
 * or `--out DIR`. `--slot short` builds the short edition (components/slot.ts):
 * the `depth: deep` slides left out of the deck, the reader edition, the
 * audience page and the written click totals, and the edition stamped
 * "short edition".
 *
 *   BASE=/talk/ npm run build   # to host the deck at https://example.org/talk/ (the reader at /talk/reader/)
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import process from 'node:process'
import { normalizeBase } from '../server/static'
import { buildAudience } from './audience/build'
import { optionValue } from './lib/cli-args'
import { currentEdition, EDITION_FILE } from './lib/edition'
import { takeSlot, useSlot } from './lib/slot'
import { writeClickTotals } from './lib/write-click-totals'
import { buildReader, renderDeck } from './reader/build'
import { keepReaderFromServiceWorker } from './reader/service-worker'

// The slot goes into DECK_SLOT, for Slidev's preparser, the deck reader and the edition alike.
const { slot, rest: args } = takeSlot(process.argv.slice(2), process.env)
useSlot(slot, process.env)
const base = normalizeBase(process.env.BASE ?? '/')
const cli = createRequire(import.meta.url).resolve('@slidev/cli/bin/slidev.mjs')
// One edition for the deck and for the file `npm run export` reads it from (components/edition.ts).
const edition = currentEdition(process.cwd())
const result = spawnSync(process.execPath, [cli, 'build', '--base', base, ...args], { stdio: 'inherit', env: { ...process.env, TALK_EDITION: JSON.stringify(edition) } })
if (result.status !== 0)
  process.exit(result.status ?? 1)

const out = optionValue(args, ['--out', '-o']) ?? 'dist'
writeFileSync(join(out, EDITION_FILE), `${JSON.stringify(edition, null, 2)}\n`)
// Each slide's click total, for the hosting server to refuse a position past a slide's last click.
process.stdout.write(`Click totals in ${await writeClickTotals(out)}\n`)
process.stdout.write(`Polls in ${(await (await import('./lib/write-polls')).writePolls(out)).file}\n`)
// The slides rendered once, at build time, for the reader edition and the audience page.
const rendered = await renderDeck(process.cwd())
const reader = await buildReader({ out: join(out, 'reader'), withNotes: !args.includes('--without-notes') }, process.cwd(), rendered)
keepReaderFromServiceWorker(out, base)
process.stdout.write(`Reader edition: ${reader.slides} slides in ${join(out, 'reader')}/\n`)
const audience = await buildAudience({ dist: out, base, deck: rendered })
process.stdout.write(`Audience page: ${audience.pages} slides in ${audience.out}/ (what npm run serve gives the audience)\n`)
if (slot !== 'full')
  process.stdout.write(`Built the ${slot} edition.\n`)
