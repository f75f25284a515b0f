import { describe, expect, it } from 'vitest'
import { allFigures } from './figures'
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
})
