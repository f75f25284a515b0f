import type { LighthouseReport } from '../lib/lighthouse'
import type { LighthouseRow, LighthouseRun } from './lighthouse'
import { describe, expect, it } from 'vitest'
import { auditOrder, failingAuditLines, formatLighthouseTable, formatLighthouseValue, LIGHTHOUSE_COLUMNS, LIGHTHOUSE_KEYS, LIGHTHOUSE_PAGES, lighthouseConditions, lighthouseRun, lighthouseSettings, lighthouseVerdict, summarizeLighthouse } from './lighthouse'

/** A default (all categories) report: category scores 0 to 1, the four metrics, one failing accessibility audit unless told otherwise. */
function reportOf(scores: { performance: number, accessibility: number, bestPractices: number, seo: number | null }, metrics: { fcp: number, lcp: number, tbt: number, cls: number }, failing = ['target-size']): LighthouseReport {
  const audit = (id: string, score: number | null, numericValue?: number) => ({ id, title: id, score, scoreDisplayMode: numericValue === undefined ? 'binary' : 'numeric', numericValue })
  return {
    categories: {
      'performance': { id: 'performance', score: scores.performance, auditRefs: [{ id: 'first-contentful-paint' }, { id: 'largest-contentful-paint' }, { id: 'total-blocking-time' }, { id: 'cumulative-layout-shift' }] },
      'accessibility': { id: 'accessibility', score: scores.accessibility, auditRefs: [{ id: 'target-size' }, { id: 'color-contrast' }] },
      'best-practices': { id: 'best-practices', score: scores.bestPractices, auditRefs: [{ id: 'font-size' }] },
      'seo': { id: 'seo', score: scores.seo, auditRefs: [{ id: 'crawlable-anchors' }] },
    },
    audits: {
      'first-contentful-paint': audit('first-contentful-paint', 0.2, metrics.fcp),
      'largest-contentful-paint': audit('largest-contentful-paint', 0.1, metrics.lcp),
      'total-blocking-time': audit('total-blocking-time', 0.3, metrics.tbt),
      'cumulative-layout-shift': audit('cumulative-layout-shift', 1, metrics.cls),
      'target-size': audit('target-size', failing.includes('target-size') ? 0 : 1),
      'color-contrast': audit('color-contrast', 1),
      'font-size': audit('font-size', failing.includes('font-size') ? 0 : 1),
      'crawlable-anchors': audit('crawlable-anchors', failing.includes('crawlable-anchors') ? 0 : 1),
    },
    configSettings: { formFactor: 'mobile', throttlingMethod: 'simulate', throttling: { rttMs: 150, throughputKbps: 1638.4, cpuSlowdownMultiplier: 4 } },
  }
}

function run(performance: number, lcp: number, failing?: string[]): LighthouseRun {
  return lighthouseRun(reportOf({ performance: performance / 100, accessibility: 0.95, bestPractices: 1, seo: 1 }, { fcp: 1200, lcp, tbt: 250, cls: 0.01 }, failing))
}

describe('the pages', () => {
  it('are our hosted deck at /, its deep link /18 and the reader edition, then the starter\'s /', () => {
    expect(LIGHTHOUSE_PAGES.map(page => `${page.deck} ${page.path}`)).toEqual(['ours /', 'ours /18', 'ours /reader/', 'starter /'])
    expect(new Set(LIGHTHOUSE_PAGES.map(page => page.id)).size).toBe(LIGHTHOUSE_PAGES.length)
  })
})

describe('auditOrder', () => {
  it('starts each run one page further on, so every page is audited first in one run of three', () => {
    const pages = ['/', '/18', '/reader/']
    expect([1, 2, 3, 4].map(run => auditOrder(pages, run))).toEqual([
      ['/', '/18', '/reader/'],
      ['/18', '/reader/', '/'],
      ['/reader/', '/', '/18'],
      ['/', '/18', '/reader/'],
    ])
    expect(auditOrder(['/'], 2)).toEqual(['/'])
    expect(auditOrder([], 1)).toEqual([])
  })
})

describe('lighthouseRun', () => {
  it('reads the category scores as 0 to 100, the metrics as Lighthouse measured them, and the failing audits outside performance', () => {
    const result = lighthouseRun(reportOf({ performance: 0.434, accessibility: 0.95, bestPractices: 1, seo: 0.9 }, { fcp: 4214.03, lcp: 5894.7, tbt: 1010, cls: 0.00057 }, ['target-size', 'crawlable-anchors']))
    expect(result).toEqual({
      figures: { performance: 43, fcpMs: 4214.03, lcpMs: 5894.7, tbtMs: 1010, cls: 0.00057, accessibility: 95, bestPractices: 100, seo: 90 },
      failing: ['target-size', 'crawlable-anchors'],
    })
  })

  it('has NaN for a category without a score or a missing metric', () => {
    const report = reportOf({ performance: 0.5, accessibility: 1, bestPractices: 1, seo: null }, { fcp: 1, lcp: 2, tbt: 3, cls: 0 }, [])
    delete report.audits['total-blocking-time']
    const { figures, failing } = lighthouseRun(report)
    expect(figures.seo).toBeNaN()
    expect(figures.tbtMs).toBeNaN()
    expect(failing).toEqual([])
  })
})

