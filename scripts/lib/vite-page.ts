/**
 * Builds one generated HTML page with Vite, as the reader edition
 * (scripts/reader/build.ts) and the audience page (scripts/audience/build.ts)
 * do: the page and the slides' generated stylesheet are written to a scratch
 * folder under node_modules/.cache, Vite bundles the script and styles they
 * name into `out` (emptied first; hashed files in assets/), and the scratch
 * folder goes. The page is built for production whatever NODE_ENV the
 * process has: rendering the slides in Vite's dev server
 * (scripts/reader/build.ts) sets it to development, and Vite would then ship
 * Vue's development build, its warnings and the components' source paths.
 */
import type { BuildEnvironmentOptions, InlineConfig } from 'vite'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

/** This repository, whose node_modules/.cache holds the scratch folder. */
const PROJECT = fileURLToPath(new URL('../..', import.meta.url))

export interface VitePage {
  /** The scratch folder's prefix, e.g. `reader`. */
  name: string
  /** The page's HTML, given its script and stylesheet as Vite should find them. */
  html: (files: { script: string, stylesheet: string }) => string
  /** The page's script, an absolute path. */
  script: string
  /** The slides' stylesheet (render.ts), written beside the page. */
  css: string
  out: string
  /** The base every built URL starts with: `./` for relative URLs. */
  base: string
  plugins?: InlineConfig['plugins']
  define?: InlineConfig['define']
  /** More of Vite's build options (outDir, emptyOutDir, assetsDir and reportCompressedSize are set). */
  build?: Omit<BuildEnvironmentOptions, 'outDir'>
}

export async function buildVitePage(page: VitePage): Promise<void> {
  mkdirSync(join(PROJECT, 'node_modules/.cache'), { recursive: true })
  const scratch = mkdtempSync(join(PROJECT, `node_modules/.cache/${page.name}-`))
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    writeFileSync(join(scratch, 'slides.css'), page.css)
    writeFileSync(join(scratch, 'index.html'), page.html({ script: relative(scratch, page.script), stylesheet: './slides.css' }))
    await build({
      root: scratch,
      base: page.base,
      configFile: false,
      logLevel: 'warn',
      publicDir: false,
      plugins: page.plugins,
      define: page.define,
      build: { emptyOutDir: true, assetsDir: 'assets', reportCompressedSize: false, ...page.build, outDir: page.out },
    })
  }
  finally {
    rmSync(scratch, { recursive: true, force: true })
    if (nodeEnv === undefined)
      delete process.env.NODE_ENV
    else
      process.env.NODE_ENV = nodeEnv
  }
}
