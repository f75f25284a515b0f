import { describe, expect, it } from 'vitest'
import { preloadNeighbours, slideNoOf } from './preload-neighbours'

function deck(count: number) {
  const loads: number[] = []
  const routes = Array.from({ length: count }, (_, index) => ({
    no: index + 1,
    meta: {} as { __preloaded?: boolean },
    load: async () => {
      loads.push(index + 1)
      return {}
    },
  }))
  return { routes, loads }
}

describe('preloadNeighbours', () => {
  it('marks and loads the slides before and after, not the slide itself or any other', () => {
    const { routes, loads } = deck(5)
    expect(preloadNeighbours(routes, 3).map(route => route.no)).toEqual([2, 4])
    expect(loads).toEqual([2, 4])
    expect(routes.map(route => route.meta.__preloaded ?? false)).toEqual([false, true, false, true, false])
  })

  it('stops at the ends of the deck', () => {
    const { routes } = deck(3)
    expect(preloadNeighbours(routes, 1).map(route => route.no)).toEqual([2])
    expect(preloadNeighbours(routes, 3).map(route => route.no)).toEqual([])
  })

  it('loads each slide once', () => {
    const { routes, loads } = deck(4)
    preloadNeighbours(routes, 2)
    preloadNeighbours(routes, 3)
    expect(loads).toEqual([1, 3, 2, 4])
  })

  it('ignores slide numbers outside the deck', () => {
    const { routes, loads } = deck(3)
    expect(preloadNeighbours(routes, 0)).toEqual([])
    expect(preloadNeighbours(routes, 9)).toEqual([])
    expect(preloadNeighbours(routes, Number.NaN)).toEqual([])
    expect(loads).toEqual([])
  })

  it('survives a slide whose code fails to load', async () => {
    const routes = [{ meta: {}, load: async () => {} }, { meta: {} as { __preloaded?: boolean }, load: () => Promise.reject(new Error('offline')) }]
    expect(preloadNeighbours(routes, 1)).toHaveLength(1)
    await new Promise(resolve => setTimeout(resolve, 0))
  })
})

describe('slideNoOf', () => {
  it('reads the slide number of the play and presenter views only', () => {
    expect(slideNoOf({ name: 'play', params: { no: '5' } })).toBe(5)
    expect(slideNoOf({ name: 'presenter', params: { no: '12' } })).toBe(12)
    expect(slideNoOf({ name: 'overview', params: {} })).toBeNaN()
    expect(slideNoOf({ name: 'play', params: { no: 'intro' } })).toBeNaN()
  })
})
