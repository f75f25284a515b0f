import type { Plugin } from 'vite'
import { closeRenderer } from '../mermaid/diagrams.ts'

/**
 * Closes the Chromium that drew a changed mermaid diagram (setup/transformers.ts)
 * when a build ends, so `npm run build` exits at once; in `npm run dev` it stays
 * open for the next save, and closes after a minute unused or with the server.
 */
export function mermaidRenderer(): Plugin {
  return {
    name: 'deck:mermaid-renderer',
    async closeBundle() {
      await closeRenderer()
    },
    configureServer(server) {
      server.httpServer?.once('close', () => void closeRenderer())
    },
  }
}
