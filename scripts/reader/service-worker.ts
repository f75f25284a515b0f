/**
 * The built deck's service worker (Slidev's `pwa: build`, Workbox) answers
 * every navigation it has no file for with the deck's index.html, so once it
 * is installed, opening <base>reader/ would show the slides app instead of the
 * reader edition. The edition is built after the worker, so it is not among
 * the worker's files: this adds <base>reader/ to the navigations the worker
 * leaves to the network (its `navigateFallbackDenylist`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const DENYLIST = 'denylist:['

/** The denylist entry, a regular expression literal, for a deck built for `base` (`/` or `/talk/`). */
export function readerDenial(base: string): string {
  return `/^${`${base}reader`.replace(/[/.*+?^${}()|[\]\\-]/g, '\\$&')}(?:\\/|$)/`
}

/** The worker's source with the reader edition denied its fallback. */
export function withReaderDenied(source: string, base: string): string {
  const occurrences = source.split(DENYLIST).length - 1
  if (occurrences !== 1)
    throw new Error(`Expected one navigation fallback denylist in the service worker, found ${occurrences}: has Slidev's PWA set-up changed? See scripts/reader/service-worker.ts.`)
  const denial = readerDenial(base)
  return source.includes(`${DENYLIST}${denial}`) ? source : source.replace(DENYLIST, `${DENYLIST}${denial},`)
}

/** Rewrites `<out>/sw.js` when the build has one. */
export function keepReaderFromServiceWorker(out: string, base: string): void {
  const file = join(out, 'sw.js')
  if (existsSync(file))
    writeFileSync(file, withReaderDenied(readFileSync(file, 'utf8'), base))
}