describe('summarizeLighthouse', () => {
  it('takes each figure\'s median over the runs and counts the runs each audit failed in', () => {
    const summary = summarizeLighthouse([run(40, 3000), run(60, 2000, []), run(50, 4000, ['target-size', 'font-size'])])
    expect(summary.median).toMatchObject({ performance: 50, lcpMs: 3000, fcpMs: 1200, accessibility: 95 })
    expect(summary.failing).toEqual([{ id: 'target-size', runs: 2 }, { id: 'font-size', runs: 1 }])
    expect(summary.runs).toBe(3)
  })

  it('leaves out a figure no run has, and has nothing for no runs', () => {
    const withoutSeo = { ...run(50, 1000), figures: { ...run(50, 1000).figures, seo: Number.NaN } }
    expect(summarizeLighthouse([withoutSeo]).median).not.toHaveProperty('seo')
    expect(summarizeLighthouse([])).toEqual({ median: {}, failing: [], runs: 0 })
  })
})

describe('the targets', () => {
  const column = (key: string) => LIGHTHOUSE_COLUMNS.find(spec => spec.key === key)!

  it('performance at least 90, LCP at most 2.5 s, TBT at most 200 ms, CLS at most 0.1, the other three 100; FCP has none', () => {
    expect(lighthouseVerdict(column('performance'), 90)).toBe('ok')
    expect(lighthouseVerdict(column('performance'), 89)).toBe('missed')
    expect(lighthouseVerdict(column('lcpMs'), 2500)).toBe('ok')
    expect(lighthouseVerdict(column('lcpMs'), 2501)).toBe('missed')
    expect(lighthouseVerdict(column('tbtMs'), 200)).toBe('ok')
    expect(lighthouseVerdict(column('tbtMs'), 201)).toBe('missed')
    expect(lighthouseVerdict(column('cls'), 0.1)).toBe('ok')
    expect(lighthouseVerdict(column('cls'), 0.11)).toBe('missed')
    for (const key of ['accessibility', 'bestPractices', 'seo']) {
      expect(lighthouseVerdict(column(key), 100)).toBe('ok')
      expect(lighthouseVerdict(column(key), 99)).toBe('missed')
    }
    expect(lighthouseVerdict(column('fcpMs'), 9999)).toBeUndefined()
    expect(lighthouseVerdict(column('seo'), undefined)).toBe('n/a')
  })

  it('has a column for every figure', () => {
    expect([...LIGHTHOUSE_KEYS].sort()).toEqual(Object.keys(run(1, 1).figures).sort())
  })
})

describe('the table', () => {
  it('prints scores whole, FCP and LCP in seconds, TBT in ms, CLS to three decimals, a dash for none', () => {
    expect(formatLighthouseValue(43.4, 'score')).toBe('43')
    expect(formatLighthouseValue(2549, 'seconds')).toBe('2.5 s')
    expect(formatLighthouseValue(1009.6, 'ms')).toBe('1010 ms')
    expect(formatLighthouseValue(0.00057, 'shift')).toBe('0.001')
    expect(formatLighthouseValue(undefined, 'score')).toBe('—')
    expect(formatLighthouseValue(Number.NaN, 'ms')).toBe('—')
  })

  const rows: LighthouseRow[] = [
    { label: 'ours, hosted /', deck: 'ours', summary: summarizeLighthouse([run(43, 5900), run(45, 5800), run(41, 6000)]) },
    { label: 'ours, reader /reader/', deck: 'ours', summary: summarizeLighthouse([run(95, 2400, [])]) },
    { label: 'starter /', deck: 'starter', summary: summarizeLighthouse([run(30, 9000, ['font-size'])]) },
  ]

  it('has a row per page, the targets last, and the targets our pages missed; none for the starter', () => {
    const lines = formatLighthouseTable(rows)
    expect(lines).toEqual([
      'page                   performance    FCP      LCP       TBT    CLS  accessibility  best practices  SEO  missed',
      '---------------------  -----------  -----  -------  --------  -----  -------------  --------------  ---  ------------------------------------',
      'ours, hosted /                  43  1.2 s    5.9 s    250 ms  0.010             95             100  100  performance, LCP, TBT, accessibility',
      'ours, reader /reader/           95  1.2 s    2.4 s    250 ms  0.010             95             100  100  TBT, accessibility',
      'starter /                       30  1.2 s    9.0 s    250 ms  0.010             95             100  100',
      'target (ours)                 ≥ 90         ≤ 2.5 s  ≤ 200 ms  ≤ 0.1            100             100  100',
    ])
  })

  it('lists under it the failing audits of each page, with in how many runs', () => {
    expect(failingAuditLines(rows)).toEqual([
      'Failing audits (accessibility, best practices, SEO), in how many runs:',
      '  ours, hosted /: target-size (3/3)',
      '  starter /: font-size (1/1)',
    ])
    expect(failingAuditLines([rows[1]!])).toEqual(['No audit failed in accessibility, best practices or SEO.'])
  })
})

describe('the conditions', () => {
  it('reads what Lighthouse emulated and says it in words', () => {
    const settings = lighthouseSettings(reportOf({ performance: 1, accessibility: 1, bestPractices: 1, seo: 1 }, { fcp: 1, lcp: 1, tbt: 1, cls: 0 }))
    expect(settings).toEqual({ formFactor: 'mobile', throttlingMethod: 'simulate', rttMs: 150, throughputKbps: 1638.4, cpuSlowdownMultiplier: 4 })
    expect(lighthouseConditions(settings)).toBe('mobile, simulated throttling: 150 ms round trip, 1.6 Mbit/s, CPU 4× slower')
    expect(lighthouseConditions({ formFactor: 'desktop', throttlingMethod: 'devtools' })).toBe('desktop, devtools throttling')
    expect(lighthouseConditions(null)).toBe('default settings')
    expect(lighthouseSettings({ categories: {}, audits: {} })).toBeUndefined()
  })
})
