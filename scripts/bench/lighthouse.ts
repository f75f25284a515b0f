/**
 * The Lighthouse part of `npm run bench`, without I/O: the pages it audits,
 * the figures it reads from each report, their medians over the runs, the
 * targets and the table. bench.ts runs Lighthouse (scripts/lib/lighthouse.ts)
 * with its default settings: mobile, simulated throttling.
 */
import type { LighthouseReport } from '../lib/lighthouse'
import { formatTable, MISSING, verdict } from '../lib/format'
import { failingAudits, NON_TIMING_CATEGORIES } from '../lib/lighthouse'
import { median } from '../lib/stats'

export interface LighthousePage {
  id: string
  /** Which deck's build it is on. */
  deck: 'ours' | 'starter'
  label: string
  /** The path on the deck's server. */
  path: string
}

/**
 * Our deck as the audience opens it, on `npm run serve`'s server: the talk's
 * address, a link to a slide deep in the talk (the startup timeline), and the
 * reader edition; the starter's `/` on the bench's static server.
 */
export const LIGHTHOUSE_PAGES = [
  { id: 'hosted', deck: 'ours', label: 'ours, hosted /', path: '/' },
  { id: 'hostedDeepLink', deck: 'ours', label: 'ours, hosted /18', path: '/18' },
  { id: 'reader', deck: 'ours', label: 'ours, reader /reader/', path: '/reader/' },
  { id: 'starter', deck: 'starter', label: 'starter /', path: '/' },
] as const satisfies readonly LighthousePage[]

export type LighthousePageId = typeof LIGHTHOUSE_PAGES[number]['id']

/**
 * A deck's pages in the order run `run` (from 1) audits them: each run starts one page further on. The first audit
 * after the deck's server has started finds it cold (its code not yet compiled for the requests; on this two-core
 * machine that showed as TBT 300 to 400 ms against 130 to 140 ms for the same page a few audits later), so each page
 * takes that first place in one run of three, which the median leaves out, instead of `/` taking it in every run.
 */
export function auditOrder<Page>(pages: readonly Page[], run: number): Page[] {
  const start = pages.length ? (run - 1) % pages.length : 0
  return [...pages.slice(start), ...pages.slice(0, start)]
}

/** What one Lighthouse run of one page gives: category scores 0 to 100, metrics in ms (CLS unitless). */
export interface LighthouseFigures {
  performance: number
  fcpMs: number
  lcpMs: number
  tbtMs: number
  cls: number
  accessibility: number
  bestPractices: number
  seo: number
}

export type LighthouseKey = keyof LighthouseFigures

/** One run of one page: its figures and the ids of the audits that failed in the categories other than performance. */
export interface LighthouseRun {
  figures: LighthouseFigures
  failing: string[]
}

export interface LighthouseTarget {
  at: 'least' | 'most'
  value: number
  text: string
}

export interface LighthouseColumn {
  key: LighthouseKey
  label: string
  unit: 'score' | 'seconds' | 'ms' | 'shift'
  target?: LighthouseTarget
}

/** The table's columns after the page, in order, with the targets for our pages. */
export const LIGHTHOUSE_COLUMNS: readonly LighthouseColumn[] = [
  { key: 'performance', label: 'performance', unit: 'score', target: { at: 'least', value: 90, text: '≥ 90' } },
  { key: 'fcpMs', label: 'FCP', unit: 'seconds' },
  { key: 'lcpMs', label: 'LCP', unit: 'seconds', target: { at: 'most', value: 2500, text: '≤ 2.5 s' } },
  { key: 'tbtMs', label: 'TBT', unit: 'ms', target: { at: 'most', value: 200, text: '≤ 200 ms' } },
  { key: 'cls', label: 'CLS', unit: 'shift', target: { at: 'most', value: 0.1, text: '≤ 0.1' } },
  { key: 'accessibility', label: 'accessibility', unit: 'score', target: { at: 'least', value: 100, text: '100' } },
  { key: 'bestPractices', label: 'best practices', unit: 'score', target: { at: 'least', value: 100, text: '100' } },
  { key: 'seo', label: 'SEO', unit: 'score', target: { at: 'least', value: 100, text: '100' } },
]

export const LIGHTHOUSE_KEYS: readonly LighthouseKey[] = LIGHTHOUSE_COLUMNS.map(column => column.key)

const CATEGORY_OF: Partial<Record<LighthouseKey, string>> = { performance: 'performance', accessibility: 'accessibility', bestPractices: 'best-practices', seo: 'seo' }
const METRIC_OF: Partial<Record<LighthouseKey, string>> = { fcpMs: 'first-contentful-paint', lcpMs: 'largest-contentful-paint', tbtMs: 'total-blocking-time', cls: 'cumulative-layout-shift' }

/** A run's figures from its report: NaN for a category or metric the report lacks or could not score. */
export function lighthouseRun(report: LighthouseReport): LighthouseRun {
  const figures = Object.fromEntries(LIGHTHOUSE_KEYS.map((key) => {
    const category = CATEGORY_OF[key]
    if (category) {
      const score = report.categories[category]?.score
      return [key, typeof score === 'number' ? Math.round(score * 100) : Number.NaN]
    }
    return [key, report.audits[METRIC_OF[key]!]?.numericValue ?? Number.NaN]
  })) as unknown as LighthouseFigures
  const failing = [...new Set(failingAudits(report, NON_TIMING_CATEGORIES).map(audit => audit.id))]
  return { figures, failing }
}

