import type { Summary } from './sync'
import { describe, expect, it } from 'vitest'
import { checkPosition } from '../../shared/sync-protocol'
import { MISSING } from '../lib/format'
import { comparisonTable, DEFAULTS, HEADROOM_SIZES, headroomReport, MAX_ADVANCES, megabytes, parseOptions, parsePort, positionAt, positionKey, presenterMessage, serversToRun, summarize, targetLines } from './sync'

describe('parseOptions', () => {
  it('uses the defaults', () => {
    expect(parseOptions([])).toEqual(DEFAULTS)
  })

  it('runs both servers after 5 warm-up advances by default', () => {
    expect(DEFAULTS).toMatchObject({ warmup: 5, only: undefined })
    expect(serversToRun(DEFAULTS.only)).toEqual(['deck', 'baseline'])
  })

  it('reads the numbers and converts the timeout to milliseconds', () => {
    expect(parseOptions(['--clients', '100', '--advances', '20', '--warmup', '3', '--only', 'deck', '--batch', '10', '--interval', '0', '--round-timeout', '250', '--timeout', '30', '--votes', '50', '--questions', '5', '--upvotes', '40', '--burst', '500', '--store-questions', '10', '--store-upvotes', '0'])).toEqual({
      clients: 100,
      advances: 20,
      warmup: 3,
      only: 'deck',
      batch: 10,
      intervalMs: 0,
      roundTimeoutMs: 250,
      timeoutMs: 30_000,
      votes: 50,
      questions: 5,
      upvotes: 40,
      burstMs: 500,
      headroom: undefined,
      storeQuestions: 10,
      storeUpvotes: 0,
    })
  })

  it('asks for help', () => {
    expect(parseOptions(['--help'])).toBe('help')
  })

  it('refuses what is not a whole number in range', () => {
    expect(() => parseOptions(['--clients', 'x'])).toThrow(/--clients must be a whole number/)
    expect(() => parseOptions(['--clients', '0'])).toThrow(/from 1/)
    expect(() => parseOptions(['--clients', '1.5'])).toThrow(/--clients/)
    expect(() => parseOptions(['--advances', String(MAX_ADVANCES + 1)])).toThrow(/--advances/)
    expect(() => parseOptions(['--unknown'])).toThrow()
    expect(() => parseOptions(['stray'])).toThrow()
  })

  it('takes no warm-up, and refuses more warm-up and measured advances than there are positions', () => {
    expect(parseOptions(['--warmup', '0'])).toMatchObject({ warmup: 0 })
    expect(parseOptions(['--warmup', '10', '--advances', String(MAX_ADVANCES - 10)])).toMatchObject({ warmup: 10, advances: MAX_ADVANCES - 10 })
    expect(() => parseOptions(['--warmup', '11', '--advances', String(MAX_ADVANCES - 10)])).toThrow(/--warmup plus --advances must be at most/)
    expect(() => parseOptions(['--warmup', '-1'])).toThrow()
    expect(() => parseOptions(['--warmup', 'x'])).toThrow(/--warmup must be a whole number/)
  })

  it('runs one server with --only', () => {
    const deck = parseOptions(['--only', 'deck'])
    const baseline = parseOptions(['--only', 'baseline'])
    expect(deck !== 'help' && serversToRun(deck.only)).toEqual(['deck'])
    expect(baseline !== 'help' && serversToRun(baseline.only)).toEqual(['baseline'])
    expect(() => parseOptions(['--only', 'both'])).toThrow(/--only must be deck or baseline, not "both"/)
    expect(() => parseOptions(['--only'])).toThrow()
  })
})

