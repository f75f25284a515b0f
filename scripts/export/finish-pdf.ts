import type { Deck } from '../lib/deck'
import { outlinePdfFactory } from '@lillallol/outline-pdf'
import * as pdfLib from 'pdf-lib'

export interface OutlineEntry {
  /** 1-based page the bookmark opens. */
  page: number
  /** 1 for a section, 2 for a slide under it. */
  level: number
  title: string
}

/**
 * The finishing touches on an exported PDF: title, author, subject,
 * keywords, creator and dates from the deck's headmatter, and, when given,
 * an outline (bookmarks). Everything else in the file (links, structure
 * tags) is kept as it is.
 */
export async function finishPdf(bytes: Uint8Array, deck: Deck, options: { title?: string, outline?: readonly OutlineEntry[], now?: Date } = {}): Promise<Uint8Array> {
  let pdf = await pdfLib.PDFDocument.load(bytes, { updateMetadata: false })
  if (options.outline) {
    const outline = options.outline.map(entry => `${entry.page}|${'-'.repeat(entry.level - 1)}|${entry.title}`).join('\n')
    pdf = await outlinePdfFactory(pdfLib)({ outline, pdf })
  }
  const now = options.now ?? new Date()
  pdf.setTitle(options.title ?? deck.title)
  pdf.setAuthor(deck.author)
  pdf.setSubject(deck.info)
  pdf.setKeywords(deck.keywords)
  pdf.setCreator('containers-vs-vms-talk (npm run export)')
  pdf.setProducer('Slidev, Chromium and pdf-lib')
  pdf.setCreationDate(now)
  pdf.setModificationDate(now)
  return pdf.save({ useObjectStreams: false })
}
