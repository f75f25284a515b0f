import { describe, expect, it } from 'vitest'
import { comparison, pollBars, shiftLabel, totalVotes, votesLabel } from './polls'

describe('results', () => {
  it('gives each option its count and share, 0 % when nobody has voted', () => {
    expect(pollBars(['a', 'b', 'c'], [1, 3, 0])).toEqual([
      { option: 'a', count: 1, percent: 25 },
      { option: 'b', count: 3, percent: 75 },
      { option: 'c', count: 0, percent: 0 },
    ])
    expect(pollBars(['a', 'b'], undefined).map(bar => bar.percent)).toEqual([0, 0])
    expect(totalVotes([1, 3, 0])).toBe(4)
    expect(votesLabel(1)).toBe('1 vote')
    expect(votesLabel(0)).toBe('0 votes')
  })

  it('compares before and now per option, in percentage points', () => {
    const rows = comparison(['Yes', 'Sort of', 'No'], [3, 1, 0], [1, 1, 2])
    expect(rows.map(row => [row.option, row.before.percent, row.now.percent, row.shift])).toEqual([
      ['Yes', 75, 25, -50],
      ['Sort of', 25, 25, 0],
      ['No', 0, 50, 50],
    ])
    expect(comparison(['a', 'b'], undefined, [0, 2]).map(row => row.before.count)).toEqual([0, 0])
    expect([shiftLabel(12), shiftLabel(-5), shiftLabel(0)]).toEqual(['+12 pts', '-5 pts', 'no change'])
  })
})
