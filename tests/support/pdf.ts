import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
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

export interface PdfFont {
  name: string
  type: string
  embedded: boolean
}

/** The fonts of a PDF as poppler's `pdffonts` lists them. */
export function pdfFonts(path: string): PdfFont[] {
  const lines = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n').slice(2)
  return lines.map((line) => {
    // name, type (may contain spaces), encoding, emb, sub, uni, object, id
    const match = line.match(/^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(?:yes|no)\s+(?:yes|no)\s+\d+\s+\d+$/)
    if (!match)
      throw new Error(`Unexpected pdffonts line: ${line}`)
    return { name: match[1]!, type: match[2]!, embedded: match[3] === 'yes' }
  })
}
