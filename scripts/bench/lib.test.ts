import type { Visit } from './browser'
import type { BenchOptions, BuildFigures, RunMetrics } from './lib'
import type { LighthouseRun } from './lighthouse'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { benchResults, bytesSentFor, deckEnv, DECKS, DEFAULT_OUT, DEFAULTS, droppedFrames, formatBenchTable, formatValue, isOtherHost, medians, METRIC_KEYS, METRICS, OURS_ONLY, parseBenchArgs, rangeSize, reportLines, runRecord, shortUrl, slideNumber, tableRows, verdict } from './lib'
import { isSlidevBuild, processTree } from './proc'
import { serveStatic } from './server'

function metrics(overrides: Partial<RunMetrics> = {}): RunMetrics {
  return Object.assign(Object.fromEntries(METRIC_KEYS.map(key => [key, 1])) as unknown as RunMetrics, overrides)
}

describe('parseBenchArgs', () => {
  it('uses the defaults: 3 runs, every slide exported, throttled, scripts/bench/results.json', () => {
    expect(parseBenchArgs([])).toEqual(DEFAULTS)
    expect(DEFAULTS).toMatchObject({ runs: 3, quick: false, out: DEFAULT_OUT, exportRange: undefined, clickThroughSlides: undefined, throttled: true })
  })

  it('--quick is one run, exports slide 1 and clicks through slides 1-3; --runs still wins', () => {
    expect(parseBenchArgs(['--quick'])).toMatchObject({ runs: 1, quick: true, exportRange: '1', clickThroughSlides: 3, throttled: true })
    expect(parseBenchArgs(['--quick', '--runs', '2'])).toMatchObject({ runs: 2, quick: true, exportRange: '1', clickThroughSlides: 3 })
  })

  it('reads --runs, --out, --no-throttled and --timeout', () => {
    expect(parseBenchArgs(['--runs', '5', '--out', '/tmp/x.json', '--no-throttled', '--timeout', '120'])).toMatchObject({
      runs: 5,
      out: '/tmp/x.json',
      throttled: false,
      stepTimeoutMs: 120_000,
    })
  })

  it('asks for help', () => {
    expect(parseBenchArgs(['--help'])).toBe('help')
  })

  it('refuses what it does not know or cannot use', () => {
    expect(() => parseBenchArgs(['--runs', '0'])).toThrow(/--runs must be a whole number from 1/)
    expect(() => parseBenchArgs(['--runs', '1.5'])).toThrow(/--runs/)
    expect(() => parseBenchArgs(['--runs', 'x'])).toThrow(/--runs/)
    expect(() => parseBenchArgs(['--timeout', '1'])).toThrow(/--timeout/)
    expect(() => parseBenchArgs(['--out', ' '])).toThrow(/--out needs a file name/)
    expect(() => parseBenchArgs(['--out'])).toThrow()
    expect(() => parseBenchArgs(['--fast'])).toThrow()
    expect(() => parseBenchArgs(['stray'])).toThrow()
  })
})

describe('medians', () => {
  it('takes each metric\'s median over runs and leaves out one no run has', () => {
    const result = medians([
      metrics({ firstVisitBytes: 10, throttledTimeToFirstSlideMs: Number.NaN }),
      metrics({ firstVisitBytes: 30, throttledTimeToFirstSlideMs: Number.NaN }),
      metrics({ firstVisitBytes: 20, throttledTimeToFirstSlideMs: Number.NaN }),
    ])
    expect(result.firstVisitBytes).toBe(20)
    expect(result.buildSeconds).toBe(1)
    expect(result).not.toHaveProperty('throttledTimeToFirstSlideMs')
  })

  it('takes the mean of the middle two over an even number of runs', () => {
    expect(medians([metrics({ exportSecondsPerPage: 2 }), metrics({ exportSecondsPerPage: 3 })]).exportSecondsPerPage).toBe(2.5)
  })
})

