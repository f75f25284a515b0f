/**
 * How many clicks a slide steps through, from the data of the diagrams on it:
 * the one place a slide's click count comes from. A diagram bound to the
 * slide's clicks (`<KernelCount :clicks="$clicks" />`) has an entry here; the
 * slide takes the largest of its diagrams' counts and its own v-click markup.
 *
 * setup/preparser.ts writes the count into each slide's frontmatter as Slidev
 * loads the deck (dev, build, export), so Slidev knows it before the slide
 * mounts; scripts/lib/deck.ts reads it for the tests, the export and the
 * reader edition. Pages write no `clicks:` of their own for these slides.
 */
import type { TimelineViewName } from './startup-timeline.ts'
import { readImport } from '../scripts/mermaid/source.ts'
import { ARCHITECTURE_CLICKS } from './architecture-compare.ts'
import { COMPARE_CLICKS } from './compare.ts'
import { DENSITY_CLICKS } from './density-chart.ts'
import { FAILURE_CLICKS } from './failure-domains.ts'
import { HOST_VIEW_CLICKS } from './host-view.ts'
import { ISOLATION_CLICKS } from './isolation-boundary.ts'
import { SPECTRUM_CLICKS } from './isolation-spectrum.ts'
import { WORKLOADS_CLICKS } from './kernel-count.ts'
import { findMermaidBlocks, isSteppedKind, parseMermaid } from './mermaid-steps.ts'
import { OS_FLEXIBILITY_CLICKS } from './os-flexibility.ts'
import { REALITY_CLICKS } from './reality-stack.ts'
import { timelineClicks, timelineViews } from './startup-timeline.ts'
import { DiagramDataError } from './validate.ts'
import { VIRTUALISED_CLICKS } from './virtualised-table.ts'

/** A diagram tag on a slide: its component name and its static attributes (`view="all"`). */
export interface DiagramTag {
  name: string
  attrs: Readonly<Record<string, string>>
}

/** Each diagram's click count, by component name; a count may depend on the tag's static attributes. */
export const diagramClicks: Readonly<Record<string, (attrs: DiagramTag['attrs']) => number>> = {
  ArchitectureCompare: () => ARCHITECTURE_CLICKS,
  Compare: () => COMPARE_CLICKS,
  DensityChart: () => DENSITY_CLICKS,
  FailureDomains: () => FAILURE_CLICKS,
  HostView: () => HOST_VIEW_CLICKS,
  IsolationBoundary: () => ISOLATION_CLICKS,
  IsolationSpectrum: () => SPECTRUM_CLICKS,
  KernelCount: () => WORKLOADS_CLICKS,
  // A mermaid block (```mermaid or `<<< @/x.mmd`): its `%% step:` markers, counted by components/mermaid-steps.ts.
  MermaidDiagram: ({ steps }) => {
    const clicks = Number(steps)
    if (!Number.isInteger(clicks) || clicks < 0)
      throw new DiagramDataError(`MermaidDiagram: steps="${steps ?? ''}" is not a click count.`)
    return clicks
  },
  OsFlexibility: () => OS_FLEXIBILITY_CLICKS,
  RealityStack: () => REALITY_CLICKS,
  StartupTimeline: ({ view }) => {
    if (view === undefined || !Object.hasOwn(timelineViews, view))
      throw new DiagramDataError(`StartupTimeline: view="${view ?? ''}" is none of ${Object.keys(timelineViews).join(', ')}.`)
    return timelineClicks(view as TimelineViewName)
  },
  VirtualisedTable: () => VIRTUALISED_CLICKS,
}

