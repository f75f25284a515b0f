/** Reading exported PDFs: pdf.js for text, links, metadata, outline and tags; pdf-lib for the structure tree as written; poppler for fonts. */
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { StructureFacts } from './structure'
import { Buffer } from 'node:buffer'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import * as pdfLib from 'pdf-lib'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { roleMap, structElements } from './structure'

export interface PdfPage {
  text: string
  links: string[]
}

export interface OutlineItem {
  title: string
  children: OutlineItem[]
}

export interface PdfFacts {
  pages: PdfPage[]
  info: Record<string, unknown>
  /** The bookmarks, nested as the reader's sidebar shows them. */
  outline: OutlineItem[]
  /** Whether a reader shows the document's title, not its file name, in the window's title bar. */
  displayDocTitle: boolean
}

interface PdfJsOutline {
  title: string
  items?: PdfJsOutline[]
}

function toOutline(items: readonly PdfJsOutline[] | null): OutlineItem[] {
  return (items ?? []).map(item => ({ title: item.title.trim(), children: toOutline(item.items ?? []) }))
}

/** Every title of an outline, depth first, as the sidebar lists them. */
export function outlineTitles(outline: readonly OutlineItem[]): string[] {
  return outline.flatMap(item => [item.title, ...outlineTitles(item.children)])
}

/** Reads an exported PDF with pdf.js: text and links per page, metadata, outline. */
export async function readPdf(path: string): Promise<PdfFacts> {
  const document = await getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise
  const pages: PdfPage[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const content = await page.getTextContent()
    const text = content.items.map(item => ('str' in item ? item.str : '')).join(' ')
    const annotations = await page.getAnnotations()
    const links = annotations
      .filter(annotation => annotation.subtype === 'Link' && typeof annotation.url === 'string')
      .map(annotation => annotation.url as string)
    pages.push({ text, links })
  }
  const { info } = await document.getMetadata()
  const outline = toOutline(await document.getOutline() as PdfJsOutline[] | null)
  const preferences = await document.getViewerPreferences() as { DisplayDocTitle?: boolean } | null
  await document.destroy()
  return { pages, info: info as Record<string, unknown>, outline, displayDocTitle: preferences?.DisplayDocTitle === true }
}

export interface InternalLink {
  /** The named destination, as Chromium writes it: the target element's id. */
  dest: string
  /** The 1-based page it opens, or undefined when the destination does not exist. */
  page: number | undefined
}

/** Per page, the links that open another page of the same file. */
export async function readInternalLinks(path: string): Promise<InternalLink[][]> {
  const document = await getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise
  const pages: InternalLink[][] = []
  const resolved = new Map<string, number | undefined>()
  for (let number = 1; number <= document.numPages; number++) {
    const links: InternalLink[] = []
    for (const annotation of await (await document.getPage(number)).getAnnotations()) {
      if (annotation.subtype !== 'Link' || typeof annotation.dest !== 'string')
        continue
      const dest = annotation.dest as string
      if (!resolved.has(dest)) {
        const explicit = await document.getDestination(dest) as [{ num: number, gen: number }, ...unknown[]] | null
        resolved.set(dest, explicit ? await document.getPageIndex(explicit[0]) + 1 : undefined)
      }
      links.push({ dest, page: resolved.get(dest) })
    }
    pages.push(links)
  }
  await document.destroy()
  return pages
}

interface PdfJsStructNode {
  role?: string
  type?: string
  children?: PdfJsStructNode[]
}

export interface PdfTags {
  /** The catalog's MarkInfo says the file is tagged. */
  marked: boolean
  /** Per page, the structure roles in reading order (depth first), and how many marked contents they own. */
  pages: { roles: string[], contents: number }[]
}

/** Reads a PDF's structure tree (its tags), as a screen reader would walk it: per page, roles in order. */
export async function readTags(path: string): Promise<PdfTags> {
  const document = await getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise
  const markInfo = await document.getMarkInfo() as { Marked?: boolean } | null
  const pages: PdfTags['pages'] = []
  for (let number = 1; number <= document.numPages; number++) {
    const roles: string[] = []
    let contents = 0
    const walk = (node: PdfJsStructNode) => {
      if (node.type === 'content')
        contents++
      if (node.role)
        roles.push(node.role)
      node.children?.forEach(walk)
    }
    const tree = await (await document.getPage(number)).getStructTree() as PdfJsStructNode | null
    if (tree)
      walk(tree)
    pages.push({ roles, contents })
  }
  await document.destroy()
  return { marked: markInfo?.Marked === true, pages }
}

