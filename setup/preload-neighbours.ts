/**
 * Slidev mounts the slides before and after the current one (so their clicks
 * are known before they are shown) and, three seconds after load, every slide
 * at once: one long task, 150-230 ms on a 2-core machine. slides.md turns
 * Slidev's preloading off (`preload: false`) and setup/main.ts calls this on
 * every navigation: it mounts the neighbours, never the rest.
 * A preloaded slide stays mounted, hidden, as with Slidev.
 */

/** The part of a slide route this needs. */
export interface PreloadableRoute {
  meta: object
  load: () => Promise<unknown>
}

/** What Slidev's SlidesShow mounts a hidden slide by (declared in Slidev's client shim, which this project does not load). */
interface PreloadMeta {
  __preloaded?: boolean
}

/** Marks the slides next to slide `no` (1-based) for mounting and loads their code; returns those it marked. */
export function preloadNeighbours<Route extends PreloadableRoute>(routes: readonly Route[], no: number): Route[] {
  if (!Number.isInteger(no) || no < 1 || no > routes.length)
    return []
  const marked: Route[] = []
  for (const route of [routes[no - 2], routes[no]]) {
    if (!route)
      continue
    const meta = route.meta as PreloadMeta
    if (meta.__preloaded)
      continue
    meta.__preloaded = true
    void route.load().catch(() => {})
    marked.push(route)
  }
  return marked
}

/** The slide number of a route location of the play or presenter view (`/5`, `/presenter/5`), or NaN. */
export function slideNoOf(location: { name?: unknown, params: Record<string, unknown> }): number {
  const no = location.params.no
  return (location.name === 'play' || location.name === 'presenter') && typeof no === 'string' && /^\d+$/.test(no) ? Number(no) : Number.NaN
}
