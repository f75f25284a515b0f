import type { AudienceDeck } from './deck'
import { describe, expect, it } from 'vitest'
import { clampStep, nextStep, previousStep, readDeck, stepOfLocation, stepPath } from './deck'

const deck: AudienceDeck = {
  title: 'Talk',
  base: '/talk/',
  slides: [{ no: 1, title: 'One', clicks: 0 }, { no: 2, title: 'Two', clicks: 2 }, { no: 3, title: 'Three', clicks: 1 }],
}

describe('the audience page\'s steps', () => {
  it('goes through every click, then the next slide from its start, as Slidev does', () => {
    const steps = [{ page: 1, clicks: 0 }]
    for (let step = nextStep(deck, steps[0]!); step; step = nextStep(deck, step))
      steps.push(step)
    expect(steps).toEqual([{ page: 1, clicks: 0 }, { page: 2, clicks: 0 }, { page: 2, clicks: 1 }, { page: 2, clicks: 2 }, { page: 3, clicks: 0 }, { page: 3, clicks: 1 }])
  })

  it('goes back click by click, and from a slide\'s start to the previous slide\'s last click', () => {
    expect(previousStep(deck, { page: 3, clicks: 0 })).toEqual({ page: 2, clicks: 2 })
    expect(previousStep(deck, { page: 2, clicks: 1 })).toEqual({ page: 2, clicks: 0 })
    expect(previousStep(deck, { page: 1, clicks: 0 })).toBeUndefined()
    expect(nextStep(deck, { page: 3, clicks: 1 })).toBeUndefined()
  })

  it('brings any step inside the deck: Slidev\'s 999999 is the slide\'s last click', () => {
    expect(clampStep(deck, { page: 2, clicks: 999999 })).toEqual({ page: 2, clicks: 2 })
    expect(clampStep(deck, { page: 40, clicks: -3 })).toEqual({ page: 3, clicks: 0 })
    expect(clampStep(deck, { page: Number.NaN, clicks: Number.NaN })).toEqual({ page: 1, clicks: 0 })
  })

  it('writes and reads addresses as Slidev does', () => {
    expect(stepPath('/talk/', { page: 2, clicks: 0 })).toBe('/talk/2')
    expect(stepPath('/talk/', { page: 2, clicks: 1 })).toBe('/talk/2?clicks=1')
    expect(stepOfLocation(deck, '/talk/', '')).toEqual({ page: 1, clicks: 0 })
    expect(stepOfLocation(deck, '/talk/2', '?clicks=2')).toEqual({ page: 2, clicks: 2 })
    expect(stepOfLocation(deck, '/talk/2', '?clicks=x')).toEqual({ page: 2, clicks: 0 })
    expect(stepOfLocation(deck, '/elsewhere/3', '')).toEqual({ page: 1, clicks: 0 })
  })

  it('reads the deck\'s data only when it holds together', () => {
    expect(readDeck(JSON.stringify(deck))).toEqual(deck)
    expect(readDeck('')).toBeUndefined()
    expect(readDeck('{"title":"x"}')).toBeUndefined()
    expect(readDeck(JSON.stringify({ ...deck, slides: [] }))).toBeUndefined()
    expect(readDeck(JSON.stringify({ ...deck, slides: [{ no: 2, title: 'x', clicks: 0 }] }))).toBeUndefined()
  })
})
