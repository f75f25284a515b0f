/**
 * `npm run build`: `slidev build` into dist/, for the base path in `BASE`
 * (default `/`). Other arguments pass through, e.g. `npm run build -- --without-notes`
 * for a public build without the speaker notes, or `--out DIR`.
 *
 *   BASE=/talk/ npm run build   # to host the deck at https://example.org/talk/
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import process from 'node:process'
import { normalizeBase } from '../server/static'

const base = normalizeBase(process.env.BASE ?? '/')
const cli = createRequire(import.meta.url).resolve('@slidev/cli/bin/slidev.mjs')
const result = spawnSync(process.execPath, [cli, 'build', '--base', base, ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(result.status ?? 1)