describe('the room and the headroom', () => {
  it('has the room by default (1,000 votes, 100 questions, 1,000 upvotes in a second), and refuses more sends than sockets', () => {
    expect(parseOptions([])).toMatchObject({ votes: 1000, questions: 100, upvotes: 1000, burstMs: 1000, headroom: undefined })
    expect(parseOptions(['--votes', '0', '--questions', '0', '--upvotes', '0'])).toMatchObject({ votes: 0, questions: 0, upvotes: 0 })
    expect(parseOptions(['--clients', '10'])).toMatchObject({ votes: 10, questions: 10, upvotes: 10 })
    expect(() => parseOptions(['--clients', '10', '--votes', '11'])).toThrow(/--votes may be at most --clients \(10\)/)
  })

  it('takes --headroom with its sizes, or alone with the default ones', () => {
    expect(parseOptions(['--headroom', '500,2000'])).toMatchObject({ headroom: [500, 2000] })
    expect(parseOptions(['--headroom'])).toMatchObject({ headroom: HEADROOM_SIZES })
    expect(parseOptions(['--headroom', '--only', 'deck'])).toMatchObject({ headroom: HEADROOM_SIZES, only: 'deck' })
    expect(() => parseOptions(['--headroom', '500,x'])).toThrow(/--headroom must be a whole number/)
  })

  it('names the largest audience whose p99 stayed under 100 ms with every advance complete', () => {
    const row = (clients: number, p99Ms: number, complete = 30) => ({ clients, p99Ms, complete, advances: 30, peakKb: 100_000 })
    expect(headroomReport([row(1000, 20), row(4000, 70), row(7000, 130)]).holds).toBe(4000)
    expect(headroomReport([row(1000, 20), row(4000, 70, 29)]).holds).toBe(1000)
    expect(headroomReport([row(1000, 120)]).holds).toBeUndefined()
    expect(headroomReport([row(1000, 20)]).lines.join('\n')).toContain('30 of 30')
  })
})

describe('positionAt', () => {
  it('gives distinct positions the protocol accepts, up to the most advances', () => {
    const positions = Array.from({ length: MAX_ADVANCES }, (_, i) => positionAt(i))
    expect(positions.filter(position => checkPosition({ ...position }) !== undefined)).toEqual([])
    expect(positions.filter(position => position.clicks > position.clicksTotal)).toEqual([])
    expect(new Set(positions.map(positionKey)).size).toBe(MAX_ADVANCES)
  })
})

describe('presenterMessage', () => {
  it('sends the deck server a nav and the baseline relay the state the audience should see', () => {
    const position = positionAt(7)
    expect(JSON.parse(presenterMessage('deck', position))).toEqual({ t: 'nav', ...position })
    expect(JSON.parse(presenterMessage('baseline', position))).toEqual({ t: 'state', ...position })
  })
})

describe('server output and units', () => {
  it('finds the port in the server\'s banner', () => {
    expect(parsePort('Serving dist/ at / on port 41234.\n\n  Audience: http://127.0.0.1:41234/')).toBe(41234)
    expect(parsePort('Serving dist/ at / on po')).toBeUndefined()
    expect(parsePort('Baseline relay on port 40001.\n')).toBe(40001)
  })

  it('turns /proc\'s kB (KiB) into megabytes of 10^6 bytes', () => {
    expect(megabytes(195_313)).toBeCloseTo(200, 0)
  })
})

const KB_PER_MB = 1e6 / 1024

function summary(overrides: Partial<Summary> = {}): Summary {
  return {
    p50Ms: 4,
    p99Ms: 9,
    maxMs: 12,
    firstP50Ms: 1,
    complete: 100,
    cpuPerAdvanceMs: 3,
    idle: { rssKb: 100 * KB_PER_MB, peakKb: 100 * KB_PER_MB },
    connected: { rssKb: 120 * KB_PER_MB, peakKb: 121 * KB_PER_MB },
    after: { rssKb: 125 * KB_PER_MB, peakKb: 130 * KB_PER_MB },
    ackP50Ms: 3,
    ackP99Ms: 8,
    acks: 1000,
    ...overrides,
  }
}

describe('summarize', () => {
  it('takes the interpolated percentiles of the measured advances and the CPU time per advance', () => {
    const memory = { rssKb: 1, peakKb: 2 }
    const delays = Array.from({ length: 100 }, (_, i) => 100 - i) // 100 down to 1
    const result = summarize({ delays, firsts: delays.map(delay => delay / 10), advances: 100, serverCpuMs: 250, idle: memory, connected: memory, after: memory })
    expect(result).toMatchObject({ p50Ms: 50.5, maxMs: 100, firstP50Ms: 5.05, complete: 100, cpuPerAdvanceMs: 2.5 })
    expect(result.p99Ms).toBeCloseTo(99.01, 10)
  })

  it('is n/a without a complete advance', () => {
    const memory = { rssKb: 1, peakKb: 2 }
    const result = summarize({ delays: [], firsts: [], advances: 3, serverCpuMs: 30, idle: memory, connected: memory, after: memory })
    expect(result.complete).toBe(0)
    expect(result.p99Ms).toBeNaN()
    expect(result.maxMs).toBeNaN()
    expect(result.firstP50Ms).toBeNaN()
  })
})

