/**
 * What the deck's slides cite: the ids in `<Cite :ids>`, and the sources of
 * the data a diagram on the slide draws (its figures too, as said aloud).
 * tests/deck.test.ts holds every citation to components/sources.ts with
 * these; scripts/vite/cited-sources.ts gives the short edition's reference
 * slides the sources its remaining slides cite.
 */
import type { SourceId } from '../../components/sources.ts'
import type { TimelineViewName } from '../../components/startup-timeline.ts'
import type { DeckSlide } from './deck.ts'
import { overheads, podsPerNode } from '../../components/density-chart.ts'
import { figures } from '../../components/figures.ts'
import { hostViewNotes, hostViewRows } from '../../components/host-view.ts'
import { escapes } from '../../components/isolation-boundary.ts'
import { spectrumRungs } from '../../components/isolation-spectrum.ts'
import { realityLevels } from '../../components/reality-stack.ts'
import { sourceIds } from '../../components/sources.ts'
import { getBar, startupBars, timelineViews } from '../../components/startup-timeline.ts'
import { formatDuration } from '../../components/timeline.ts'

/** The strings of an array prop written inline in the slides, e.g. `<Cite :ids="['a', 'b']"`. */
export function arrayProp(content: string, component: string, prop: string): string[] {
  return [...content.matchAll(new RegExp(`<${component} :${prop}="\\[([^\\]]*)\\]"`, 'g'))]
    .flatMap(match => (match[1] ?? '').split(',').map(item => item.trim().replace(/'/g, '')))
}

/** A figure a diagram draws from its data, as said aloud, and the source it comes from. */
export interface DataFigure {
  said: string
  source: SourceId
}

export function bareFigures(bar: typeof startupBars[number]): DataFigure[] {
  return [bar.source, ...(bar.alsoSources ?? [])].flatMap(source => [
    { said: bar.said ?? formatDuration(bar.totalMs), source },
    ...bar.phases.map(phase => ({ said: phase.said ?? formatDuration(phase.ms), source })),
  ])
}

export function densityFigures(): DataFigure[] {
  return [
    ...overheads.map(overhead => ({ said: overhead.mib < 1 ? `${overhead.mib * 1024} KB` : `${overhead.mib} MiB`, source: overhead.source })),
    { said: `${podsPerNode.value} pods`, source: podsPerNode.source },
  ]
}

/** The diagrams that draw sourced data, and what each draws on a slide, by its static attributes. */
export const DATA_DIAGRAMS: Record<string, (attrs: Record<string, string>) => { sources: SourceId[], figures: DataFigure[] }> = {
  StartupTimeline: ({ view }) => {
    const { shown, revealed } = timelineViews[view as TimelineViewName]
    // A view's notes explain the bars it reveals; the ones it shows from the start were explained on the slide before.
    return {
      sources: [...shown, ...revealed].flatMap(id => [getBar(id).source, ...(getBar(id).alsoSources ?? [])]),
      figures: revealed.flatMap(id => bareFigures(getBar(id))),
    }
  },
  FigureTable: ({ set }) => {
    const rows = figures[set as keyof typeof figures]
    return { sources: rows.map(row => row.source), figures: rows.map(row => ({ said: row.value, source: row.source })) }
  },
  DensityChart: () => {
    const shown = densityFigures()
    return { sources: shown.map(figure => figure.source), figures: shown }
  },
  IsolationBoundary: () => ({ sources: escapes.map(escape => escape.source), figures: [] }),
  HostView: () => ({ sources: [...hostViewRows, ...hostViewNotes].flatMap(item => item.sources), figures: [] }),
  IsolationSpectrum: () => ({
    sources: spectrumRungs.flatMap(rung => rung.sources),
    figures: spectrumRungs.flatMap(rung => rung.figures ?? []),
  }),
  RealityStack: () => ({ sources: realityLevels.flatMap(level => level.examples.flatMap(example => example.sources)), figures: [] }),
}

/** The data diagrams written on a slide, with their static attributes. */
export function dataDiagrams(content: string): Array<ReturnType<typeof DATA_DIAGRAMS[string]>> {
  const markup = content.replace(/<!--[\s\S]*?-->/g, '')
  return [...markup.matchAll(/<([A-Z]\w*)\b([^>]*)>/g)]
    .filter(([, name]) => Object.hasOwn(DATA_DIAGRAMS, name!))
    .map(([, name, attributes]) => DATA_DIAGRAMS[name!]!(Object.fromEntries([...(attributes ?? '').matchAll(/(?:^|\s)([\w-]+)="([^"]*)"/g)].map(([, key, value]) => [key!, value!]))))
}

/** Every figure the diagrams' data hold, with its source. */
export const allDataFigures: DataFigure[] = [
  ...startupBars.flatMap(bareFigures),
  ...Object.values(figures).flat().map(row => ({ said: row.value, source: row.source })),
  ...densityFigures(),
]
/** The source ids a slide cites, by `<Cite>` or by the data of a diagram on it (unknown ids too, for the tests to name). */
export function slideCitations(content: string): string[] {
  return [...new Set([...arrayProp(content, 'Cite', 'ids'), ...dataDiagrams(content).flatMap(diagram => diagram.sources)])]
}

/** The sources the slides cite, in the order of components/sources.ts. */
export function citedSources(slides: readonly Pick<DeckSlide, 'content'>[]): SourceId[] {
  const cited = new Set(slides.flatMap(slide => slideCitations(slide.content)))
  return sourceIds.filter(id => cited.has(id))
}
