/**
 * The pure parts of `npm run bench` (scripts/bench/bench.ts): options, the metrics
 * and their targets, medians and ratios, the printed table. No I/O here, so
 * scripts/bench/lib.test.ts covers all of it. Medians, ratios and the table's
 * layout are the ones scripts/lib/stats.ts and scripts/lib/format.ts give
 * every benchmark.
 */
import type { Verdict } from '../lib/format'
import type { ClickThrough, TransferredFile, Visit } from './browser'
import type { LighthousePageId, LighthouseRun, LighthouseSettings } from './lighthouse'
import type { MermaidFootprint } from './mermaid'
import { readOptions, whole } from '../lib/cli-args'
import { formatElapsed, formatMs, formatRatio, formatTable, MISSING, verdict as targetVerdict } from '../lib/format'
import { median, ratio } from '../lib/stats'
import { failingAuditLines, formatLighthouseTable, LIGHTHOUSE_COLUMNS, LIGHTHOUSE_PAGES, lighthouseConditions, summarizeLighthouse } from './lighthouse'
import { mermaidTransferred } from './mermaid'

/** The two decks, in the order each run measures them. */
export const DECKS = ['ours', 'starter'] as const
export type DeckName = typeof DECKS[number]

export const DECK_LABELS: Record<DeckName, string> = {
  ours: 'this deck',
  starter: 'create-slidev starter',
}

export interface BenchOptions {
  /** Runs of each deck, alternating (ours, starter, ours, starter, ...). */
  runs: number
  quick: boolean
  /** Where the JSON goes. */
  out: string
  /**
   * `--range` for `slidev export` (quick: 1), or every slide. A range is
   * exported with `--per-slide`: Slidev's one-piece print view reads the range
   * only when its route is ready at start-up, and mostly prints every slide.
   */
  exportRange: string | undefined
  /** The click-through stops after this slide (quick: 3), or goes to the end. */
  clickThroughSlides: number | undefined
  /** Measure time to first slide on the throttled profile too. */
  throttled: boolean
  /** Upper bound for each step (a build, an export attempt, a page load), in ms. */
  stepTimeoutMs: number
}

export const DEFAULT_OUT = 'scripts/bench/results.json'
export const DEFAULT_RUNS = 3
export const QUICK_RANGE = '1'
export const QUICK_SLIDES = 3

export const DEFAULTS: BenchOptions = {
  runs: DEFAULT_RUNS,
  quick: false,
  out: DEFAULT_OUT,
  exportRange: undefined,
  clickThroughSlides: undefined,
  throttled: true,
  stepTimeoutMs: 300_000,
}

export const USAGE = `Usage: npm run bench -- [options]

Builds this deck and the create-slidev starter deck (node_modules/create-slidev/template,
built with this repository's Slidev) in a temporary folder, then measures both in
one run, alternating: first visit (bytes, requests, requests to other hosts, time to
first slide unthrottled and at 10 Mbit/s with 40 ms round trips), click-through
smoothness (long tasks, dropped frames), slidev export (seconds and bytes per PDF
page), this deck's npm run export of every output (seconds, and per page) and the
build (wall time, peak memory); then this deck on npm run serve's server, as the
audience opens it (first visit bytes and requests), and Lighthouse's mobile audit
of its /, /18 and /reader/ beside the starter's /. Prints medians, ours/starter
and the targets; writes the figures as JSON. Only this machine is contacted.

  --runs N          runs of each deck (default ${DEFAULT_RUNS})
  --quick           one run each (one Lighthouse run per page), export only slide
                    ${QUICK_RANGE} (--per-slide), click through the first ${QUICK_SLIDES} slides: the
                    short check the tests run
  --out FILE        where the JSON goes (default ${DEFAULT_OUT})
  --no-throttled    skip the throttled first visit
  --timeout SECONDS upper bound of each build, export attempt and page load (default ${DEFAULTS.stepTimeoutMs / 1000})
  --help            this text

Exits 0 whatever the figures are; 1 only when something broke (a build failed,
an export failed every attempt, a page never showed its first slide).`

