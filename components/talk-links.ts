/**
 * Where the closing slide sends people: the reader edition and the handout
 * PDF, both beside the built deck. With the deck's public address (headmatter
 * `publicUrl`, or `DECK_PUBLIC_URL` when building) the links are absolute and
 * the build draws a QR code for each (scripts/vite/talk-links.ts, offline);
 * without one they are relative and there are no codes.
 */

/** The handout's file name beside the deck (`npm run export` copies it into dist/). */
export function handoutFile(exportFilename: string): string {
  return `${exportFilename}-handout.pdf`
}

/**
 * A public address as the deck's root URL, ending in `/`; null when it is
 * empty. Anything but an absolute http(s) URL without credentials, query or
 * fragment throws, naming the value: a QR code to a wrong address is worse
 * than none.
 */
export function publicRoot(value: unknown): string | null {
  if (value === undefined || value === null || value === '')
    return null
  const text = String(value).trim()
  let url: URL
  try {
    url = new URL(text)
  }
  catch {
    throw new TypeError(`publicUrl "${text}" is not an absolute URL (e.g. https://talks.example.org/containers/)`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`publicUrl "${text}" must be an http or https address`)
  if (url.username || url.password || url.search || url.hash)
    throw new TypeError(`publicUrl "${text}" must not carry credentials, a query or a fragment`)
  if (!url.pathname.endsWith('/'))
    url.pathname += '/'
  return url.href
}

export interface TalkLink {
  id: 'reader' | 'handout'
  label: string
  detail: string
  href: string
}

/** The closing slide's two links, absolute under `root` when there is one, else under the deck's base path. */
export function talkLinks(root: string | null, base: string, exportFilename: string): TalkLink[] {
  const prefix = root ?? (base.endsWith('/') ? base : `${base}/`)
  return [
    { id: 'reader', label: 'Reader edition', detail: 'every slide with its notes, for any screen', href: `${prefix}reader/` },
    { id: 'handout', label: 'Handout', detail: 'the slides and notes as a PDF', href: `${prefix}${handoutFile(exportFilename)}` },
  ]
}
