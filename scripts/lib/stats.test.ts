import { describe, expect, it } from 'vitest'
import { median, quantile, ratio } from './stats'

describe('quantile', () => {
  it('interpolates between the two nearest ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75)
    expect(quantile([1, 2, 3, 4], 0)).toBe(1)
    expect(quantile([1, 2, 3, 4], 1)).toBe(4)
    expect(quantile([10], 0.25)).toBe(10)
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i) // 100 down to 1
    expect(quantile(hundred, 0.5)).toBe(50.5)
    expect(quantile(hundred, 0.99)).toBeCloseTo(99.01, 10)
  })

  it('takes values in any order, leaves them alone, and is NaN for none', () => {
    const values = [5, 1, 3, 2, 4]
    expect([0.25, 0.5, 0.75].map(q => quantile(values, q))).toEqual([2, 3, 4])
    expect(values).toEqual([5, 1, 3, 2, 4])
    expect(quantile([], 0.5)).toBeNaN()
  })
})

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(median([])).toBeNaN()
  })
})

describe('ratio', () => {
  it('divides; null without two finite figures and a divisor above 0', () => {
    expect(ratio(1, 4)).toBe(0.25)
    expect(ratio(0, 4)).toBe(0)
    expect(ratio(1, 0)).toBeNull()
    expect(ratio(0, 0)).toBeNull()
    expect(ratio(undefined, 4)).toBeNull()
    expect(ratio(1, null)).toBeNull()
    expect(ratio(1, Number.NaN)).toBeNull()
    expect(ratio(Number.NaN, 2)).toBeNull()
  })
})
