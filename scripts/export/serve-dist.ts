/**
 * The built deck served locally for printing: Vite's preview server on a free
 * port, at the base path the deck was built for (`BASE=/talk/ npm run build`).
 */
import process from 'node:process'
import { preview } from 'vite'
import { normalizeBase } from '../../server/static'

export interface ServedDist {
  /** The deck's root URL, ending in `/`. */
  url: string
  close: () => Promise<void>
}

export async function serveDist(dist: string): Promise<ServedDist> {
  const server = await preview({
    configFile: false,
    logLevel: 'warn',
    base: normalizeBase(process.env.BASE ?? '/'),
    build: { outDir: dist },
    preview: { port: 0, host: 'localhost', strictPort: false },
  })
  const url = server.resolvedUrls?.local[0]
  if (!url)
    throw new Error(`The preview server for ${dist}/ did not start.`)
  return { url, close: () => new Promise<void>(resolve => server.httpServer.close(() => resolve())) }
}
