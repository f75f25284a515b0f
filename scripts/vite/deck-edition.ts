import type { Plugin } from 'vite'
import type { Edition } from '../../components/edition.ts'
import process from 'node:process'
import { parseEdition } from '../../components/edition.ts'
import { currentEdition } from '../lib/edition.ts'

/**
 * `virtual:deck-edition`: the deck's edition (components/edition.ts), which
 * the last slide and the handout's pages print. scripts/build.ts passes the
 * one it writes beside the build in `TALK_EDITION`; `npm run dev` reads the
 * working tree, for the slot the dev server has now (`DECK_SLOT`,
 * ./slot-switch.ts reloads it when the slot changes).
 */

export const DECK_EDITION_ID = 'virtual:deck-edition'
const RESOLVED = `\0${DECK_EDITION_ID}`

/** The edition `TALK_EDITION` holds, else the working tree's. */
export function deckEdition(root: string, env: Record<string, string | undefined> = process.env): Edition {
  return env.TALK_EDITION ? parseEdition(JSON.parse(env.TALK_EDITION)) : currentEdition(root)
}

export function deckEditionPlugin(): Plugin {
  let root = process.cwd()
  return {
    name: 'deck:edition',
    configResolved(config) {
      root = config.root
    },
    resolveId(id) {
      return id === DECK_EDITION_ID ? RESOLVED : undefined
    },
    load(id) {
      if (id !== RESOLVED)
        return undefined
      return `export default ${JSON.stringify(deckEdition(root))}\n`
    },
  }
}
