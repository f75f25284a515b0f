/**
 * Which talk in Redis: its URL and name, as `npm run serve` (./cli.ts) and
 * `npm run rehearsals` (scripts/rehearsals/cli.ts) are given them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The environment's spelling of --redis and --talk (a container's). */
export const REDIS_ENV = 'DECK_REDIS_URL'
export const TALK_ENV = 'DECK_TALK'
/** A talk's name: its Redis keys are deck:NAME:… */
export const TALK_NAME = /^[\w.+-]{1,64}$/

/** The talk's default name: the build's edition, talk-VERSION-COMMIT, or "talk" when the build has none. */
export function buildTalkName(dir: string): string {
  try {
    const { version, commit } = JSON.parse(readFileSync(join(dir, 'edition.json'), 'utf8')) as { version?: unknown, commit?: unknown }
    if (typeof version === 'string' && typeof commit === 'string')
      return `talk-${version}-${commit}`.replace(/[^\w.+-]/g, '-').slice(0, 64)
  }
  catch {}
  return 'talk'
}