describe('targets', () => {
  const spec = (key: string) => METRICS.find(metric => metric.key === key)!

  it('bytes at most 1/20, throttled time at most 1/3, export time at most 3/4 of the starter\'s', () => {
    expect(verdict(spec('firstVisitBytes'), 5, 100)).toBe('ok')
    expect(verdict(spec('firstVisitBytes'), 5.1, 100)).toBe('missed')
    expect(verdict(spec('throttledTimeToFirstSlideMs'), 1000, 3000)).toBe('ok')
    expect(verdict(spec('throttledTimeToFirstSlideMs'), 1001, 3000)).toBe('missed')
    expect(verdict(spec('exportSecondsPerPage'), 0.75, 1)).toBe('ok')
    expect(verdict(spec('exportSecondsPerPage'), 0.76, 1)).toBe('missed')
    expect(verdict(spec('exportSecondsPerPage'), 1, undefined)).toBe('n/a')
    expect(verdict(spec('exportSecondsPerPage'), 1, 0)).toBe('n/a')
  })

  it('no long tasks and no requests to other hosts for ours, whatever the starter does', () => {
    expect(verdict(spec('longTasks'), 0, 12)).toBe('ok')
    expect(verdict(spec('longTasks'), 1, 0)).toBe('missed')
    expect(verdict(spec('otherHostRequests'), 0, 99)).toBe('ok')
    expect(verdict(spec('otherHostRequests'), undefined, 99)).toBe('n/a')
  })

  it('the hosted first visit of ours in at most 160 kB', () => {
    expect(verdict(spec('hostedFirstVisitBytes'), 160_000, undefined)).toBe('ok')
    expect(verdict(spec('hostedFirstVisitBytes'), 160_001, undefined)).toBe('missed')
    expect(verdict(spec('hostedFirstVisitBytes'), Number.NaN, undefined)).toBe('n/a')
  })

  it('the whole npm run export of ours in at most 10 s, whatever the starter does', () => {
    expect(verdict(spec('deckExportSeconds'), 10, undefined)).toBe('ok')
    expect(verdict(spec('deckExportSeconds'), 10.1, undefined)).toBe('missed')
    expect(verdict(spec('deckExportSeconds'), undefined, undefined)).toBe('n/a')
  })

  it('has no verdict for a metric without a target', () => {
    expect(verdict(spec('buildSeconds'), 1, 2)).toBeUndefined()
  })
})

describe('droppedFrames', () => {
  it('counts the frames missed in deltas over two frame times', () => {
    const frame = 1000 / 60
    expect(droppedFrames([frame, frame, frame])).toBe(0)
    expect(droppedFrames([2 * frame])).toBe(0)
    expect(droppedFrames([3 * frame])).toBe(2)
    expect(droppedFrames([50, 100])).toBe(2 + 5)
    expect(droppedFrames([])).toBe(0)
  })
})

describe('formatting', () => {
  it('prints each unit readably, and a dash for a missing figure', () => {
    expect(formatValue(311_838, 'bytes')).toBe('311.8 kB')
    expect(formatValue(5_548_892, 'bytes')).toBe('5.55 MB')
    expect(formatValue(650, 'bytes')).toBe('650 B')
    expect(formatValue(1203.9, 'ms')).toBe('1204 ms')
    expect(formatValue(0.5912, 'seconds')).toBe('0.59 s')
    expect(formatValue(849.6, 'mb')).toBe('850 MB')
    expect(formatValue(7, 'count')).toBe('7')
    expect(formatValue(7.5, 'count')).toBe('7.5')
    expect(formatValue(undefined, 'count')).toBe('—')
    expect(formatValue(Number.NaN, 'ms')).toBe('—')
  })

  it('makes one row per metric with ours, the starter, the ratio, the target and its verdict', () => {
    const rows = tableRows(metrics({ firstVisitBytes: 100_000, otherHostRequests: 0 }), metrics({ firstVisitBytes: 4_000_000, otherHostRequests: 12 }))
    expect(rows).toHaveLength(METRICS.length)
    expect(rows[0]).toEqual({ metric: 'first visit: bytes transferred', ours: '100.0 kB', starter: '4.00 MB', ratio: '0.0250', target: '≤ 1/20 of starter', status: 'ok' })
    expect(rows.find(row => row.metric === 'requests to other hosts')).toMatchObject({ ours: '0', starter: '12', ratio: '0', status: 'ok' })
    expect(rows.find(row => row.metric === 'build: wall time')).toMatchObject({ target: '', status: '' })
    expect(tableRows({}, {})[0]).toMatchObject({ ours: '—', starter: '—', ratio: '—', status: 'n/a' })
  })

  it('aligns the columns: words left, numbers right, no trailing spaces', () => {
    const table = formatBenchTable([
      { metric: 'a', ours: '1 ms', starter: '100 ms', ratio: '0.0100', target: '≤ 1/3', status: 'ok' },
      { metric: 'longer metric', ours: '10 ms', starter: '1 ms', ratio: '10.0', target: '', status: '' },
    ])
    const lines = table.split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe('metric         ours (median)  starter (median)  ours/starter  target  status')
    expect(lines[1]).toMatch(/^-+( {2}-+){5}$/)
    expect(lines[2]).toBe('a                       1 ms            100 ms        0.0100  ≤ 1/3   ok')
    expect(lines[3]).toBe('longer metric          10 ms              1 ms          10.0')
    for (const line of lines)
      expect(line).toBe(line.trimEnd())
  })
})

