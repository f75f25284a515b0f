/**
 * The link between the two editions of the talk: the Slidev deck links to the
 * reader edition (scripts/reader/, built into <base>reader/), and the reader
 * edition, which renders the same slide, links back to the deck.
 */
import type { InjectionKey } from 'vue'

/** Provided as true by the reader edition's renderer (scripts/reader/render.ts). */
export const IN_READER_EDITION: InjectionKey<boolean> = Symbol.for('deck:in-reader-edition')

/** Where the other edition is: the reader edition under the deck's base path, or the deck from the reader edition. */
export function otherEditionHref(inReader: boolean, base: string): string {
  return inReader ? '../' : `${base.endsWith('/') ? base : `${base}/`}reader/`
}
