/** Where `npm run export` writes; the PDF tests read from here. */
export const EXPORT_DIR = 'exports'
