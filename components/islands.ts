/**
 * The deck's components that react to their reader or move on their own: on
 * the audience page (setup/audience/islands.ts) each is an island, the live
 * component mounted over the still the build drew. The build's renderer
 * (scripts/reader/render.ts) marks each one's root with its name and the props
 * the slide gave it; the page mounts the same component with those props, the
 * live ones below, and the page's click for `clicks`.
 * Vue-free and Slidev-free: the renderer and the page's first script read it.
 */

export interface IslandDefinition {
  /**
   * The props the slide gives the component live on screen (`$renderContext`
   * 'slide', not printing) that the still was drawn without: the pages pass
   * `:live="$renderContext === 'slide' && !$nav.isPrintMode"`, which the build
   * renders as on paper.
   */
  live: Readonly<Record<string, unknown>>
  /**
   * When the page mounts it: `shown`, as soon as its slide is shown; `touched`,
   * once the reader has touched, clicked, turned the wheel or pressed a key on
   * the page, or the page has moved (the reader's step or the presenter's),
   * whichever comes first. Until then the still shows the same slide at the
   * same click. The startup timeline waits: mounting it on a deep link to its
   * slide (its code and stylesheet, the chart drawn again, the slide laid out
   * again) put Lighthouse's total blocking time at a median of 666 ms against
   * 385 ms without (mobile preset, 4× CPU slowdown; docs/benchmarks.md).
   */
  mount: 'shown' | 'touched'
}

export const ISLANDS = {
  /** Votes, and the room's results as they come in (live with the sync channel alone). */
  Poll: { live: {}, mount: 'shown' },
  /** The race at true speed on its last click, the axis and replay buttons. */
  StartupTimeline: { live: { live: true }, mount: 'touched' },
  /** The host's and the application's memory, on two sliders. */
  DensityChart: { live: { interactive: true }, mount: 'shown' },
} as const satisfies Record<string, IslandDefinition>

export type IslandName = keyof typeof ISLANDS

/** Whether an island waits for the reader's first touch or the page's first move (`mount: 'touched'`). */
export function waitsForTouch(name: IslandName): boolean {
  return ISLANDS[name].mount === 'touched'
}

/** The attribute naming the island on its drawn root, and the one with the props it was drawn with (JSON). */
export const ISLAND_ATTRIBUTE = 'data-island'
export const ISLAND_PROPS_ATTRIBUTE = 'data-island-props'

/** The prop a diagram follows the slide's clicks by (`:clicks="$clicks"`). */
export const CLICKS_PROP = 'clicks'

export type IslandProps = Record<string, unknown>

export function isIsland(name: string): name is IslandName {
  return Object.hasOwn(ISLANDS, name)
}

/** A value JSON carries as it is: null, a boolean, a finite number, a string, and arrays and plain objects of them. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return true
  if (typeof value === 'number')
    return Number.isFinite(value)
  if (Array.isArray(value))
    return value.every(isPlainJson)
  return typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isPlainJson)
}

/** The attributes that mark an island's drawn root; throws on a prop that JSON cannot carry as it is (a function, a date). */
export function islandMarker(name: IslandName, props: IslandProps): Record<string, string> {
  for (const [key, value] of Object.entries(props)) {
    if (!isPlainJson(value))
      throw new TypeError(`<${name}>'s prop ${key} cannot be written into the page: an island's props must be plain JSON`)
  }
  return { [ISLAND_ATTRIBUTE]: name, [ISLAND_PROPS_ATTRIBUTE]: JSON.stringify(props) }
}

/** The props a marked root was drawn with, or undefined when its attribute is not a JSON object. */
export function drawnProps(text: string | null | undefined): IslandProps | undefined {
  try {
    const props: unknown = JSON.parse(text ?? '')
    return typeof props === 'object' && props !== null && !Array.isArray(props) ? props as IslandProps : undefined
  }
  catch {
    return undefined
  }
}

/** Whether a component drawn with `props` follows the slide's clicks. */
export function followsClicks(props: IslandProps): boolean {
  return typeof props[CLICKS_PROP] === 'number'
}

/** The props an island is mounted with: as drawn, with the live ones, and at `clicks` when it follows them. */
export function liveProps(name: IslandName, drawn: IslandProps, clicks: number): IslandProps {
  return { ...drawn, ...ISLANDS[name].live, ...(followsClicks(drawn) ? { [CLICKS_PROP]: clicks } : {}) }
}
