/**
 * `npm run build:reader`: the reader edition, one page to scroll and read,
 * into dist/reader/ (so a hosted deck serves it at <base>reader/).
 * `npm run build` makes it too, after the slides.
 *
 *   npm run build:reader                          # dist/reader/
 *   npm run build:reader -- --out DIR             # somewhere else
 *   npm run build:reader -- --without-notes       # no speaker notes, as a public `npm run build -- --without-notes`
 *
 * The slides come from slides.md and pages/ through Slidev's parser; the
 * diagrams are the deck's Vue components rendered by Vue's server renderer
 * at every click step (render.ts). Vite bundles the page's script (client.ts), the
 * fonts and the styles next to the page; every URL in it is relative, so the edition works
 * under any base path and offline. Fails, naming the slide, on a component,
 * directive or layout it cannot render.
 */
import type { RenderedSlide } from './render'
import { copyFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import vue from '@vitejs/plugin-vue'
import { createServer } from 'vite'
import { slotLabel } from '../../components/slot'
import { loadDeck } from '../lib/deck'
import { buildVitePage } from '../lib/vite-page'
import { citedSourcesPlugin } from '../vite/cited-sources'
import { measuredStartup } from '../vite/measured-startup'
import { talkLinksPlugin } from '../vite/talk-links'
import { readerPage } from './page'

export interface ReaderBuild {
  out: string
  withNotes: boolean
}

export const DEFAULT_OUT = 'dist/reader'

/** This repository: its components, styles and reader code, whichever deck is rendered. */
const PROJECT = fileURLToPath(new URL('../..', import.meta.url))

const HELP = `Usage: npm run build:reader [-- --out DIR] [--without-notes]

Writes the reader edition (one page to scroll, each slide pinned through its clicks) to ${DEFAULT_OUT}/ or DIR.
  --out DIR         where to write it (emptied first)
  --without-notes   leave the speaker notes out, for a public build
`

export function readerArgs(args: readonly string[]): ReaderBuild | 'help' {
  const { values } = parseArgs({
    args: [...args],
    options: { 'out': { type: 'string' }, 'without-notes': { type: 'boolean' }, 'help': { type: 'boolean', short: 'h' } },
  })
  if (values.help)
    return 'help'
  return { out: values.out ?? DEFAULT_OUT, withNotes: !values['without-notes'] }
}

/** The deck's slides rendered once, for the reader edition and the audience page (scripts/audience/). */
export interface RenderedDeck {
  slides: RenderedSlide[]
  css: string
  title: string
  description: string
  author: string
}

export async function renderDeck(deckRoot: string): Promise<RenderedDeck> {
  const deck = await loadDeck(deckRoot)
  const server = await createServer({
    root: PROJECT,
    configFile: false,
    logLevel: 'warn',
    appType: 'custom',
    plugins: [vue(), citedSourcesPlugin(), measuredStartup(), talkLinksPlugin()],
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  })
  try {
    const render = await server.ssrLoadModule('/scripts/reader/render.ts') as typeof import('./render')
    const { slides, css } = await render.renderSlides(deck.slides, deckRoot)
    // The short edition says so in the page's title and heading (components/slot.ts).
    const slot = slotLabel(deck.slot)
    return { slides, css, title: slot ? `${deck.title} (${slot})` : deck.title, description: deck.info, author: deck.author }
  }
  finally {
    await server.close()
  }
}

/** Builds the edition of the deck in `deckRoot` (its slides.md and pages/) with this repository's components. */
export async function buildReader(options: ReaderBuild, deckRoot = process.cwd(), deck?: RenderedDeck): Promise<{ out: string, slides: number }> {
  const out = resolve(deckRoot, options.out)
  const rendered = deck ?? await renderDeck(deckRoot)
  await buildVitePage({
    name: 'reader',
    script: join(PROJECT, 'scripts/reader/client.ts'),
    css: rendered.css,
    out,
    base: './',
    html: ({ script, stylesheet }) => readerPage({
      title: rendered.title,
      description: rendered.description,
      author: rendered.author,
      slides: rendered.slides,
      withNotes: options.withNotes,
      script,
      stylesheet,
    }),
  })
  copyFileSync(join(PROJECT, 'public/favicon.svg'), join(out, 'favicon.svg'))
  return { out, slides: rendered.slides.length }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = readerArgs(process.argv.slice(2))
  if (options === 'help') {
    process.stdout.write(HELP)
  }
  else {
    try {
      const { out, slides } = await buildReader(options)
      process.stdout.write(`Reader edition: ${slides} slides${options.withNotes ? ' with their notes' : ', without notes'} in ${relative(process.cwd(), out) || '.'}/\n`)
    }
    catch (error) {
      process.stderr.write(`npm run build:reader failed: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exit(1)
    }
  }
}
