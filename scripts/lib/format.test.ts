import { describe, expect, it } from 'vitest'
import { formatElapsed, formatMs, formatRatio, formatTable, MISSING, verdict } from './format'

describe('formatMs and formatElapsed', () => {
  it('print milliseconds with the decimals asked for, and a dash for none', () => {
    expect(formatMs(1203.9)).toBe('1204 ms')
    expect(formatMs(4.25, 1)).toBe('4.3 ms')
    expect(formatMs(Number.NaN)).toBe(MISSING)
    expect(formatMs(undefined, 1)).toBe(MISSING)
  })

  it('print a run\'s length in seconds, or minutes and seconds from one minute', () => {
    expect(formatElapsed(12_345)).toBe('12.3 s')
    expect(formatElapsed(59_900)).toBe('59.9 s')
    expect(formatElapsed(83_000)).toBe('1 min 23 s')
    expect(formatElapsed(3_600_000)).toBe('60 min 0 s')
  })
})

describe('formatRatio', () => {
  it('prints three significant figures, whole numbers from 100, and a dash for none', () => {
    expect(formatRatio(0.056_19)).toBe('0.0562')
    expect(formatRatio(1.25)).toBe('1.25')
    expect(formatRatio(2.5)).toBe('2.50')
    expect(formatRatio(0)).toBe('0')
    expect(formatRatio(250)).toBe('250')
    expect(formatRatio(null)).toBe(MISSING)
    expect(formatRatio(Number.NaN)).toBe(MISSING)
  })
})

describe('verdict', () => {
  it('is ok when the figure meets the target, missed when not, n/a without a figure', () => {
    expect(verdict(99.9, ms => ms < 100)).toBe('ok')
    expect(verdict(100, ms => ms < 100)).toBe('missed')
    expect(verdict(0, count => count === 0)).toBe('ok')
    expect(verdict(undefined, () => true)).toBe('n/a')
    expect(verdict(null, () => true)).toBe('n/a')
    expect(verdict(Number.NaN, () => true)).toBe('n/a')
  })
})

describe('formatTable', () => {
  it('aligns the columns, left or right, with a rule under the header and no trailing spaces', () => {
    const lines = formatTable(['metric', 'ours', 'note'], [['a', '1 ms', '≤ 1/3'], ['longer metric', '10 ms', '']], { right: [1] })
    expect(lines).toEqual([
      'metric          ours  note',
      '-------------  -----  -----',
      'a               1 ms  ≤ 1/3',
      'longer metric  10 ms',
    ])
  })

  it('takes a wider gap, and an empty header cell over a column of labels', () => {
    const lines = formatTable(['', 'x'], [['label', '1'], ['much longer', '100']], { right: [1], gap: 3 })
    expect(lines).toEqual([
      '                x',
      '-----------   ---',
      'label           1',
      'much longer   100',
    ])
  })
})