describe('comparisonTable', () => {
  it('sets the deck server beside the baseline relay, with deck/baseline for the delays only', () => {
    const lines = comparisonTable({ deck: summary(), baseline: summary({ p50Ms: 2, p99Ms: 3, maxMs: 4, firstP50Ms: 0.5, cpuPerAdvanceMs: 1, after: { rssKb: 90 * KB_PER_MB, peakKb: 95 * KB_PER_MB } }) }, 1000)
    expect(lines[0]).toMatch(/^\s+deck server\s+baseline relay\s+deck\/baseline$/)
    const row = (label: string) => lines.find(line => line.trimStart().startsWith(label))!.trim().split(/\s{3,}/)
    expect(row('delay p50')).toEqual(['delay p50', '4.0 ms', '2.0 ms', '2.00x'])
    expect(row('delay p99')).toEqual(['delay p99', '9.0 ms', '3.0 ms', '3.00x'])
    expect(row('delay max')).toEqual(['delay max', '12.0 ms', '4.0 ms', '3.00x'])
    expect(row('first receipt p50')).toEqual(['first receipt p50', '1.0 ms', '0.5 ms', '2.00x'])
    expect(row('server CPU per advance')).toEqual(['server CPU per advance', '3.0 ms', '1.0 ms'])
    expect(row('server RSS idle')).toEqual(['server RSS idle', '100.0 MB', '100.0 MB'])
    expect(row('server RSS, 1000 connected')).toEqual(['server RSS, 1000 connected', '120.0 MB', '120.0 MB'])
    expect(row('server RSS after the run')).toEqual(['server RSS after the run', '125.0 MB', '90.0 MB'])
    expect(row('server RSS peak')).toEqual(['server RSS peak (VmHWM)', '130.0 MB', '95.0 MB'])
  })

  it('lines up its columns', () => {
    const lines = comparisonTable({ deck: summary({ maxMs: 1234.5 }), baseline: summary() }, 1000)
    expect(new Set(lines.map(line => line.length)).size).toBeLessThanOrEqual(2) // rows with and without a ratio
    expect(lines[1]).toMatch(/^ {2}-+( {3}-+){3}$/)
    const ends = (column: string) => lines[0]!.indexOf(column) + column.length
    for (const line of lines.slice(1)) {
      expect(line[ends('deck server') - 1]).not.toBe(' ')
      expect(line[ends('baseline relay') - 1]).not.toBe(' ')
    }
  })

  it('has one column and no ratio when one server ran', () => {
    const lines = comparisonTable({ baseline: summary() }, 10)
    expect(lines[0]!.trim()).toBe('baseline relay')
    expect(lines.join('\n')).not.toMatch(/deck|\dx/)
    expect(lines.some(line => line.includes('server RSS, 10 connected'))).toBe(true)
  })

  it('prints a dash for a figure or a ratio without figures or with a zero baseline', () => {
    const lines = comparisonTable({ deck: summary({ p99Ms: Number.NaN }), baseline: summary({ p50Ms: 0, maxMs: 0 }) }, 1)
    const row = (label: string) => lines.find(line => line.includes(label))!.trim().split(/\s{3,}/)
    expect(row('delay p99')).toEqual(['delay p99', MISSING, '9.0 ms', MISSING])
    expect(row('delay p50')).toEqual(['delay p50', '4.0 ms', '0.0 ms', MISSING])
    expect(row('first receipt p50')).toEqual(['first receipt p50', '1.0 ms', '1.0 ms', '1.00x'])
  })
})

describe('targetLines', () => {
  it('checks the deck server\'s acknowledgements, p99 and peak memory against the targets', () => {
    const [ack, p99, memory] = targetLines(summary())
    expect(ack).toMatch(/vote acknowledged \(on disk\) p99 8\.0 ms over 1000 votes, target <= 50 ms: ok$/)
    expect(targetLines(summary({ ackP99Ms: 50.1 }))[0]).toMatch(/: missed$/)
    expect(p99).toMatch(/p99 delay 9\.0 ms, target < 100 ms: ok$/)
    expect(memory).toMatch(/memory peak 130\.0 MB .*target < 200 MB: ok$/)
    expect(targetLines(summary({ p99Ms: 99.9 }))[1]).toMatch(/: ok$/)
    expect(targetLines(summary({ p99Ms: 100 }))[1]).toMatch(/: missed$/)
    expect(targetLines(summary({ after: { rssKb: 1, peakKb: 200 * KB_PER_MB } }))[2]).toMatch(/: missed$/)
    expect(targetLines(summary({ p99Ms: Number.NaN, complete: 0 }))[1]).toMatch(/p99 delay —, target < 100 ms: n\/a$/)
  })
})