describe('uRLs', () => {
  const origin = 'http://localhost:4000'

  it('tells the local server from other hosts; data: and blob: are no host', () => {
    expect(isOtherHost('http://localhost:4000/assets/a.js', origin)).toBe(false)
    expect(isOtherHost('http://localhost:4001/a.js', origin)).toBe(true)
    expect(isOtherHost('https://fonts.googleapis.com/css2?family=PT+Serif', origin)).toBe(true)
    expect(isOtherHost('wss://example.org/', origin)).toBe(true)
    expect(isOtherHost('data:image/svg+xml,%3Csvg%3E', origin)).toBe(false)
    expect(isOtherHost('blob:http://localhost:4000/1234', origin)).toBe(false)
    expect(isOtherHost('not a url', origin)).toBe(false)
  })

  it('shortens local URLs to their path', () => {
    expect(shortUrl('http://localhost:4000/assets/a.js', origin)).toBe('/assets/a.js')
    expect(shortUrl('http://localhost:4000', origin)).toBe('/')
    expect(shortUrl('https://cover.sli.dev/', origin)).toBe('https://cover.sli.dev/')
  })

  it('reads the slide number from a deck URL', () => {
    expect(slideNumber('http://localhost:4000/12?clicks=2')).toBe(12)
    expect(slideNumber('http://localhost:4000/3')).toBe(3)
    expect(slideNumber('http://localhost:4000/')).toBe(0)
    expect(slideNumber('http://localhost:4000/presenter/4')).toBe(4)
  })

  it('counts the slides a --range names', () => {
    expect(rangeSize('1-3', 37)).toBe(3)
    expect(rangeSize('1-3', 2)).toBe(2)
    expect(rangeSize('1,4-5', 10)).toBe(3)
    expect(rangeSize('2', 10)).toBe(1)
  })
})

describe('bytesSentFor', () => {
  it('gives a request the page never saw finish the next response sent for its path', () => {
    const sent = [{ path: '/a.js', bytes: 10 }, { path: '/worker.js', bytes: 500 }, { path: '/a.js', bytes: 11 }]
    expect(bytesSentFor(['/worker.js'], ['/a.js'], sent)).toEqual([500])
    expect(bytesSentFor(['/a.js'], ['/a.js'], sent)).toEqual([11])
  })

  it('gives 0 to one the server never sent (the browser\'s cache answered)', () => {
    expect(bytesSentFor(['/worker.js', '/worker.js'], [], [{ path: '/worker.js', bytes: 500 }])).toEqual([500, 0])
    expect(bytesSentFor(['/b.js'], [], [])).toEqual([0])
  })
})

describe('process helpers', () => {
  it('walks a process tree from its parents', () => {
    const parents = new Map([[2, 1], [3, 2], [4, 2], [5, 1], [6, 3]])
    expect(processTree(2, parents).sort()).toEqual([2, 3, 4, 6])
    expect(processTree(6, parents)).toEqual([6])
  })

  it('knows `slidev build` from a wrapper around it and from other slidev commands', () => {
    expect(isSlidevBuild(['/usr/bin/node', '/r/node_modules/@slidev/cli/bin/slidev.mjs', 'build', '--out', '/tmp/x'])).toBe(true)
    expect(isSlidevBuild(['node', '--import', '/r/scripts/bench/typescript-6.mjs', '/r/node_modules/@slidev/cli/bin/slidev.mjs', 'build'])).toBe(true)
    expect(isSlidevBuild(['slidev', 'build'])).toBe(true)
    expect(isSlidevBuild(['node', '/r/node_modules/tsx/dist/cli.mjs', 'scripts/build.ts', '--out', '/tmp/x'])).toBe(false)
    expect(isSlidevBuild(['node', '/r/node_modules/@slidev/cli/bin/slidev.mjs', 'export'])).toBe(false)
  })
})

