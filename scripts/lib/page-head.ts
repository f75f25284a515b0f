/**
 * The HTML the pages generated from the deck share: escaping, and the lines of
 * their `<head>` (the reader edition, scripts/reader/page.ts; the audience
 * page, scripts/audience/page.ts). Vite then hashes the script and stylesheet
 * each names.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, char => ESCAPES[char]!)
}

export interface PageHead {
  /** The title as HTML: escaped text, or a slot the build fills in. */
  titleHtml: string
  description: string
  author: string
  /** The favicon's address. */
  icon: string
  /** The page's script and stylesheet, as Vite should find them. */
  script: string
  stylesheet: string
  /** Lay the page out under a phone's notch and rounded corners too (`viewport-fit=cover`); default false. */
  coverViewport?: boolean
}

/** The `<meta>`, title, icon, stylesheet and script lines of a page's `<head>`. */
export function pageHead(head: PageHead): string {
  return `<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1${head.coverViewport ? ', viewport-fit=cover' : ''}">
<meta name="color-scheme" content="light dark">
<title>${head.titleHtml}</title>
<meta name="description" content="${escapeHtml(head.description)}">
<meta name="author" content="${escapeHtml(head.author)}">
<link rel="icon" href="${escapeHtml(head.icon)}" type="image/svg+xml">
<link rel="stylesheet" href="${head.stylesheet}">
<script type="module" src="${head.script}"></script>`
}
