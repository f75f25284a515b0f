import type {} from '@slidev/types'
import process from 'node:process'
import { defineConfig } from 'vite'
import { citedSourcesPlugin } from './scripts/vite/cited-sources.ts'
import { deckEditionPlugin } from './scripts/vite/deck-edition.ts'
import { measuredStartup } from './scripts/vite/measured-startup.ts'
import { mermaidRenderer } from './scripts/vite/mermaid.ts'
import { metaQuotes } from './scripts/vite/meta-quotes.ts'
import { slidevParserUtils } from './scripts/vite/parser-utils.ts'
import { rehearsalsPlugin } from './scripts/vite/rehearsals.ts'
import { slotSwitch } from './scripts/vite/slot-switch.ts'
import { talkLinksPlugin } from './scripts/vite/talk-links.ts'
import { unusedStyles } from './scripts/vite/unused-styles.ts'

// Slidev merges this into its own Vite config. DECK_VITE_CACHE_DIR gives a process its own Vite cache:
// npm run bench builds and exports this deck while npm test's export may run in the same folder.

export default defineConfig({
  plugins: [citedSourcesPlugin(), deckEditionPlugin(), measuredStartup(), mermaidRenderer(), metaQuotes(), rehearsalsPlugin(), slidevParserUtils(), slotSwitch(), talkLinksPlugin(), unusedStyles()],
  slidev: {
    // Slidev registers every .vue, .md and .ts file under components/ as a component. The deck's .ts
    // files there are the diagrams' data, their tests and helpers, not components: leave them out
    // (Slidev's own components, VClicks.ts among them, live in its package and stay registered).
    components: {
      globsExclude: ['components/**/*.ts'],
    },
  },
  ...(process.env.DECK_VITE_CACHE_DIR ? { cacheDir: process.env.DECK_VITE_CACHE_DIR } : {}),
})