/** The options from the command line (after `npm run bench --`); 'help' for --help. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const values = readOptions(argv, ['runs', 'out', 'timeout'], ['quick', 'no-throttled'])
  if (values === 'help')
    return 'help'
  const quick = values.quick ?? false
  if (values.out !== undefined && values.out.trim() === '')
    throw new Error('--out needs a file name')
  return {
    runs: whole('runs', values.runs, quick ? 1 : DEFAULT_RUNS, 1, 50),
    quick,
    out: values.out ?? DEFAULT_OUT,
    exportRange: quick ? QUICK_RANGE : undefined,
    clickThroughSlides: quick ? QUICK_SLIDES : undefined,
    throttled: !values['no-throttled'],
    stepTimeoutMs: whole('timeout', values.timeout, DEFAULTS.stepTimeoutMs / 1000, 10, 3600) * 1000,
  }
}

/** Every figure one run of one deck produces; all numbers. */
export interface RunMetrics {
  /** Sum of CDP `Network.loadingFinished` encodedDataLength of the page until its first slide shows and the network is idle. */
  firstVisitBytes: number
  firstVisitRequests: number
  /** The same for this deck on `npm run serve`'s server, as an audience member opens `/`: until the page has loaded and the network is idle; ours only. */
  hostedFirstVisitBytes: number
  hostedFirstVisitRequests: number
  /** Bytes the service worker fetched after that (precaching), until it is active and its network is idle. */
  serviceWorkerBytes: number
  /** Bytes of mermaid's own code in the build (uncompressed): the starter's runtime mermaid, none in this deck. */
  mermaidCodeBytes: number
  /** The mermaid drawings the build inlines, as SVG, each gzipped on its own and summed: what drawing at build time costs. */
  mermaidDrawingGzipBytes: number
  /** Of the first visit, the bytes of files holding mermaid's code or a drawing. */
  firstVisitMermaidBytes: number
  /** Of the service worker's precache, the bytes of files holding mermaid's code or a drawing. */
  precacheMermaidBytes: number
  /** Requests, by the page or its service worker, during the visit and the click-through, to any host but the local server. */
  otherHostRequests: number
  timeToFirstSlideMs: number
  throttledTimeToFirstSlideMs: number
  clickSteps: number
  longTasks: number
  longTaskMs: number
  droppedFrames: number
  exportPages: number
  exportSecondsPerPage: number
  exportBytesPerPage: number
  /** `npm run export` on the deck just built (every output: slides, steps, dark and handout PDFs, PNGs), wall time; ours only. */
  deckExportSeconds: number
  /** The same, per page printed (PDF pages and images together), beside `slidev export`'s seconds per page of the same deck. */
  deckExportSecondsPerPage: number
  buildSeconds: number
  buildPeakRssMb: number
}

export type MetricKey = keyof RunMetrics

export type Unit = 'bytes' | 'count' | 'ms' | 'seconds' | 'mb'

export type Target
  = | { kind: 'ratio-at-most', ratio: number, text: string }
    | { kind: 'ours-equals', value: number, text: string }
    | { kind: 'ours-at-most', value: number, text: string }

export interface MetricSpec {
  key: MetricKey
  label: string
  unit: Unit
  target?: Target
}