describe('the bench server', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'bench-server-'))
    mkdirSync(join(root, 'assets'))
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>deck</title>')
    writeFileSync(join(root, 'assets', 'app.js'), `console.log(${JSON.stringify('x'.repeat(5000))})`)
    writeFileSync(join(root, 'assets', 'font.ttf'), 'glyphs '.repeat(500))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('refuses a folder without index.html', async () => {
    await expect(serveStatic(join(root, 'assets'))).rejects.toThrow(/No index.html in/)
  })

  it('serves files gzipped with long caching for assets, index.html for routes, 404 for missing files, and counts what it sent', async () => {
    const server = await serveStatic(root)
    try {
      expect(server.origin).toMatch(/^http:\/\/localhost:\d+$/)
      const asset = await fetch(`${server.origin}/assets/app.js`, { headers: { 'Accept-Encoding': 'gzip' } })
      expect(asset.status).toBe(200)
      expect(asset.headers.get('content-encoding')).toBe('gzip')
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect(asset.headers.get('cache-control')).toContain('immutable')
      // None of npm run serve's security headers: the starter's remote fonts and images fail as they would offline, not by policy.
      for (const header of ['content-security-policy', 'x-frame-options', 'cross-origin-opener-policy', 'referrer-policy'])
        expect(asset.headers.get(header), header).toBeNull()
      expect((await asset.text()).length).toBeGreaterThan(5000)
      const font = await fetch(`${server.origin}/assets/font.ttf`, { headers: { 'Accept-Encoding': 'gzip' } })
      expect(font.headers.get('content-type')).toBe('font/ttf')
      expect(font.headers.get('content-encoding')).toBe('gzip')
      const route = await fetch(`${server.origin}/12?clicks=1`)
      expect(await route.text()).toContain('<title>deck</title>')
      expect(route.headers.get('cache-control')).toBe('no-cache')
      expect((await fetch(`${server.origin}/assets/missing.js`)).status).toBe(404)
      expect(server.inflight()).toBe(0)
      const sent = server.sent.find(response => response.path === '/assets/app.js')!
      expect(sent.bytes).toBeGreaterThan(100)
      expect(sent.bytes).toBeLessThan(1000)
      server.reset()
      expect(server.sent).toEqual([])
    }
    finally {
      await server.close()
    }
  })
})

describe('deckEnv', () => {
  it('drops BASE and what a test runner sets, and keeps the rest', () => {
    expect(deckEnv({ PATH: '/bin', BASE: '/talk/', NODE_ENV: 'test', VITEST: 'true', VITEST_POOL_ID: '1', CHROMIUM_PATH: '/usr/bin/chromium' }))
      .toEqual({ PATH: '/bin', CHROMIUM_PATH: '/usr/bin/chromium' })
  })
})

/** A first visit as browser.ts reports it, with a click-through. */
function visitOf(overrides: Partial<Visit> = {}): Visit {
  return {
    timeToFirstSlideMs: 800,
    bytes: 300_000,
    requests: 12,
    bytesByType: { Script: 200_000, Font: 100_000 },
    files: Array.from({ length: 25 }, (_, i) => ({ url: `/assets/${i}.js`, type: 'Script', bytes: 25_000 - i })),
    serviceWorkerBytes: 40_000,
    serviceWorkerRequests: 9,
    serviceWorkerFiles: [{ url: '/assets/md-diagram.js', type: 'fetch', bytes: 4_000 }, { url: '/assets/other.js', type: 'fetch', bytes: 36_000 }],
    otherHostRequests: 0,
    otherHostUrls: [],
    clickThrough: {
      steps: 14,
      reachedEnd: true,
      finalUrl: 'http://localhost:4000/4',
      longTasks: 1,
      longTaskMs: 70,
      droppedFrames: 3,
      slowSteps: [{ url: '/2?clicks=1', longTasks: 1, longTaskMs: 70, droppedFrames: 2 }, { url: '/3', longTasks: 0, longTaskMs: 0, droppedFrames: 1 }],
    },
    ...overrides,
  }
}