/**
 * A PDF's content with what may differ between two prints of the same pages
 * taken out: every Flate stream inflated (Chromium's compressed bytes vary
 * from run to run for the same content), stream lengths and byte offsets
 * dropped, dates and the structure elements' per-run node numbers replaced. Two files with the same result show the same thing.
 */
export function pdfWithoutDates(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('latin1')
  const parts: string[] = []
  const streamStart = /\/Length (\d+)\D[\s\S]*?stream\r?\n/g
  let at = 0
  for (let match = streamStart.exec(text); match; match = streamStart.exec(text)) {
    const start = match.index + match[0].length
    const end = start + Number(match[1])
    const body = Buffer.from(text.slice(start, end), 'latin1')
    let content: string
    try {
      content = inflateSync(body).toString('latin1')
    }
    catch {
      content = body.toString('latin1')
    }
    parts.push(text.slice(at, match.index), 'stream\n', content)
    at = end
    streamStart.lastIndex = end
  }
  parts.push(text.slice(at))
  return parts.join('')
    .replace(/D:\d{14}(?:Z|[+-]\d{2}'?\d{2}'?)?/g, 'D:date')
    // Chromium names each structure element by the DOM node it came from, numbered per run.
    .replace(/\((node)\d+\)/g, '($1)')
    .replace(/startxref\s+\d+/g, 'startxref')
    .replace(/^\d{10} \d{5} [fn]\s*$/gm, '')
}

