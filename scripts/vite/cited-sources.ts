import type { Plugin } from 'vite'
import type { SourceId } from '../../components/sources.ts'
import process from 'node:process'
import { parseSlot, SLOT_ENV } from '../../components/slot.ts'
import { citedSources } from '../lib/citations.ts'
import { loadDeck } from '../lib/deck.ts'
import { jsonModulePlugin } from './json-module.ts'

/**
 * `virtual:deck-cited`: in the short edition (`DECK_SLOT=short`,
 * components/slot.ts), the sources its slides still cite, so the reference
 * slides list only those (SourceList.vue); null in the full edition, which
 * lists every source. Read from the deck as scripts/lib/deck.ts gives it.
 */

export const DECK_CITED_ID = 'virtual:deck-cited'

export async function citedModule(root: string, slot = parseSlot(process.env[SLOT_ENV])): Promise<SourceId[] | null> {
  return slot === 'full' ? null : citedSources((await loadDeck(root, slot)).slides)
}

export function citedSourcesPlugin(): Plugin {
  return jsonModulePlugin({ name: 'deck:cited-sources', id: DECK_CITED_ID, value: root => citedModule(root) })
}