/** A build whose /assets/md-diagram.js holds a drawing and, unless told otherwise, /assets/3.js mermaid's code. */
function buildOf(seconds: number, peakRssMb: number, mermaidCode = true): BuildFigures {
  return {
    seconds,
    peakRssMb,
    mermaid: { codeFiles: new Map(mermaidCode ? [['/assets/3.js', 90_000]] : []), drawingFiles: new Map([['/assets/md-diagram.js', 12_000]]), drawings: 1, drawingBytes: 8_000, drawingGzipBytes: 1_500 },
  }
}

const QUICK = parseBenchArgs(['--quick']) as BenchOptions

/** A Lighthouse run of a page: the performance score given, the other scores 100 (but for a failing audit's), set metrics. */
function lighthouseRunOf(performance: number, failing: string[] = []): LighthouseRun {
  return {
    figures: { performance, fcpMs: 1500, lcpMs: 3000, tbtMs: 150, cls: 0.02, accessibility: failing.includes('target-size') ? 95 : 100, bestPractices: failing.includes('errors-in-console') ? 96 : 100, seo: 100 },
    failing,
  }
}

describe('runRecord', () => {
  it('takes every metric from the build, the visits and the export, per PDF page', () => {
    const lighthouse = { hosted: lighthouseRunOf(50) }
    const record = runRecord(buildOf(40, 900), visitOf(), visitOf({ timeToFirstSlideMs: 2500 }), { pages: 2, seconds: 6, bytes: 100_000, attempts: 2 }, { seconds: 12, pages: 400 }, { hostedVisit: visitOf({ bytes: 150_000, requests: 7 }), lighthouse })
    expect(record.metrics).toEqual({
      firstVisitBytes: 300_000,
      firstVisitRequests: 12,
      hostedFirstVisitBytes: 150_000,
      hostedFirstVisitRequests: 7,
      serviceWorkerBytes: 40_000,
      mermaidCodeBytes: 90_000,
      mermaidDrawingGzipBytes: 1_500,
      // /assets/3.js was on the first visit (25,000 − 3 bytes); the drawing's file was precached.
      firstVisitMermaidBytes: 24_997,
      precacheMermaidBytes: 4_000,
      otherHostRequests: 0,
      timeToFirstSlideMs: 800,
      throttledTimeToFirstSlideMs: 2500,
      clickSteps: 14,
      longTasks: 1,
      longTaskMs: 70,
      droppedFrames: 3,
      exportPages: 2,
      exportSecondsPerPage: 3,
      exportBytesPerPage: 50_000,
      deckExportSeconds: 12,
      deckExportSecondsPerPage: 0.03,
      buildSeconds: 40,
      buildPeakRssMb: 900,
    })
    expect(Object.keys(record.metrics).sort()).toEqual([...METRIC_KEYS].sort())
    expect(record).toMatchObject({ exportAttempts: 2, reachedEnd: true, finalUrl: 'http://localhost:4000/4', lighthouse })
  })

  it('has no throttled time without a throttled visit, and needs the click-through', () => {
    const exported = { pages: 1, seconds: 1, bytes: 1, attempts: 1 }
    expect(runRecord(buildOf(1, 1), visitOf(), undefined, exported).metrics.throttledTimeToFirstSlideMs).toBeNaN()
    // The starter, which npm run export cannot print and npm run serve does not host, has no figures of them.
    expect(runRecord(buildOf(1, 1), visitOf(), undefined, exported).metrics).toMatchObject({ deckExportSeconds: Number.NaN, deckExportSecondsPerPage: Number.NaN, hostedFirstVisitBytes: Number.NaN, hostedFirstVisitRequests: Number.NaN })
    expect(runRecord(buildOf(1, 1), visitOf(), undefined, exported).lighthouse).toEqual({})
    expect(() => runRecord(buildOf(1, 1), visitOf({ clickThrough: undefined }), undefined, exported)).toThrow(/click-through/)
  })
})

