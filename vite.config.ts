import type {} from '@slidev/types'
import process from 'node:process'
import { defineConfig } from 'vite'
import { parseEdition } from './components/edition.ts'
import { currentEdition } from './scripts/lib/edition.ts'
import { citedSourcesPlugin } from './scripts/vite/cited-sources.ts'
import { measuredStartup } from './scripts/vite/measured-startup.ts'
import { mermaidRenderer } from './scripts/vite/mermaid.ts'
import { metaQuotes } from './scripts/vite/meta-quotes.ts'
import { slidevParserUtils } from './scripts/vite/parser-utils.ts'
import { rehearsalsPlugin } from './scripts/vite/rehearsals.ts'
import { talkLinksPlugin } from './scripts/vite/talk-links.ts'
import { unusedStyles } from './scripts/vite/unused-styles.ts'

// Slidev merges this into its own Vite config. DECK_VITE_CACHE_DIR gives a process its own Vite cache:
// npm run bench builds and exports this deck while npm test's export may run in the same folder.
// The deck's edition (components/edition.ts): scripts/build.ts passes the one it writes beside the build; dev reads the working tree.
const edition = process.env.TALK_EDITION ? parseEdition(JSON.parse(process.env.TALK_EDITION)) : currentEdition(process.cwd())

export default defineConfig({
  define: { __TALK_EDITION__: JSON.stringify(edition) },
  plugins: [citedSourcesPlugin(), measuredStartup(), mermaidRenderer(), metaQuotes(), rehearsalsPlugin(), slidevParserUtils(), talkLinksPlugin(), unusedStyles()],
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
