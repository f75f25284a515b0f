import type { Plugin } from 'vite'

/**
 * Stylesheets Slidev 52.20's client imports on every page
 * (@slidev/client/styles/index.ts) for features this deck does not use: the
 * code-morphing of `magic-move` blocks and the hover popups of `twoslash` code.
 * They came to 3.1 kB gzipped, one request, on every first visit. This plugin
 * gives those imports an empty stylesheet; tests/deck.test.ts fails when a
 * slide starts using either feature.
 */
export const UNUSED_STYLES = ['@shikijs/magic-move/style.css', '@shikijs/vitepress-twoslash/style.css'] as const

const EMPTY = '\0deck-unused-style.css'

export function fromSlidevStyles(importer: string | undefined): boolean {
  return importer !== undefined && /[\\/]@slidev[\\/]client[\\/]styles[\\/]index\.ts$/.test(importer)
}

export function unusedStyles(): Plugin {
  return {
    name: 'deck:unused-styles',
    enforce: 'pre',
    resolveId(source, importer) {
      return (UNUSED_STYLES as readonly string[]).includes(source) && fromSlidevStyles(importer) ? EMPTY : null
    },
    load(id) {
      return id === EMPTY ? '' : null
    },
  }
}