/** The table's rows, in order; the JSON carries every one of them per deck. */
export const METRICS: readonly MetricSpec[] = [
  { key: 'firstVisitBytes', label: 'first visit: bytes transferred', unit: 'bytes', target: { kind: 'ratio-at-most', ratio: 1 / 20, text: '≤ 1/20 of starter' } },
  { key: 'firstVisitRequests', label: 'first visit: requests', unit: 'count' },
  { key: 'hostedFirstVisitBytes', label: 'first visit, hosted (npm run serve): bytes', unit: 'bytes', target: { kind: 'ours-at-most', value: 160_000, text: '≤ 160 kB for ours' } },
  { key: 'hostedFirstVisitRequests', label: 'first visit, hosted: requests', unit: 'count' },
  { key: 'serviceWorkerBytes', label: 'first visit: service worker precache bytes', unit: 'bytes' },
  { key: 'firstVisitMermaidBytes', label: 'first visit: files with mermaid code or drawings', unit: 'bytes' },
  { key: 'precacheMermaidBytes', label: 'precache: files with mermaid code or drawings', unit: 'bytes' },
  { key: 'mermaidDrawingGzipBytes', label: 'build: mermaid drawings as SVG, gzip', unit: 'bytes' },
  { key: 'mermaidCodeBytes', label: 'build: mermaid\'s code', unit: 'bytes', target: { kind: 'ours-equals', value: 0, text: '0 for ours' } },
  { key: 'otherHostRequests', label: 'requests to other hosts', unit: 'count', target: { kind: 'ours-equals', value: 0, text: '0 for ours' } },
  { key: 'timeToFirstSlideMs', label: 'time to first slide, local', unit: 'ms' },
  { key: 'throttledTimeToFirstSlideMs', label: 'time to first slide, 10 Mbit/s 40 ms RTT', unit: 'ms', target: { kind: 'ratio-at-most', ratio: 1 / 3, text: '≤ 1/3 of starter' } },
  { key: 'exportSecondsPerPage', label: 'slidev export: seconds per PDF page', unit: 'seconds', target: { kind: 'ratio-at-most', ratio: 3 / 4, text: '≤ 3/4 of starter' } },
  { key: 'exportBytesPerPage', label: 'slidev export: PDF bytes per page', unit: 'bytes' },
  { key: 'exportPages', label: 'slidev export: pages', unit: 'count' },
  { key: 'deckExportSecondsPerPage', label: 'npm run export: seconds per page', unit: 'seconds' },
  { key: 'deckExportSeconds', label: 'npm run export: every output', unit: 'seconds', target: { kind: 'ours-at-most', value: 10, text: '≤ 10 s for ours' } },
  { key: 'clickSteps', label: 'click-through: steps', unit: 'count' },
  { key: 'longTasks', label: 'click-through: long tasks (> 50 ms)', unit: 'count', target: { kind: 'ours-equals', value: 0, text: '0 for ours' } },
  { key: 'longTaskMs', label: 'click-through: long task time', unit: 'ms' },
  { key: 'droppedFrames', label: 'click-through: dropped frames', unit: 'count' },
  { key: 'buildSeconds', label: 'build: wall time', unit: 'seconds' },
  { key: 'buildPeakRssMb', label: 'build: peak memory (RSS)', unit: 'mb' },
]

export const METRIC_KEYS: readonly MetricKey[] = METRICS.map(metric => metric.key)

/** Figures only this deck has: `npm run export` prints it from its build (the starter's build has no print page), and `npm run serve` hosts it. */
export const OURS_ONLY: readonly MetricKey[] = ['hostedFirstVisitBytes', 'hostedFirstVisitRequests', 'deckExportSeconds', 'deckExportSecondsPerPage']

/** Per metric, the median over runs; a metric no run has is left out. */
export function medians(runs: readonly Partial<RunMetrics>[]): Partial<RunMetrics> {
  const result: Partial<RunMetrics> = {}
  for (const key of METRIC_KEYS) {
    const values = runs.map(run => run[key]).filter((value): value is number => typeof value === 'number' && Number.isFinite(value))
    if (values.length > 0)
      result[key] = median(values)
  }
  return result
}

/** Whether the medians meet the metric's target (ours / starter for a ratio target); undefined when it has none. */
export function verdict(spec: MetricSpec, ours: number | undefined, starter: number | undefined): Verdict | undefined {
  const target = spec.target
  if (!target)
    return undefined
  if (target.kind === 'ours-equals')
    return targetVerdict(ours, value => value === target.value)
  if (target.kind === 'ours-at-most')
    return targetVerdict(ours, value => value <= target.value)
  return targetVerdict(ratio(ours, starter), value => value <= target.ratio)
}

/**
 * Frames missed in a run of requestAnimationFrame timestamps' deltas: a delta
 * over twice the frame time counts the frames that fit in it but were not drawn
 * (50 ms at 60 Hz: 2 missed).
 */
export function droppedFrames(deltas: readonly number[], frameMs = 1000 / 60): number {
  let dropped = 0
  for (const delta of deltas) {
    if (delta > 2 * frameMs)
      dropped += Math.round(delta / frameMs) - 1
  }
  return dropped
}

export function formatValue(value: number | undefined | null, unit: Unit): string {
  if (value == null || !Number.isFinite(value))
    return MISSING
  switch (unit) {
    case 'bytes':
      if (value >= 1e6)
        return `${(value / 1e6).toFixed(2)} MB`
      if (value >= 1e3)
        return `${(value / 1e3).toFixed(1)} kB`
      return `${Math.round(value)} B`
    case 'ms':
      return formatMs(value)
    case 'seconds':
      return `${value.toFixed(2)} s`
    case 'mb':
      return `${Math.round(value)} MB`
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(1)
  }
}

export interface Row {
  metric: string
  ours: string
  starter: string
  ratio: string
  target: string
  status: string
}

