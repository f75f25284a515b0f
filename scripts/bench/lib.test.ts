import type { RunMetrics } from './lib'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bytesSentFor, deckEnv, DEFAULT_OUT, DEFAULTS, droppedFrames, formatRatio, formatTable, formatValue, isOtherHost, median, medians, METRIC_KEYS, METRICS, parseBenchArgs, rangeSize, ratio, shortUrl, slideNumber, tableRows, verdict } from './lib'
import { isSlidevBuild, parseVmRssKb, processTree } from './proc'
import { serveStatic, urlPath } from './server'

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

describe('median and ratio', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(median([])).toBeNaN()
  })

  it('does not reorder its input', () => {
    const values = [3, 1, 2]
    median(values)
    expect(values).toEqual([3, 1, 2])
  })

  it('divides ours by the starter; null without a meaningful divisor', () => {
    expect(ratio(1, 4)).toBe(0.25)
    expect(ratio(0, 4)).toBe(0)
    expect(ratio(1, 0)).toBeNull()
    expect(ratio(0, 0)).toBeNull()
    expect(ratio(undefined, 4)).toBeNull()
    expect(ratio(1, Number.NaN)).toBeNull()
  })

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
  })

  it('no long tasks and no requests to other hosts for ours, whatever the starter does', () => {
    expect(verdict(spec('longTasks'), 0, 12)).toBe('ok')
    expect(verdict(spec('longTasks'), 1, 0)).toBe('missed')
    expect(verdict(spec('otherHostRequests'), 0, 99)).toBe('ok')
    expect(verdict(spec('otherHostRequests'), undefined, 99)).toBe('n/a')
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

  it('prints ratios with three significant figures', () => {
    expect(formatRatio(0.056_19)).toBe('0.0562')
    expect(formatRatio(1.25)).toBe('1.25')
    expect(formatRatio(0)).toBe('0')
    expect(formatRatio(250)).toBe('250')
    expect(formatRatio(null)).toBe('—')
  })

  it('makes one row per metric with ours, the starter, the ratio, the target and its verdict', () => {
    const rows = tableRows(metrics({ firstVisitBytes: 100_000, otherHostRequests: 0 }), metrics({ firstVisitBytes: 4_000_000, otherHostRequests: 12 }))
    expect(rows).toHaveLength(METRICS.length)
    expect(rows[0]).toEqual({ metric: 'first visit: bytes transferred', ours: '100.0 kB', starter: '4.00 MB', ratio: '0.0250', target: '≤ 1/20 of starter', status: 'ok' })
    expect(rows.find(row => row.metric === 'requests to other hosts')).toMatchObject({ ours: '0', starter: '12', ratio: '0', status: 'ok' })
    expect(rows.find(row => row.metric === 'build: wall time')).toMatchObject({ target: '', status: '' })
  })

  it('aligns the columns: words left, numbers right, no trailing spaces', () => {
    const table = formatTable([
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
  it('reads VmRSS from /proc/<pid>/status, 0 without one', () => {
    expect(parseVmRssKb('Name:\tnode\nVmHWM:\t  900 kB\nVmRSS:\t  812345 kB\n')).toBe(812_345)
    expect(parseVmRssKb('Name:\tzombie\nState:\tZ\n')).toBe(0)
  })

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
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('maps files to URL paths', () => {
    expect(urlPath(root, join(root, 'assets', 'app.js'))).toBe('/assets/app.js')
  })

  it('serves files gzipped with long caching for assets, index.html for routes, 404 for missing files, and counts what it sent', async () => {
    const server = await serveStatic(root)
    try {
      expect(server.origin).toMatch(/^http:\/\/localhost:\d+$/)
      const asset = await fetch(`${server.origin}/assets/app.js`, { headers: { 'Accept-Encoding': 'gzip' } })
      expect(asset.status).toBe(200)
      expect(asset.headers.get('content-encoding')).toBe('gzip')
      expect(asset.headers.get('cache-control')).toContain('immutable')
      expect(asset.headers.get('content-security-policy')).toBeNull()
      expect((await asset.text()).length).toBeGreaterThan(5000)
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
