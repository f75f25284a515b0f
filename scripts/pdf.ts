import { Buffer } from 'node:buffer'
/** Reading exported PDFs: pdf.js for text, links, metadata and outline; poppler for fonts. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export interface PdfPage {
  text: string
  links: string[]
}

export interface PdfFacts {
  pages: PdfPage[]
  info: Record<string, unknown>
  outline: string[]
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
  const outline = (await document.getOutline() ?? []).map(item => item.title)
  await document.destroy()
  return { pages, info: info as Record<string, unknown>, outline }
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
