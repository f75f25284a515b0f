/**
 * The audience page's islands: on the slide shown, each component that is
 * live in the deck (components/islands.ts: the poll, the startup timeline,
 * the density chart) is mounted over the still the build drew, with the props
 * the slide gave it, the live ones, and the page's click; it is taken down
 * when the slide changes. A still stays when its component cannot load (no
 * network, no script): what the build drew, the finished state.
 *
 * This half is in the page's first script and holds no Vue: a component's code
 * is a chunk loaded the first time a slide that has it is shown, and the Vue
 * half (./island-mount.ts) is in the hosted parts' chunk, which every visit
 * loads (scripts/audience/build.ts). The slide says where its islands are in
 * `data-islands`: `none`, `waiting` (an island that mounts once touched,
 * components/islands.ts `mount`, before the reader's first touch or the page's
 * first move), `loading`, `live`, or `still` when they could not load.
 */
import type { Component } from 'vue'
import type { IslandName, IslandProps } from '../../components/islands'
import type { IslandMount, MountedIslands } from './island-mount'
import type { AudiencePage } from './page'
import { drawnProps, followsClicks, isIsland, ISLAND_ATTRIBUTE, ISLAND_PROPS_ATTRIBUTE, liveProps, waitsForTouch } from '../../components/islands'

/** Each island's component: a chunk of its own, loaded when a slide that has it is shown. */
const COMPONENTS: Record<IslandName, () => Promise<{ default: Component }>> = {
  Poll: () => import('../../components/Poll.vue'),
  StartupTimeline: () => import('../../components/StartupTimeline.vue'),
  DensityChart: () => import('../../components/DensityChart.vue'),
}

export type IslandsState = 'none' | 'waiting' | 'loading' | 'live' | 'still'

/** An island on a slide: the component, the props it was drawn with, and the still it takes the place of. */
export interface IslandSite {
  name: IslandName
  props: IslandProps
  /**
   * The marked root, or for a diagram that follows the clicks the stack of its
   * drawings, one per click (`.reader-steps`): one live component follows the
   * page's click instead.
   */
  still: HTMLElement
}

/** The islands drawn on `slide`, each once. */
export function findIslands(slide: ParentNode): IslandSite[] {
  const sites: IslandSite[] = []
  const seen = new Set<HTMLElement>()
  for (const root of slide.querySelectorAll<HTMLElement>(`[${ISLAND_ATTRIBUTE}]`)) {
    const name = root.getAttribute(ISLAND_ATTRIBUTE) ?? ''
    const props = drawnProps(root.getAttribute(ISLAND_PROPS_ATTRIBUTE))
    if (!isIsland(name) || !props)
      continue
    const steps = followsClicks(props) ? root.closest<HTMLElement>('.reader-steps') : null
    const still = steps ?? root
    if (seen.has(still))
      continue
    seen.add(still)
    sites.push({ name, props, still })
  }
  return sites
}

/**
 * Loads the components `sites` need and the page's Vue half; resolves to
 * what mounts them at a click (over their stills, which are still in place).
 */
async function load(sites: readonly IslandSite[]): Promise<(clicks: number) => MountedIslands> {
  const names = [...new Set(sites.map(site => site.name))]
  const [{ mountIslands }, ...modules] = await Promise.all([import('./island-mount'), ...names.map(name => COMPONENTS[name]())])
  const components = new Map(names.map((name, index) => [name, modules[index]!.default]))
  const islands: IslandMount[] = sites.map(site => ({
    name: site.name,
    component: components.get(site.name)!,
    props: clicks => liveProps(site.name, site.props, clicks),
    still: site.still,
  }))
  return clicks => mountIslands(islands, clicks)
}

/** What counts as the reader's first touch of the page (a scroll by touch or by key starts with one). */
const TOUCHES = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const

/** Calls `touched` once, on the reader's first touch, click, wheel or key press on the page. */
function onFirstTouch(touched: () => void): void {
  const controller = new AbortController()
  const once = (): void => {
    controller.abort()
    touched()
  }
  for (const type of TOUCHES)
    window.addEventListener(type, once, { capture: true, passive: true, signal: controller.signal })
}

/** Keeps the islands of the slide on screen live as `page` moves. */
export function followIslands(page: AudiencePage): void {
  let slide: HTMLElement | undefined
  let mounted: MountedIslands | undefined
  /** The reader has touched the page, or it has moved: every island may mount. */
  let touched = false
  /** The slide whose islands wait for that. */
  let waiting: HTMLElement | undefined

  /** Marks where `shown`'s islands stand, for its styles and the tests. */
  const mark = (shown: HTMLElement, value: IslandsState): void => void (shown.dataset.islands = value)

  function start(shown: HTMLElement, sites: IslandSite[]): void {
    waiting = undefined
    mark(shown, 'loading')
    load(sites).then((mount) => {
      // The page may have moved on while the chunks came.
      if (page.slide() !== shown)
        return
      mounted = mount(page.place().clicks)
      mark(shown, 'live')
    }, () => mark(shown, 'still'))
  }

  function show(): void {
    const shown = page.slide()
    if (shown === slide) {
      if (waiting === shown && touched)
        start(shown, findIslands(shown))
      mounted?.setClicks(page.place().clicks)
      return
    }
    mounted?.unmount()
    mounted = undefined
    waiting = undefined
    slide = shown
    const sites = findIslands(shown)
    if (sites.length === 0)
      return mark(shown, 'none')
    if (!touched && sites.some(site => waitsForTouch(site.name))) {
      waiting = shown
      return mark(shown, 'waiting')
    }
    start(shown, sites)
  }

  onFirstTouch(() => {
    touched = true
    show()
  })
  show()
  // The page's move to the step its address names (offline, the service worker's page for another slide, main.ts)
  // is not one: it shows what the address asked for.
  const opened = page.place()
  page.onMoved((step) => {
    if (step.page !== opened.page || step.clicks !== opened.clicks)
      touched = true
    show()
  })
}