/** Runs a poppler tool, saying how to install poppler when it is missing. */
export function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' })
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} not found: install poppler (apt-get install poppler-utils, or brew install poppler).`)
    throw error
  }
}

export interface PdfFont {
  name: string
  type: string
  embedded: boolean
}

/** The fonts of a PDF as poppler's `pdffonts` lists them (fixed-width columns). */
export function pdfFonts(path: string): PdfFont[] {
  const [, rule = '', ...rows] = poppler('pdffonts', [path]).trimEnd().split('\n')
  // The rule under the header ("----- ----- ...") marks where each column starts and ends.
  const columns = [...rule.matchAll(/-+/g)].map(match => [match.index, match.index + match[0].length] as const)
  const cell = (row: string, column: number) => {
    const [from, to] = columns[column] ?? [0, 0]
    return row.slice(from, to).trim()
  }
  return rows.map(row => ({ name: cell(row, 0), type: cell(row, 1), embedded: cell(row, 3) === 'yes' }))
}

/** What makes an exported PDF incomplete: a page count off the expected one, or pages without text. */
export function incompleteExport(pages: readonly PdfPage[], expectedPages: number): string[] {
  const found: string[] = []
  if (pages.length !== expectedPages)
    found.push(`${pages.length} pages where ${expectedPages} were expected`)
  const blank = pages.flatMap((page, index) => (page.text.trim() ? [] : [index + 1]))
  if (blank.length > 0)
    found.push(`no text on page${blank.length > 1 ? 's' : ''} ${blank.join(', ')}`)
  return found
}

/**
 * How much of each page is ink: the share of pixels that differ clearly from
 * the page's most common (background) shade, rendered small in greyscale.
 * A page that printed blank, light or dark, scores 0.
 */
export function inkPerPage(path: string, dpi = 12): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'ink-'))
  try {
    poppler('pdftoppm', ['-gray', '-r', String(dpi), path, join(dir, 'page')])
    return readdirSync(dir).sort().map((file) => {
      const pixels = pgmPixels(readFileSync(join(dir, file)))
      const counts = new Map<number, number>()
      for (const value of pixels)
        counts.set(value, (counts.get(value) ?? 0) + 1)
      const background = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0]
      let ink = 0
      for (const value of pixels) {
        if (Math.abs(value - background) > 40)
          ink++
      }
      return ink / pixels.length
    })
  }
  finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The pixels of a binary greyscale PGM (P5) image, as pdftoppm -gray writes it. */
export function pgmPixels(file: Uint8Array): Uint8Array {
  const header = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(new TextDecoder('latin1').decode(file.subarray(0, 64)))
  if (!header)
    throw new Error('Not a binary PGM image.')
  const [whole, width, height] = header
  return file.subarray(whole.length, whole.length + Number(width) * Number(height))
}

/** One page of a PDF as a PNG (poppler's pdftoppm, 60 dpi). */
export function renderPage(path: string, page: number, dpi = 60): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'page-'))
  try {
    poppler('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, join(dir, 'page')])
    return Buffer.from(readFileSync(join(dir, 'page.png')))
  }
  finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

interface PdfJsStructElement {
  role?: string
  alt?: string
  type?: string
  id?: string
  children?: PdfJsStructElement[]
}

interface PdfJsTextItem {
  type?: string
  id?: string
  str?: string
}

/**
 * A page's text per marked-content id (`p12R_mc3`), as pdf.js names the
 * structure tree's content; each text goes to the nearest marked content
 * around it that has an id. Only the first marked content of an id counts:
 * Chromium draws a scaled element (the handout's slides) as a form XObject
 * whose marked content is numbered again from 0, and pdf.js names those ids
 * as the page's, so a later one of the same id is the XObject's. (What
 * comes on a page before such an element, the handout's slide title above
 * its slide, is read right; the slides PDFs have no such XObjects.)
 */
async function textByContent(page: PDFPageProxy): Promise<Map<string, string>> {
  const content = await page.getTextContent({ includeMarkedContent: true })
  const texts = new Map<string, string>()
  const open: (string | undefined)[] = []
  const seen = new Set<string>()
  for (const item of content.items as PdfJsTextItem[]) {
    if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
      // A repeated id opens as anonymous marked content: its text goes to none.
      open.push(item.id && !seen.has(item.id) ? item.id : (item.id ? '' : undefined))
      if (item.id)
        seen.add(item.id)
    }
    else if (item.type === 'endMarkedContent') {
      open.pop()
    }
    else if (item.str !== undefined) {
      const id = open.findLast(candidate => candidate !== undefined)
      if (id)
        texts.set(id, (texts.get(id) ?? '') + item.str)
    }
  }
  return texts
}

/**
 * What a screen reader and a PDF/UA-1 check read of a PDF (see
 * scripts/export/structure.ts): the catalog's tagging, language and title
 * settings, every structure element as written with pdf-lib, and per page,
 * from pdf.js's walk of the tree with its text, the headings a reader
 * reaches: none inside a figure whose alternate text it reads instead.
 */
export async function readStructure(path: string): Promise<StructureFacts> {
  const bytes = new Uint8Array(readFileSync(path))
  const written = await pdfLib.PDFDocument.load(bytes, { updateMetadata: false })
  const document = await getDocument({ data: bytes, verbosity: 0 }).promise
  const markInfo = await document.getMarkInfo() as { Marked?: boolean } | null
  const preferences = await document.getViewerPreferences() as { DisplayDocTitle?: boolean } | null
  const { info } = await document.getMetadata() as { info: { Title?: string, Language?: string } }
  const headings: string[][] = []
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const texts = await textByContent(page)
    const textOf = (node: PdfJsStructElement): string => node.type === 'content' ? (texts.get(node.id ?? '') ?? '') : (node.children ?? []).map(textOf).join('')
    const found: string[] = []
    const walk = (node: PdfJsStructElement) => {
      if (node.role && /^H[1-6]?$/.test(node.role)) {
        found.push(`${node.role} ${textOf(node).replace(/\s+/g, ' ').trim()}`)
        return
      }
      if (node.role === 'Figure' && node.alt?.trim())
        return
      node.children?.forEach(walk)
    }
    const tree = await page.getStructTree() as PdfJsStructElement | null
    if (tree)
      walk(tree)
    headings.push(found)
  }
  await document.destroy()
  return {
    marked: markInfo?.Marked === true,
    lang: info.Language || undefined,
    title: info.Title || undefined,
    displayDocTitle: preferences?.DisplayDocTitle === true,
    elements: structElements(written),
    roleMap: roleMap(written),
    headings,
  }
}
