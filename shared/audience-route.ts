/**
 * Which page a hosted deck's visitor gets. An audience member who scans the QR
 * code opens the deck's address (`<base>`) or a slide's (`<base>7`): they get
 * the audience page (`audience/N.html` in the build, scripts/audience/), the
 * slide as static HTML with a small script, far lighter than Slidev's client.
 * Everything else is Slidev's: the presenter view, the overview, print and
 * export, the phone remote, and a slide asked for with `?projector`, the
 * address the projector (or anyone who wants Slidev's own deck) opens.
 *
 * The server (server/static.ts) and the audience page's service worker
 * (setup/audience/service-worker.ts) decide with this one function.
 */

/** The query that asks for Slidev's deck on a slide's address: `<base>7?projector`. */
export const PROJECTOR_QUERY = 'projector'

/** Queries that belong to Slidev's own pages: print and embedded views, and the projector's deck. */
const SLIDEV_QUERIES = [PROJECTOR_QUERY, 'print', 'embedded'] as const

/** Most slides a deck may have: a bound on the number an address may name. */
export const MAX_AUDIENCE_SLIDE = 9999

/**
 * The slide whose audience page answers `rest` (the path after the deck's
 * base, without a leading slash) with `search` (the query, with or without
 * its `?`), or undefined when Slidev's page does. Whether the build has that
 * slide's page is the caller's to check.
 */
export function audienceSlide(rest: string, search: string): number | undefined {
  const query = new URLSearchParams(search)
  if (SLIDEV_QUERIES.some(name => query.has(name)))
    return undefined
  if (rest === '')
    return 1
  if (!/^[1-9]\d*$/.test(rest))
    return undefined
  const no = Number(rest)
  return no <= MAX_AUDIENCE_SLIDE ? no : undefined
}

/** The build's file for slide `no`'s audience page, relative to the build's root. */
export function audiencePageFile(no: number): string {
  return `audience/${no}.html`
}
