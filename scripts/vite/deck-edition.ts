import type { Plugin } from 'vite'
import type { Edition } from '../../components/edition.ts'
import process from 'node:process'
import { parseEdition } from '../../components/edition.ts'
import { currentEdition } from '../lib/edition.ts'
import { jsonModulePlugin } from './json-module.ts'

/**
 * `virtual:deck-edition`: the deck's edition (components/edition.ts), which
 * the last slide and the handout's pages print. scripts/build.ts passes the
 * one it writes beside the build in `TALK_EDITION`; `npm run dev` reads the
 * working tree, for the slot the dev server has now (`DECK_SLOT`,
 * ./slot-switch.ts reloads it when the slot changes).
 */

export const DECK_EDITION_ID = 'virtual:deck-edition'

/** The edition `TALK_EDITION` holds, else the working tree's. */
export function deckEdition(root: string, env: Record<string, string | undefined> = process.env): Edition {
  return env.TALK_EDITION ? parseEdition(JSON.parse(env.TALK_EDITION)) : currentEdition(root)
}

export function deckEditionPlugin(): Plugin {
  return jsonModulePlugin({ name: 'deck:edition', id: DECK_EDITION_ID, value: root => deckEdition(root) })
}
