import type { Edition } from '../../components/edition'
import type { Deck } from '../lib/deck'
import { outlinePdfFactory } from '@lillallol/outline-pdf'
import * as pdfLib from 'pdf-lib'
import { editionLabel } from '../../components/edition'
import { mapRoles } from './structure'

export interface OutlineEntry {
  /** 1-based page the bookmark opens. */
  page: number
  /** 1 for a section, 2 for a slide under it. */
  level: number
  title: string
}

export interface FinishOptions {
  title?: string
  outline?: readonly OutlineEntry[]
  now?: Date
  /** The build's edition: written as the `Edition` entry of the document information and into the creator. */
  edition?: Edition
  /** The `Edition` entry's text, when it says more than the edition's label (the room's edition: which talk). */
  label?: string
  /** The document's language (BCP 47), for screen readers; `en` unless given. */
  lang?: string
  /** The pages the file must have: finishing fails with a message saying so when it has others. */
  pages?: number
}

/**
 * The finishing touches on an exported PDF: title, author, subject,
 * keywords, creator and dates from the deck's headmatter, the document's
 * language, a viewer preference to show the title (not the file name) in the
 * window's title bar, the edition, and, when given, an outline (bookmarks).
 * The structure tree gets a RoleMap for the types PDF 1.7 does not define
 * (scripts/export/structure.ts); everything else in the file (links, the
 * tags themselves) is kept as it is.
 */
export async function finishPdf(bytes: Uint8Array, deck: Deck, options: FinishOptions = {}): Promise<Uint8Array> {
  let pdf = await pdfLib.PDFDocument.load(bytes, { updateMetadata: false })
  if (options.pages !== undefined && pdf.getPageCount() !== options.pages)
    throw new Error(`${pdf.getPageCount()} pages where ${options.pages} were expected`)
  if (options.outline) {
    const outline = options.outline.map(entry => `${entry.page}|${'-'.repeat(entry.level - 1)}|${entry.title}`).join('\n')
    pdf = await outlinePdfFactory(pdfLib)({ outline, pdf })
  }
  // Chromium writes PDF 2.0 types (Strong, Em) into a PDF 1.7 file: the RoleMap says what they are in PDF 1.7.
  mapRoles(pdf)
  const now = options.now ?? new Date()
  pdf.setTitle(options.title ?? deck.title, { showInWindowTitleBar: true })
  pdf.setLanguage(options.lang ?? 'en')
  pdf.setAuthor(deck.author)
  pdf.setSubject(deck.info)
  pdf.setKeywords(deck.keywords)
  pdf.setCreator(`containers-vs-vms-talk${options.edition ? ` ${options.edition.version} (${options.edition.commit})` : ''}, npm run export`)
  pdf.setProducer('Slidev, Chromium and pdf-lib')
  pdf.setCreationDate(now)
  pdf.setModificationDate(now)
  if (options.edition)
    pdf.context.lookup(pdf.context.trailerInfo.Info, pdfLib.PDFDict).set(pdfLib.PDFName.of('Edition'), pdfLib.PDFHexString.fromText(options.label ?? editionLabel(options.edition)))
  return pdf.save({ useObjectStreams: false })
}
