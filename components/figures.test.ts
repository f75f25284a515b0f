import { describe, expect, it } from 'vitest'
import { allFigures, figures } from './figures'
import { isSourceId } from './sources'

describe('figures', () => {
  it('each name a known source and their conditions', () => {
    const unsourced = allFigures().filter(figure => !isSourceId(figure.source) || figure.conditions.trim().length < 10)
    expect(unsourced).toEqual([])
  })

  it('each state a number with a unit', () => {
    const bad = allFigures().filter(figure => !/\d(?:\.\d+)?\s?(?:ms|s|MiB|KB)$/.test(figure.value))
    expect(bad).toEqual([])
  })

  it('list VM start-ups slowest first, as the slide reads', () => {
    const ms = (value: string) => {
      const [, number, unit] = value.match(/([\d.]+)\s?(ms|s)$/)!
      return Number(number) * (unit === 's' ? 1000 : 1)
    }
    for (const set of ['vm-start', 'container-start'] as const) {
      const times = figures[set].map(figure => ms(figure.value))
      expect(times).toEqual([...times].sort((a, b) => b - a))
    }
  })
})
