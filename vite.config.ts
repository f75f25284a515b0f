import { defineConfig } from 'vite'
import { metaQuotes } from './scripts/html-meta.ts'
import { measuredStartup } from './scripts/measured-plugin.ts'
import { slidevParserUtils } from './scripts/parser-utils.ts'

// Slidev merges this into its own Vite config.
export default defineConfig({
  plugins: [measuredStartup(), metaQuotes(), slidevParserUtils()],
})