export function tableRows(ours: Partial<RunMetrics>, starter: Partial<RunMetrics>): Row[] {
  return METRICS.map((spec) => {
    const status = verdict(spec, ours[spec.key], starter[spec.key])
    return {
      metric: spec.label,
      ours: formatValue(ours[spec.key], spec.unit),
      starter: formatValue(starter[spec.key], spec.unit),
      ratio: formatRatio(ratio(ours[spec.key], starter[spec.key])),
      target: spec.target?.text ?? '',
      status: status ?? '',
    }
  })
}

const HEADER: Row = { metric: 'metric', ours: 'ours (median)', starter: 'starter (median)', ratio: 'ours/starter', target: 'target', status: 'status' }
const COLUMNS: (keyof Row)[] = ['metric', 'ours', 'starter', 'ratio', 'target', 'status']

/** The table: numbers line up on the right, words on the left; a rule under the header. */
export function formatBenchTable(rows: readonly Row[]): string {
  const cells = (row: Row): string[] => COLUMNS.map(column => row[column])
  return formatTable(cells(HEADER), rows.map(cells), { right: [1, 2, 3] }).join('\n')
}

/** The path of a URL on the local server, or the whole URL elsewhere: for the list of largest files. */
export function shortUrl(url: string, localOrigin: string): string {
  return url.startsWith(localOrigin) ? url.slice(localOrigin.length) || '/' : url
}

/** Whether the URL's origin is other than the local server's (data:, blob: and the like are not requests to a host). */
export function isOtherHost(url: string, localOrigin: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  }
  catch {
    return false
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol))
    return false
  return parsed.origin !== new URL(localOrigin).origin
}

/** The slide number in a deck URL such as `/12?clicks=2`; 0 when there is none. */
export function slideNumber(url: string): number {
  const match = /\/(\d+)\/?$/.exec(new URL(url).pathname)
  return match ? Number(match[1]) : 0
}

/**
 * Bytes the server sent for requests the page never saw finish, matched by
 * path: each request the page did see finish takes the first response sent
 * for its path, each unfinished one the next; 0 for one the server never got
 * (the browser took it from its cache).
 */
export function bytesSentFor(unfinishedPaths: readonly string[], finishedPaths: readonly string[], sent: readonly { path: string, bytes: number }[]): number[] {
  const byPath = new Map<string, number[]>()
  for (const response of sent)
    byPath.set(response.path, [...(byPath.get(response.path) ?? []), response.bytes])
  for (const path of finishedPaths)
    byPath.get(path)?.shift()
  return unfinishedPaths.map(path => byPath.get(path)?.shift() ?? 0)
}

/** How many slides a `--range` such as `1-3` or `1,4-5` names in a deck of total slides. */
export function rangeSize(range: string, total: number): number {
  const slides = new Set<number>()
  for (const part of range.split(',')) {
    const [from, to = from] = part.trim().split('-').map(Number)
    for (let no = from!; no <= to! && no <= total; no++) {
      if (no >= 1)
        slides.add(no)
    }
  }
  return slides.size
}

/**
 * The environment for the decks' builds and exports: without BASE (both build for /), and without the
 * NODE_ENV and VITEST a test runner sets (under NODE_ENV=test Vite builds Vue's development bundle, larger
 * and slower: scripts/bench/bench.test.ts runs this from Vitest).
 */
export function deckEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'BASE' && name !== 'NODE_ENV' && !name.startsWith('VITEST')))
}

/** What one build of a deck took. */
export interface BuildFigures {
  seconds: number
  peakRssMb: number
  /** What mermaid left in the build (mermaid.ts). */
  mermaid: MermaidFootprint
}

/** What one `slidev export` of a deck took and wrote. */
export interface ExportFigures {
  pages: number
  seconds: number
  bytes: number
  attempts: number
}

/** What one `npm run export` of this deck took and printed (scripts/export/export-deck.ts). */
export interface DeckExportFigures {
  seconds: number
  /** PDF pages (slides, steps, dark, handout) and images. */
  pages: number
}

/** What one run measured of a deck's pages beside its first visit: (ours) the hosted first visit, and Lighthouse on each of the deck's pages. */
export interface PageFigures {
  hostedVisit?: Visit
  lighthouse?: Partial<Record<LighthousePageId, LighthouseRun>>
}

/** One run of one deck: its figures, and what the report and the JSON say beside them. */
export interface RunRecord {
  metrics: RunMetrics
  exportAttempts: number
  reachedEnd: boolean
  finalUrl: string
  visit: Visit
  lighthouse: Partial<Record<LighthousePageId, LighthouseRun>>
}