describe('the results and the report', () => {
  const exported = { pages: 1, seconds: 2, bytes: 80_000, attempts: 1 }
  const ours = runRecord(buildOf(30, 700, false), visitOf(), visitOf({ timeToFirstSlideMs: 900 }), exported, { seconds: 14, pages: 395 }, {
    hostedVisit: visitOf({ bytes: 170_000, requests: 8 }),
    lighthouse: { hosted: lighthouseRunOf(45, ['target-size']), hostedDeepLink: lighthouseRunOf(60), reader: lighthouseRunOf(95) },
  })
  const starter = runRecord(buildOf(20, 600), visitOf({ bytes: 6_000_000, otherHostRequests: 4, otherHostUrls: ['https://fonts.googleapis.com/css'] }), visitOf({ timeToFirstSlideMs: 3000 }), { ...exported, seconds: 4 }, undefined, {
    lighthouse: { starter: lighthouseRunOf(30, ['errors-in-console']) },
  })
  const input = {
    options: QUICK,
    startedAt: new Date('2025-01-02T03:04:05Z'),
    durationMs: 83_456,
    versions: { node: 'v20.20.0', slidev: '52.20.1', createSlidev: '52.15.2', themeSeriph: '0.25.0', chromium: '140.0', lighthouse: '12.2.3' },
    lighthouseSettings: { formFactor: 'mobile', throttlingMethod: 'simulate', rttMs: 150, throughputKbps: 1638.4, cpuSlowdownMultiplier: 4 },
    machine: { cpus: 2, cpuModel: 'CPU', memoryGb: 8, loadAverage: [1, 1, 1] },
    slides: { ours: 37, starter: 14 },
    records: { ours: [ours], starter: [starter] },
  }

  it('writes every figure of both decks, their medians, ratios and every target with its verdict', () => {
    const results = benchResults(input)
    expect(results).toMatchObject({ schema: 1, startedAt: '2025-01-02T03:04:05.000Z', durationSeconds: 83.5, complete: true, error: undefined, options: { runs: 1, quick: true, exportRange: '1', clickThroughSlides: 3, throttled: true } })
    expect(results.throttledProfile).toEqual({ downloadMbit: 10, uploadMbit: 5, roundTripMs: 40 })
    for (const deck of DECKS) {
      expect(Object.keys(results.decks[deck].median).sort()).toEqual(METRIC_KEYS.filter(key => deck === 'ours' || !OURS_ONLY.includes(key)).sort())
      expect(results.decks[deck].runs).toEqual([{ ...input.records[deck][0]!.metrics, exportAttempts: 1, clickThroughReachedEnd: true }])
      expect(results.decks[deck].lastVisit!.largestFiles).toHaveLength(20)
    }
    expect(results.decks.starter.lastVisit!.otherHostUrls).toEqual(['https://fonts.googleapis.com/css'])
    expect(results.ratios.firstVisitBytes).toBe(0.05)
    expect(results.ratios.otherHostRequests).toBe(0)
    expect(results.targets.map(target => target.metric)).toEqual(['firstVisitBytes', 'hostedFirstVisitBytes', 'mermaidCodeBytes', 'otherHostRequests', 'throttledTimeToFirstSlideMs', 'exportSecondsPerPage', 'deckExportSeconds', 'longTasks'])
    // 170 kB hosted misses the 160 kB; 14 s for every output of ours misses the 10 s; the long task misses 0.
    expect(results.targets.map(target => target.status)).toEqual(['ok', 'missed', 'ok', 'ok', 'ok', 'ok', 'missed', 'missed'])
    expect(JSON.parse(JSON.stringify(results)).decks.ours.median.exportSecondsPerPage).toBe(2)
  })

  it('writes Lighthouse\'s settings, and per page its runs, medians and failing audits, from the deck the page is on', () => {
    const { lighthouse } = benchResults(input)
    expect(lighthouse.settings).toEqual(input.lighthouseSettings)
    expect(lighthouse.pages.map(page => [page.id, page.deck, page.path])).toEqual([['hosted', 'ours', '/'], ['hostedDeepLink', 'ours', '/18'], ['reader', 'ours', '/reader/'], ['starter', 'starter', '/']])
    expect(lighthouse.pages[0]).toMatchObject({ label: 'ours, hosted /', median: { performance: 45, lcpMs: 3000 }, failingAudits: [{ id: 'target-size', runs: 1 }] })
    expect(lighthouse.pages[0]!.runs).toEqual([input.records.ours[0]!.lighthouse.hosted])
    expect(lighthouse.pages[3]).toMatchObject({ median: { performance: 30 }, failingAudits: [{ id: 'errors-in-console', runs: 1 }] })
    expect(lighthouse.targets).toEqual([
      { figure: 'performance', target: '≥ 90' },
      { figure: 'lcpMs', target: '≤ 2.5 s' },
      { figure: 'tbtMs', target: '≤ 200 ms' },
      { figure: 'cls', target: '≤ 0.1' },
      { figure: 'accessibility', target: '100' },
      { figure: 'bestPractices', target: '100' },
      { figure: 'seo', target: '100' },
    ])
    // A run that broke before Lighthouse: its pages have no runs, and the report prints no Lighthouse table.
    const broken = benchResults({ ...input, records: { ours: [{ ...ours, lighthouse: {} }], starter: [{ ...starter, lighthouse: {} }] } })
    expect(broken.lighthouse.pages.every(page => page.runs.length === 0 && Object.keys(page.median).length === 0)).toBe(true)
    expect(reportLines(broken, '/tmp/r.json', 1000).join('\n')).not.toContain('Lighthouse')
  })

  it('says what broke, with the runs that finished', () => {
    const results = benchResults({ ...input, error: new Error('the starter did not build'), records: { ours: [ours], starter: [] } })
    expect(results).toMatchObject({ complete: false, error: 'the starter did not build' })
    expect(results.decks.starter).toMatchObject({ median: {}, runs: [], lastVisit: undefined })
    expect(results.targets.find(target => target.metric === 'firstVisitBytes')).toMatchObject({ starter: null, ratio: null, status: 'n/a' })
    expect(reportLines(results, '/tmp/r.json', input.durationMs).join('\n')).not.toContain('create-slidev starter (last run)')
  })

  it('prints the table, the largest files of each deck, this deck\'s slow steps and the time taken', () => {
    const text = reportLines(benchResults(input), '/tmp/r.json', input.durationMs).join('\n')
    expect(text).toContain('Slidev 52.20.1: this deck (37 slides) against the create-slidev 52.15.2 starter (14 slides); medians of 1 run(s) each, quick (export of slides 1, click-through of slides 1-3).')
    expect(text).toMatch(/ours \(median\)\s+starter \(median\)\s+ours\/starter\s+target/)
    expect(text).toMatch(/first visit: bytes transferred\s+300\.0 kB\s+6\.00 MB\s+0\.0500\s+≤ 1\/20 of starter\s+ok/)
    expect(text).toMatch(/first visit, hosted \(npm run serve\): bytes\s+170\.0 kB\s+—\s+—\s+≤ 160 kB for ours\s+missed/)
    expect(text).toContain('Lighthouse 12.2.3, mobile, simulated throttling: 150 ms round trip, 1.6 Mbit/s, CPU 4× slower; medians of 1 run(s) per page:')
    expect(text).toMatch(/page\s+performance\s+FCP\s+LCP\s+TBT\s+CLS\s+accessibility\s+best practices\s+SEO\s+missed/)
    expect(text).toMatch(/ours, reader \/reader\/\s+95\s+1\.5 s\s+3\.0 s\s+150 ms\s+0\.020\s+100\s+100\s+100\s+LCP\n/)
    expect(text).toMatch(/target \(ours\)\s+≥ 90\s+≤ 2\.5 s\s+≤ 200 ms\s+≤ 0\.1\s+100\s+100\s+100\n/)
    expect(text).toContain('Failing audits (accessibility, best practices, SEO), in how many runs:\n  ours, hosted /: target-size (1/1)\n  starter /: errors-in-console (1/1)')
    expect(text).toContain('Largest files of the first visit, this deck (last run):\n    25.0 kB  Script      /assets/0.js')
    expect(text.match(/^ {2}\s*\d+\.\d kB {2}Script/gm)).toHaveLength(20)
    expect(text).toContain('Long tasks while clicking through this deck (last run), by the step they came in:\n    1 (70 ms), 2 dropped frames  /2?clicks=1')
    expect(text).not.toContain('/3\n')
    expect(text.endsWith('Took 1 min 23 s. Figures in /tmp/r.json')).toBe(true)
  })
})
