import { describe, expect, it } from 'vitest'
import { formatDuration, layoutBar, logDomain, position, ticks } from './timeline'

describe('the timeline axis', () => {
  const domain = logDomain([1, 17, 568, 25_825])

  it('runs the log axis from the decade below the shortest to the decade above the longest', () => {
    expect(domain.min).toBeCloseTo(0.1)
    expect(domain.max).toBe(100_000)
    expect(logDomain([0.7, 3000]).min).toBeCloseTo(0.01)
    expect(logDomain([100, 1000]).max).toBe(1000)
  })

  it('rounds the linear axis up to the longest duration\'s leading digit', () => {
    expect(domain.linearMax).toBe(30_000)
    expect(domain.linearStep).toBe(10_000)
    expect(logDomain([568]).linearMax).toBe(600)
  })

  it('refuses an axis with nothing to show', () => {
    expect(() => logDomain([])).toThrow(RangeError)
    expect(() => logDomain([0, -1, Number.NaN])).toThrow(RangeError)
  })

  it('places durations by their logarithm on the log axis', () => {
    expect(position(0.1, 'log', domain)).toBe(0)
    expect(position(100_000, 'log', domain)).toBe(1)
    expect(position(1, 'log', domain)).toBeCloseTo(1 / 6)
    expect(position(100, 'log', domain)).toBeCloseTo(3 / 6)
  })

  it('places durations in proportion on the linear axis', () => {
    expect(position(0, 'linear', domain)).toBe(0)
    expect(position(15_000, 'linear', domain)).toBeCloseTo(0.5)
    expect(position(30_000, 'linear', domain)).toBe(1)
  })

  it('clamps what falls outside the axis', () => {
    expect(position(0.001, 'log', domain)).toBe(0)
    expect(position(0, 'log', domain)).toBe(0)
    expect(position(1e9, 'linear', domain)).toBe(1)
  })

  it('puts one tick per decade on the log axis and one per step on the linear axis', () => {
    expect(ticks('log', domain).map(tick => tick.label)).toEqual(['100 µs', '1 ms', '10 ms', '100 ms', '1 s', '10 s', '100 s'])
    expect(ticks('linear', domain).map(tick => tick.label)).toEqual(['0 ms', '10 s', '20 s', '30 s'])
    expect(ticks('log', domain).map(tick => tick.at)).toEqual([...ticks('log', domain).map(tick => tick.at)].sort())
  })
})

describe('a bar\'s phases', () => {
  const domain = logDomain([1, 25_825])
  const phases = [{ ms: 6900 }, { ms: 3700 }, { ms: 660 }, { ms: 1700 }, { ms: 1700 }]

  it('fill the bar to its total, end to end, in order', () => {
    for (const mode of ['log', 'linear'] as const) {
      const segments = layoutBar(phases, mode, domain)
      const end = segments.at(-1)!.start + segments.at(-1)!.width
      expect(end).toBeCloseTo(position(14_660, mode, domain))
      segments.slice(1).forEach((segment, index) =>
        expect(segment.start).toBeCloseTo(segments[index]!.start + segments[index]!.width))
    }
  })

  it('split the bar in proportion to their durations', () => {
    const segments = layoutBar(phases, 'log', domain)
    expect(segments[0]!.width / segments[1]!.width).toBeCloseTo(6900 / 3700)
  })

  it('on the linear axis, fall exactly where they happen in time', () => {
    const segments = layoutBar(phases, 'linear', domain)
    expect(segments[2]!.start).toBeCloseTo(10_600 / domain.linearMax)
  })

  it('carry when they start and how long they last, for the race at true speed', () => {
    expect(layoutBar(phases, 'log', domain).map(segment => [segment.atMs, segment.ms]))
      .toEqual([[0, 6900], [6900, 3700], [10_600, 660], [11_260, 1700], [12_960, 1700]])
  })

  it('draw nothing for a bar of no duration', () => {
    expect(layoutBar([{ ms: 0 }], 'log', domain)).toEqual([{ start: 0, width: 0, atMs: 0, ms: 0 }])
  })
})

describe('durations as said aloud', () => {
  it('use the unit that keeps the number short', () => {
    expect(formatDuration(0)).toBe('0 ms')
    expect(formatDuration(0.741)).toBe('741 µs')
    expect(formatDuration(0.0546)).toBe('54.6 µs')
    expect(formatDuration(1)).toBe('1 ms')
    expect(formatDuration(17)).toBe('17 ms')
    expect(formatDuration(3.348)).toBe('3.35 ms')
    expect(formatDuration(568)).toBe('568 ms')
    expect(formatDuration(3217)).toBe('3.22 s')
    expect(formatDuration(25_825)).toBe('25.8 s')
    expect(formatDuration(100_000)).toBe('100 s')
  })

  it('refuse what is not a duration', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError)
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError)
  })
})