/** One run's record from its build, its first visit (with the click-through), its throttled visit (when measured), its `slidev export`, (ours) its `npm run export`, and its pages' figures. */
export function runRecord(build: BuildFigures, first: Visit, throttled: Visit | undefined, exported: ExportFigures, deckExport?: DeckExportFigures, pages: PageFigures = {}): RunRecord {
  const click = first.clickThrough
  if (!click)
    throw new Error('The first visit has no click-through')
  return {
    metrics: {
      firstVisitBytes: first.bytes,
      firstVisitRequests: first.requests,
      hostedFirstVisitBytes: pages.hostedVisit?.bytes ?? Number.NaN,
      hostedFirstVisitRequests: pages.hostedVisit?.requests ?? Number.NaN,
      serviceWorkerBytes: first.serviceWorkerBytes,
      mermaidCodeBytes: [...build.mermaid.codeFiles.values()].reduce((sum, size) => sum + size, 0),
      mermaidDrawingGzipBytes: build.mermaid.drawingGzipBytes,
      firstVisitMermaidBytes: mermaidTransferred(first.files, build.mermaid),
      precacheMermaidBytes: mermaidTransferred(first.serviceWorkerFiles, build.mermaid),
      otherHostRequests: first.otherHostRequests,
      timeToFirstSlideMs: first.timeToFirstSlideMs,
      throttledTimeToFirstSlideMs: throttled?.timeToFirstSlideMs ?? Number.NaN,
      clickSteps: click.steps,
      longTasks: click.longTasks,
      longTaskMs: click.longTaskMs,
      droppedFrames: click.droppedFrames,
      exportPages: exported.pages,
      exportSecondsPerPage: exported.seconds / exported.pages,
      exportBytesPerPage: exported.bytes / exported.pages,
      deckExportSeconds: deckExport?.seconds ?? Number.NaN,
      deckExportSecondsPerPage: deckExport ? deckExport.seconds / deckExport.pages : Number.NaN,
      buildSeconds: build.seconds,
      buildPeakRssMb: build.peakRssMb,
    },
    exportAttempts: exported.attempts,
    reachedEnd: click.reachedEnd,
    finalUrl: click.finalUrl,
    visit: first,
    lighthouse: pages.lighthouse ?? {},
  }
}

/** The throttled profile the JSON records (browser.ts THROTTLED, in Mbit/s and ms). */
export const THROTTLED_PROFILE = { downloadMbit: 10, uploadMbit: 5, roundTripMs: 40 } as const

export interface ResultsInput {
  options: BenchOptions
  startedAt: Date
  durationMs: number
  /** What broke the run, if anything: the figures are then those of the runs that finished. */
  error?: Error
  versions: { node: string, slidev: string, createSlidev: string, themeSeriph: string, chromium: string, lighthouse: string }
  /** What Lighthouse emulated, from its first report; undefined when none ran. */
  lighthouseSettings?: LighthouseSettings
  machine: { cpus: number, cpuModel: string, memoryGb: number, loadAverage: number[] }
  slides: Record<DeckName, number>
  records: Record<DeckName, readonly RunRecord[]>
}

/** One deck in the JSON. */
export interface DeckResults {
  label: string
  slides: number
  median: Partial<RunMetrics>
  runs: (RunMetrics & { exportAttempts: number, clickThroughReachedEnd: boolean })[]
  /** Details of the last run's first visit, for finding what weighs and what stutters. */
  lastVisit: {
    bytesByType: Record<string, number>
    largestFiles: TransferredFile[]
    serviceWorkerRequests: number
    slowSteps: ClickThrough['slowSteps']
    otherHostUrls: string[]
  } | undefined
}