export interface LighthouseSummary {
  /** Per figure, the median over the runs; a figure no run has is left out. */
  median: Partial<LighthouseFigures>
  /** Each audit that failed in a run, with how many runs it failed in, most first. */
  failing: { id: string, runs: number }[]
  runs: number
}

export function summarizeLighthouse(runs: readonly LighthouseRun[]): LighthouseSummary {
  const result: Partial<LighthouseFigures> = {}
  for (const key of LIGHTHOUSE_KEYS) {
    const values = runs.map(run => run.figures[key]).filter(value => Number.isFinite(value))
    if (values.length > 0)
      result[key] = median(values)
  }
  const counts = new Map<string, number>()
  for (const run of runs) {
    for (const id of run.failing)
      counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  const failing = [...counts].map(([id, count]) => ({ id, runs: count })).sort((a, b) => b.runs - a.runs)
  return { median: result, failing, runs: runs.length }
}

/** Whether a figure meets its column's target; undefined without a target. */
export function lighthouseVerdict(column: LighthouseColumn, value: number | undefined) {
  const target = column.target
  if (!target)
    return undefined
  return verdict(value, target.at === 'least' ? figure => figure >= target.value : figure => figure <= target.value)
}

export function formatLighthouseValue(value: number | undefined, unit: LighthouseColumn['unit']): string {
  if (value === undefined || !Number.isFinite(value))
    return MISSING
  switch (unit) {
    case 'score':
      return String(Math.round(value))
    case 'seconds':
      return `${(value / 1000).toFixed(1)} s`
    case 'ms':
      return `${Math.round(value)} ms`
    case 'shift':
      return value.toFixed(3)
  }
}

export interface LighthouseRow {
  label: string
  deck: LighthousePage['deck']
  summary: LighthouseSummary
}

/**
 * The table: a row per page, a last row with the targets, and for our pages
 * the targets their medians missed. The starter's row has no verdict: it is
 * the baseline.
 */
export function formatLighthouseTable(rows: readonly LighthouseRow[]): string[] {
  const header = ['page', ...LIGHTHOUSE_COLUMNS.map(column => column.label), 'missed']
  const body = rows.map((row) => {
    const missed = row.deck === 'ours' ? LIGHTHOUSE_COLUMNS.filter(column => lighthouseVerdict(column, row.summary.median[column.key]) === 'missed').map(column => column.label) : []
    return [row.label, ...LIGHTHOUSE_COLUMNS.map(column => formatLighthouseValue(row.summary.median[column.key], column.unit)), missed.join(', ')]
  })
  const targets = ['target (ours)', ...LIGHTHOUSE_COLUMNS.map(column => column.target?.text ?? ''), '']
  const numbers = LIGHTHOUSE_COLUMNS.map((_, index) => index + 1)
  return formatTable(header, [...body, targets], { right: numbers })
}

/** What Lighthouse emulated (its `configSettings`). */
export interface LighthouseSettings {
  formFactor: string
  throttlingMethod: string
  rttMs?: number
  throughputKbps?: number
  cpuSlowdownMultiplier?: number
}

export function lighthouseSettings(report: LighthouseReport): LighthouseSettings | undefined {
  const settings = report.configSettings
  if (!settings)
    return undefined
  const { rttMs, throughputKbps, cpuSlowdownMultiplier } = settings.throttling ?? {}
  return { formFactor: settings.formFactor, throttlingMethod: settings.throttlingMethod, rttMs, throughputKbps, cpuSlowdownMultiplier }
}

/** The settings in words, e.g. "mobile, simulated throttling: 150 ms round trip, 1.6 Mbit/s, CPU 4× slower". */
export function lighthouseConditions(settings: LighthouseSettings | null | undefined): string {
  if (!settings)
    return 'default settings'
  const { formFactor, throttlingMethod, rttMs, throughputKbps, cpuSlowdownMultiplier } = settings
  const conditions = [
    rttMs !== undefined && `${rttMs} ms round trip`,
    throughputKbps !== undefined && `${(throughputKbps / 1000).toFixed(1)} Mbit/s`,
    cpuSlowdownMultiplier !== undefined && `CPU ${cpuSlowdownMultiplier}× slower`,
  ].filter(Boolean).join(', ')
  return `${formFactor}, ${throttlingMethod === 'simulate' ? 'simulated' : throttlingMethod} throttling${conditions ? `: ${conditions}` : ''}`
}

/** Under the table: per page, the audits that failed outside performance, with how many of the runs they failed in. */
export function failingAuditLines(rows: readonly LighthouseRow[]): string[] {
  const lines: string[] = []
  for (const row of rows) {
    if (row.summary.failing.length > 0)
      lines.push(`  ${row.label}: ${row.summary.failing.map(audit => `${audit.id} (${audit.runs}/${row.summary.runs})`).join(', ')}`)
  }
  return lines.length > 0 ? ['Failing audits (accessibility, best practices, SEO), in how many runs:', ...lines] : ['No audit failed in accessibility, best practices or SEO.']
}
