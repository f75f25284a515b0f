import type { Deck } from '../lib/deck'

/** Where `npm run export` writes; the PDF tests read from here. */
export const EXPORT_DIR = 'exports'

export interface ExportFile {
  path: string
  /** Pages the file must have. */
  pages: number
}

/** The exported PDFs of a deck and their expected page counts. */
export function exportFiles(deck: Deck, dir = EXPORT_DIR) {
  const png = deck.slot === 'full' ? 'png' : `png-${deck.slot}`
  return {
    dir,
    /** One page per slide, final states. */
    slides: { path: `${dir}/${deck.exportFilename}.pdf`, pages: deck.slides.length } satisfies ExportFile,
    /** One page per click step: every slide once before its first click, then once per click. */
    steps: {
      path: `${dir}/${deck.exportFilename}-steps.pdf`,
      pages: deck.slides.reduce((total, slide) => total + slide.clicks + 1, 0),
    } satisfies ExportFile,
    /** Each slide with its speaker notes and sources: one page per slide, more where notes run on. */
    handout: { path: `${dir}/${deck.exportFilename}-handout.pdf`, pages: deck.slides.length } satisfies ExportFile,
    /** The handout with a hosted talk's polls and answered questions (`npm run export -- --room DIR`): pages as the handout's, more where they run on. */
    room: { path: `${dir}/${deck.exportFilename}-room.pdf`, pages: deck.slides.length } satisfies ExportFile,
    /** The slides in the dark colour scheme. */
    dark: { path: `${dir}/${deck.exportFilename}-dark.pdf`, pages: deck.slides.length } satisfies ExportFile,
    /** One PNG per slide, named by slide number: 1.png, 2.png, ... (the short edition's in png-short/). */
    png: { dir: `${dir}/${png}`, files: deck.slides.map(slide => `${dir}/${png}/${slide.no}.png`) },
  }
}