/** The JSON `npm run bench` writes: every run of both decks, their medians, ratios and targets. */
export function benchResults(input: ResultsInput) {
  const { options, records } = input
  const median = { ours: medians(records.ours.map(r => r.metrics)), starter: medians(records.starter.map(r => r.metrics)) }
  const deck = (name: DeckName): DeckResults => {
    const visit = records[name].at(-1)?.visit
    return {
      label: DECK_LABELS[name],
      slides: input.slides[name],
      median: median[name],
      runs: records[name].map(r => ({ ...r.metrics, exportAttempts: r.exportAttempts, clickThroughReachedEnd: r.reachedEnd })),
      lastVisit: visit && {
        bytesByType: visit.bytesByType,
        largestFiles: visit.files.slice(0, 20),
        serviceWorkerRequests: visit.serviceWorkerRequests,
        slowSteps: visit.clickThrough?.slowSteps.slice(0, 20) ?? [],
        otherHostUrls: visit.otherHostUrls,
      },
    }
  }
  const decks: Record<DeckName, DeckResults> = { ours: deck('ours'), starter: deck('starter') }
  const lighthousePages = LIGHTHOUSE_PAGES.map((page) => {
    const runs = records[page.deck].map(record => record.lighthouse[page.id]).filter((run): run is LighthouseRun => run !== undefined)
    const summary = summarizeLighthouse(runs)
    return { ...page, median: summary.median, failingAudits: summary.failing, runs }
  })
  return {
    schema: 1,
    startedAt: input.startedAt.toISOString(),
    durationSeconds: Math.round(input.durationMs / 100) / 10,
    complete: input.error === undefined,
    error: input.error?.message,
    options: { runs: options.runs, quick: options.quick, exportRange: options.exportRange ?? null, clickThroughSlides: options.clickThroughSlides ?? null, throttled: options.throttled },
    versions: input.versions,
    machine: input.machine,
    throttledProfile: THROTTLED_PROFILE,
    decks,
    lighthouse: {
      settings: input.lighthouseSettings ?? null,
      pages: lighthousePages,
      targets: LIGHTHOUSE_COLUMNS.filter(column => column.target).map(column => ({ figure: column.key, target: column.target!.text })),
    },
    ratios: Object.fromEntries(METRIC_KEYS.map(key => [key, ratio(median.ours[key], median.starter[key])])),
    targets: METRICS.filter(spec => spec.target).map(spec => ({
      metric: spec.key,
      target: spec.target!.text,
      ours: median.ours[spec.key] ?? null,
      starter: median.starter[spec.key] ?? null,
      ratio: ratio(median.ours[spec.key], median.starter[spec.key]),
      status: verdict(spec, median.ours[spec.key], median.starter[spec.key]),
    })),
  }
}

export type BenchResults = ReturnType<typeof benchResults>

/** What `npm run bench` prints at the end: the table, the largest files of each first visit, this deck's slow steps, the time taken. */
export function reportLines(results: BenchResults, out: string, durationMs: number): string[] {
  const { options, decks, versions } = results
  const lines = [
    '',
    `Slidev ${versions.slidev}: this deck (${decks.ours.slides} slides) against the create-slidev ${versions.createSlidev} starter (${decks.starter.slides} slides); medians of ${options.runs} run(s) each${options.quick ? `, quick (export of slides ${options.exportRange}, click-through of slides 1-${options.clickThroughSlides})` : ''}.`,
    '',
    formatBenchTable(tableRows(decks.ours.median, decks.starter.median)),
  ]
  const lighthouse = results.lighthouse
  if (lighthouse.pages.some(page => page.runs.length > 0)) {
    const rows = lighthouse.pages.map(page => ({ label: page.label, deck: page.deck, summary: summarizeLighthouse(page.runs) }))
    lines.push('', `Lighthouse ${versions.lighthouse}, ${lighthouseConditions(lighthouse.settings)}; medians of ${options.runs} run(s) per page:`, '', ...formatLighthouseTable(rows), '', ...failingAuditLines(rows))
  }
  for (const name of DECKS) {
    const lastVisit = decks[name].lastVisit
    if (!lastVisit)
      continue
    lines.push('', `Largest files of the first visit, ${DECK_LABELS[name]} (last run):`)
    for (const file of lastVisit.largestFiles.slice(0, 10))
      lines.push(`  ${formatValue(file.bytes, 'bytes').padStart(9)}  ${file.type.padEnd(10)}  ${file.url}`)
  }
  const slowSteps = decks.ours.lastVisit?.slowSteps.filter(step => step.longTasks > 0) ?? []
  if (slowSteps.length > 0) {
    lines.push('', `Long tasks while clicking through ${DECK_LABELS.ours} (last run), by the step they came in:`)
    for (const step of slowSteps.slice(0, 10))
      lines.push(`  ${String(step.longTasks).padStart(3)} (${formatValue(step.longTaskMs, 'ms')}), ${step.droppedFrames} dropped frames  ${step.url}`)
  }
  lines.push('', `Took ${formatElapsed(durationMs)}. Figures in ${out}`)
  return lines
}