/** A component tag, attributes and all (quoted values may hold `>` or span lines). */
const TAG = /<([A-Z][\w-]*)((?:\s+[^\s"'=/>]+(?:=(?:"[^"]*"|'[^']*'))?)*)\s*\/?>/g
const ATTR = /([^\s"'=/>]+)(?:=(?:"([^"]*)"|'([^']*)'))?/g

/**
 * The diagrams in a slide's markdown that step with the slide's clicks: the
 * components bound to them (`:clicks="$clicks"`), then its mermaid blocks, as
 * the `<MermaidDiagram>` setup/transformers.ts makes of each. An imported
 * `.mmd` is read from the deck's root (the working directory).
 */
export function boundDiagrams(content: string): DiagramTag[] {
  const markup = content.replace(/<!--[\s\S]*?-->/g, '')
  const components = [...markup.matchAll(TAG)].flatMap(([, name, attributes]) => {
    const attrs = Object.fromEntries([...(attributes ?? '').matchAll(ATTR)].map(([, key, double, single]) => [key!, double ?? single ?? '']))
    return attrs[':clicks'] === '$clicks' ? [{ name: name!, attrs }] : []
  })
  const mermaid = findMermaidBlocks(markup).flatMap((block) => {
    const source = block.importPath === undefined ? block.source ?? '' : readImport(block.importPath).source
    // A type the deck does not draw (a mindmap in another deck read by the benchmark) has no steps here;
    // on this deck's slides, setup/transformers.ts refuses it by page and line.
    if (!isSteppedKind(source))
      return []
    return [{ name: 'MermaidDiagram', attrs: { ':clicks': '$clicks', 'steps': String(parseMermaid(source).clicks) } }]
  })
  return [...components, ...mermaid]
}

/** Clicks from `<v-clicks>` list items and `v-click` attributes in a slide's markdown. */
export function countMarkupClicks(content: string): number {
  let clicks = 0
  for (const block of content.matchAll(/<v-clicks[^>]*>([\s\S]*?)<\/v-clicks>/g))
    clicks += (block[1] ?? '').split('\n').filter(line => /^\s*(?:[-*]|\d+\.)\s/.test(line)).length
  clicks += [...content.matchAll(/\sv-click(?:=["']\+?1["'])?[\s>/]/g)].length
  return clicks
}

/** The last click a `v-click="N"` names: it comes at click N whatever else is on the slide. */
function lastAbsoluteClick(content: string): number {
  return Math.max(0, ...[...content.matchAll(/\sv-click=["'](\d+)["']/g)].map(match => Number(match[1])))
}

/** Whether `diagramClicks` has a count for the tag's component. */
export function isRegistered(tag: DiagramTag): boolean {
  return Object.hasOwn(diagramClicks, tag.name)
}

/** The clicks of one diagram tag; a tag with no entry in `diagramClicks` is an error. */
export function clicksOf(tag: DiagramTag): number {
  if (!isRegistered(tag))
    throw new DiagramDataError(`<${tag.name} :clicks="$clicks"> has no click count: add it to diagramClicks in components/clicks.ts.`)
  return diagramClicks[tag.name]!(tag.attrs)
}

/**
 * The clicks a slide steps through. A slide with diagrams bound to its clicks
 * takes the largest of their counts and its markup's; `declared` (its
 * frontmatter's `clicks:`) must then be absent or agree. Any other slide: its
 * `clicks:`, or its v-click markup. A tag with no entry counts for nothing
 * here (it may be no component at all, which the renderers report by name);
 * setup/preparser.ts and tests/deck.test.ts refuse it.
 */
export function slideClicks(content: string, declared?: unknown): number {
  const diagrams = boundDiagrams(content).filter(isRegistered)
  if (diagrams.length === 0)
    return typeof declared === 'number' ? declared : countMarkupClicks(content)
  const clicks = Math.max(...diagrams.map(clicksOf), countMarkupClicks(content), lastAbsoluteClick(content))
  if (declared !== undefined && declared !== clicks)
    throw new DiagramDataError(`A slide with ${diagrams.map(tag => `<${tag.name}>`).join(', ')} declares clicks: ${String(declared)}; its diagrams make it ${clicks}. Leave clicks: out: components/clicks.ts derives it.`)
  return clicks
}
