import type { AudienceDeck } from '../../setup/audience/deck'
/**
 * The audience page (setup/audience/), built by `npm run build` after the
 * slides and the reader edition: what `npm run serve` gives an audience
 * member at the deck's address and a slide's (shared/audience-route.ts).
 *
 *   dist/audience/N.html         slide N's page: the slide in the HTML, the bar, the deck's data
 *   dist/audience/slides/N.html  slide N alone, fetched when the page moves to it
 *   dist/audience/assets/        the script (the hosted parts in a chunk of their own), styles, fonts
 *   dist/audience-sw.js          the service worker that keeps the talk for offline (at the base, for its scope)
 *
 * The slides are the reader edition's rendering (scripts/reader/render.ts:
 * the deck's own components, by Vue's server renderer, at every click
 * step), so the audience sees the talk's text and diagrams click by click
 * without Slidev's client.
 */
import type { RenderedDeck } from '../reader/build'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { build as esbuild } from 'esbuild'
import { audiencePageFile } from '../../shared/audience-route'
import { buildVitePage } from '../lib/vite-page'
import { measuredStartup } from '../vite/measured-startup'
import { audiencePage, audienceShell, checkFirstScriptAlone, slideArticle, withFontPreloads, withHostedPreload } from './page'

/** This repository: the page's code and styles, whichever deck is built. */
const PROJECT = fileURLToPath(new URL('../..', import.meta.url))

export const SERVICE_WORKER = 'audience-sw.js'

export interface AudienceBuild {
  /** The built deck's folder (dist/): the page goes into its audience/ folder, the service worker beside. */
  dist: string
  /** The deck's base path, `/` or `/talk/`. */
  base: string
  deck: RenderedDeck
}

/**
 * The hosted parts' chunk (setup/audience/hosted.ts), which every visit loads
 * once the slide is on screen, holds all they import that the page's first
 * script does not: Vue and what the islands share with the panels too, and
 * plugin-vue's helper for the components. An island's chunk then holds that
 * island's own code, and the first visit loads two scripts, as many as before
 * there were islands. Rolldown's manual chunk also takes in what its modules
 * import, even a module the first script imports too: the first script would
 * then import the whole chunk and wait for it, so the two share no module,
 * and the build fails if they do (checkFirstScriptAlone, ./page.ts).
 */
/** What the bundler tells a manualChunks function of a module: what it imports. */
interface ManualChunkMeta {
  getModuleInfo: (id: string) => { importedIds: readonly string[] } | null
}

function hostedChunk(main: string, hosted: string): (id: string, meta: ManualChunkMeta) => string | undefined {
  let modules: Set<string> | undefined
  const reach = (from: string, meta: ManualChunkMeta): Set<string> => {
    const seen = new Set<string>()
    const visit = (id: string): void => {
      if (seen.has(id))
        return
      seen.add(id)
      for (const imported of meta.getModuleInfo(id)?.importedIds ?? [])
        visit(imported)
    }
    visit(from)
    return seen
  }
  return (id, meta) => {
    if (!modules) {
      const first = reach(main, meta)
      modules = new Set([...reach(hosted, meta)].filter(module => !first.has(module)))
    }
    return modules.has(id) || id.startsWith('\0plugin-vue:') ? 'hosted' : undefined
  }
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort()
}

export async function buildAudience(options: AudienceBuild): Promise<{ out: string, pages: number }> {
  const out = resolve(options.dist, 'audience')
  const { deck: rendered, base } = options
  const deck: AudienceDeck = {
    title: rendered.title,
    base,
    slides: rendered.slides.map(slide => ({ no: slide.no, title: slide.title, clicks: slide.clicks })),
  }
  await buildVitePage({
    name: 'audience',
    script: join(PROJECT, 'setup/audience/main.ts'),
    css: rendered.css,
    out,
    base: `${base}audience/`,
    html: ({ script, stylesheet }) => audienceShell({ description: rendered.description, author: rendered.author, base, script, stylesheet }),
    // The islands' components (setup/audience/islands.ts) read this machine's start-up figures as the build drew them.
    plugins: [vue(), measuredStartup({ root: PROJECT })],
    define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    build: {
      modulePreload: { polyfill: false },
      rollupOptions: { output: { manualChunks: hostedChunk(join(PROJECT, 'setup/audience/main.ts'), join(PROJECT, 'setup/audience/hosted.ts')) } },
    },
  })

  const built = readFileSync(join(out, 'index.html'), 'utf8')
  checkFirstScriptAlone(built)
  const assets = readdirSync(join(out, 'assets'))
  const assetsUrl = `${base}audience/assets/`
  const shell = withHostedPreload(withFontPreloads(built, assetsUrl, assets), assetsUrl, assets)
  rmSync(join(out, 'index.html'))
  mkdirSync(join(out, 'slides'), { recursive: true })
  for (const slide of rendered.slides) {
    writeFileSync(join(options.dist, audiencePageFile(slide.no)), audiencePage(shell, slide, deck))
    writeFileSync(join(out, 'slides', `${slide.no}.html`), slideArticle(slide, rendered.slides.length))
  }
  // Kept for offline: the assets, every slide's fragment and one page (any slide's page moves itself to the slide asked for).
  const kept = filesUnder(out).filter(file => !/^\d+\.html$/.test(file) || file === '1.html').map(file => `audience/${file}`)
  await buildServiceWorker(options.dist, base, kept)
  return { out, pages: rendered.slides.length }
}

/**
 * The service worker, with the build's files to keep and a version made of
 * their contents: a new build installs a new worker, which drops the old
 * build's files once it takes over.
 */
async function buildServiceWorker(dist: string, base: string, files: string[]): Promise<void> {
  const hash = createHash('sha256')
  for (const file of files)
    hash.update(file).update(readFileSync(join(dist, file)))
  await esbuild({
    entryPoints: [join(PROJECT, 'setup/audience/service-worker.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    outfile: join(dist, SERVICE_WORKER),
    define: {
      __AUDIENCE_BASE__: JSON.stringify(base),
      __AUDIENCE_FILES__: JSON.stringify([...files, 'favicon.svg']),
      __AUDIENCE_VERSION__: JSON.stringify(hash.digest('hex').slice(0, 16)),
    },
    logLevel: 'warning',
  })
}
