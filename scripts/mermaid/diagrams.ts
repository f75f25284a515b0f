/**
 * The deck's mermaid diagrams, from page to SVG: where a block is, its key,
 * the rendered file, and the component tag that shows it.
 *
 * Rendered diagrams are committed, in components/mermaid-svg/<key>.svg, so a
 * fresh clone presents, builds and exports with no Chromium. A key is a hash
 * of everything that shapes the picture (the source, mermaid's version, the
 * configuration, the drawing code and the font files), so an edited diagram
 * has no file yet: `npm run dev` and `npm run build` draw it then, with the
 * Chromium scripts/lib/chromium.ts finds, and write the file. `npm run
 * mermaid` draws what is missing and removes what no page uses;
 * `npm run mermaid -- --check` (part of `npm test`) fails while either is so.
 */
import type { ParsedMermaid } from '../../components/mermaid-steps.ts'
import type { RenderedMermaid } from './render.ts'
import type { Place } from './source.ts'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { findMermaidBlocks } from '../../components/mermaid-steps.ts'
import { MERMAID_CONFIG, MERMAID_VERSION, MermaidRenderer, MermaidRenderError } from './render.ts'
import { blockSource, describePlace, MermaidDiagramError, parseAt } from './source.ts'

export type { Place } from './source.ts'
export { blockSource, describePlace, MermaidDiagramError, parseAt, readImport } from './source.ts'

/** Where rendered diagrams are kept (committed). */
export const STORE_DIR = fileURLToPath(new URL('../../components/mermaid-svg/', import.meta.url))

const FONTS = [400, 600, 700].map(weight => fileURLToPath(new URL(`../../styles/fonts/inter-${weight}.woff2`, import.meta.url)))
const RENDER_SOURCE = readFileSync(fileURLToPath(new URL('./render.ts', import.meta.url)), 'utf8')
/**
 * The drawing code's part of a key: render.ts from its page functions on (its
 * comments above do not count), and the step rules it draws by.
 */
const DRAWING = RENDER_SOURCE.slice(RENDER_SOURCE.indexOf('async function declareInPage')) + readFileSync(fileURLToPath(new URL('../../components/mermaid-steps.ts', import.meta.url)), 'utf8')

let fontDigest: string | undefined
/** The key of a diagram's rendered file. */
export function mermaidKey(source: string): string {
  if (fontDigest === undefined) {
    const hash = createHash('sha256')
    FONTS.forEach(file => hash.update(readFileSync(file)))
    fontDigest = hash.digest('hex')
  }
  return createHash('sha256')
    .update(JSON.stringify([source.trim(), MERMAID_VERSION, MERMAID_CONFIG, DRAWING, fontDigest]))
    .digest('hex')
    .slice(0, 16)
}

export function storePath(key: string, dir = STORE_DIR): string {
  return join(dir, `${key}.svg`)
}

/** The rendered files in the store, by key. */
export function storedKeys(dir = STORE_DIR): string[] {
  return existsSync(dir) ? readdirSync(dir).filter(name => /^[0-9a-f]{16}\.svg$/.test(name)).map(name => name.slice(0, 16)) : []
}

let shared: MermaidRenderer | undefined
let idle: ReturnType<typeof setTimeout> | undefined
/** How long a dev server keeps its Chromium after the last render, for the next save. */
const IDLE_MS = 60_000

/** Closes the Chromium a render started (the build calls this when it ends). */
export async function closeRenderer(): Promise<void> {
  clearTimeout(idle)
  const renderer = shared
  shared = undefined
  await renderer?.close()
}

export interface DrawOptions {
  /** Draw a diagram with no stored file (true), or fail saying how to (false: `--check`). */
  render?: boolean
  dir?: string
}

/** A diagram's SVG: from the store, or drawn now and stored. */
export async function drawDiagram(source: string, parsed: ParsedMermaid, place: Place, options: DrawOptions = {}): Promise<RenderedMermaid & { key: string }> {
  const key = mermaidKey(source)
  const file = storePath(key, options.dir)
  if (existsSync(file))
    return { key, ...svgSize(readFileSync(file, 'utf8')) }
  if (options.render === false)
    throw new MermaidDiagramError(`${describePlace(place)}: this diagram has no rendered file (${relative(process.cwd(), file)}). Run \`npm run mermaid\` (it needs a Chromium: \`npm run chromium\` says how to get one).`)
  shared ??= new MermaidRenderer()
  clearTimeout(idle)
  let rendered: RenderedMermaid
  try {
    rendered = await shared.render(source.trim(), parsed, `m${key}`)
  }
  catch (error) {
    if (error instanceof MermaidRenderError) {
      const at = error.line === undefined ? place : { file: place.file, line: place.line + error.line - 1 }
      throw new MermaidDiagramError(`${describePlace(at)}: mermaid cannot draw this diagram: ${error.message}`)
    }
    throw new MermaidDiagramError(`${describePlace(place)}: ${error instanceof Error ? error.message : String(error)}`)
  }
  finally {
    idle = setTimeout(() => void closeRenderer(), IDLE_MS)
    idle.unref()
  }
  mkdirSync(options.dir ?? STORE_DIR, { recursive: true })
  writeFileSync(file, `${rendered.svg}\n`)
  return { key, ...rendered }
}

/** The size a stored SVG was laid out at, from its viewBox. */
export function svgSize(svg: string): RenderedMermaid {
  const box = /viewBox="([^"]+)"/.exec(svg)?.[1]?.split(/\s+/).map(Number) ?? []
  return { svg: svg.trim(), width: Math.ceil(box[2] ?? 0), height: Math.ceil(box[3] ?? 0) }
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The component that shows a drawn diagram, with everything it needs in its attributes. */
export function mermaidTag(rendered: RenderedMermaid, parsed: ParsedMermaid): string {
  const captions = JSON.stringify(parsed.steps.map(step => step.caption))
  return `<MermaidDiagram :clicks="$clicks" steps="${parsed.clicks}" kind="${parsed.kind}" width="${rendered.width}" height="${rendered.height}" captions="${escapeAttribute(captions)}" svg="${escapeAttribute(rendered.svg)}" />`
}

/** One diagram's source, from a page's code block, to its component tag. */
export async function diagramTag(source: string, place: Place, options: DrawOptions = {}): Promise<string> {
  const parsed = parseAt(source, place)
  return mermaidTag(await drawDiagram(source, parsed, place, options), parsed)
}

/**
 * A slide's markdown with each mermaid block replaced by its component (the
 * reader edition renders markdown itself). `page.line` is the line of the
 * markdown's first line in its file.
 */
export async function expandMermaid(markdown: string, page: Place, options: DrawOptions & { root?: string } = {}): Promise<string> {
  const blocks = findMermaidBlocks(markdown)
  let out = ''
  let at = 0
  for (const block of blocks) {
    const { source, place } = blockSource(block, page, options.root)
    out += `${markdown.slice(at, block.start)}\n${await diagramTag(source, place, options)}\n\n`
    at = block.end
  }
  return out + markdown.slice(at)
}
