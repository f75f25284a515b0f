/**
 * The edition of the working tree: package.json's version, the short commit
 * (with `+` when files tracked by git have changed since it) and today's date.
 * vite.config.ts gives it to the deck and scripts/build.ts writes it beside
 * the build, for `npm run export`.
 */
import type { Edition } from '../../components/edition.ts'
import type { Slot } from '../../components/slot.ts'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { parseEdition } from '../../components/edition.ts'
import { parseSlot, SLOT_ENV } from '../../components/slot.ts'

/** Where the build writes its edition, inside the output folder. */
export const EDITION_FILE = 'edition.json'

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  }
  catch {
    return undefined
  }
}

/** The edition of the working tree, for the slot `DECK_SLOT` names unless told (components/slot.ts). */
export function currentEdition(root: string, now = new Date(), slot: Slot = parseSlot(process.env[SLOT_ENV])): Edition {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  const commit = git(root, ['rev-parse', '--short=7', 'HEAD'])
  const changed = commit !== undefined && (git(root, ['status', '--porcelain', '--untracked-files=no']) ?? '') !== ''
  return { version, commit: commit === undefined ? 'unknown' : `${commit}${changed ? '+' : ''}`, date: now.toISOString().slice(0, 10), ...(slot === 'full' ? {} : { slot }) }
}

/** The edition a build wrote into `outDir`, or an error saying to build first. */
export function builtEdition(outDir: string): Edition {
  let text: string
  try {
    text = readFileSync(join(outDir, EDITION_FILE), 'utf8')
  }
  catch {
    throw new Error(`${join(outDir, EDITION_FILE)} is missing: run \`npm run build\` first.`)
  }
  return parseEdition(JSON.parse(text))
}
