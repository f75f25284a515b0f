import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { drawnProps, followsClicks, isIsland, ISLAND_ATTRIBUTE, ISLAND_PROPS_ATTRIBUTE, islandMarker, ISLANDS, liveProps } from './islands'

/**
 * What makes a component live rather than a picture: it takes its reader's input (a control, a handler) or moves
 * on its own (a frame loop, a timer). Reveal transitions on a click are not: the audience page's steps draw them.
 */
const LIVE_SIGNS = [/<input\b/, /<button\b/, /<select\b/, /<textarea\b/, /\sv-model\b/, /\s@(?:click|input|change|pointer\w*|keydown|keyup)\b/, /\bv-on:/, /requestAnimationFrame/, /\buseRafFn\b/, /\bset(?:Interval|Timeout)\(/, /\buse(?:Interval|Timeout)Fn\b/]

const componentFiles = readdirSync(new URL('.', import.meta.url)).filter(file => file.endsWith('.vue'))

describe('the deck\'s islands', () => {
  it('are every component that reacts to its reader or moves on its own, and no other', () => {
    const live = componentFiles
      .filter(file => LIVE_SIGNS.some(sign => sign.test(readFileSync(new URL(file, import.meta.url), 'utf8'))))
      .map(file => file.replace(/\.vue$/, ''))
      .sort()
    expect(live).toEqual(['DensityChart', 'Poll', 'StartupTimeline'])
    expect(Object.keys(ISLANDS).sort()).toEqual(live)
  })

  it('each name a component of the deck', () => {
    for (const name of Object.keys(ISLANDS))
      expect(componentFiles).toContain(`${name}.vue`)
    expect(isIsland('DensityChart')).toBe(true)
    expect(isIsland('Cite')).toBe(false)
    expect(isIsland('constructor')).toBe(false)
  })

  it('mark a drawn root with the name and the props, and read them back', () => {
    const marker = islandMarker('StartupTimeline', { view: 'all', clicks: 2, live: false })
    expect(marker[ISLAND_ATTRIBUTE]).toBe('StartupTimeline')
    expect(drawnProps(marker[ISLAND_PROPS_ATTRIBUTE])).toEqual({ view: 'all', clicks: 2, live: false })
    expect(drawnProps('[1]')).toBeUndefined()
    expect(drawnProps('{')).toBeUndefined()
    expect(drawnProps(null)).toBeUndefined()
  })

  it('refuse a prop that the page cannot carry', () => {
    expect(() => islandMarker('Poll', { id: 'a', onVote: () => {} })).toThrow(/onVote/)
    expect(() => islandMarker('Poll', { id: 'a', at: new Date(0) })).toThrow(/at/)
    expect(() => islandMarker('Poll', { id: 'a', options: ['x', 'y'] })).not.toThrow()
  })

  it('mount with the live props, at the page\'s click when they follow the clicks', () => {
    expect(liveProps('StartupTimeline', { view: 'all', clicks: 4, live: false }, 2)).toEqual({ view: 'all', clicks: 2, live: true })
    expect(liveProps('DensityChart', { clicks: 3, interactive: false }, 0)).toEqual({ clicks: 0, interactive: true })
    const poll = { id: 'lightweight-vms', question: 'Q?', options: ['a', 'b'] }
    expect(liveProps('Poll', poll, 5)).toEqual(poll)
    expect(followsClicks(poll)).toBe(false)
  })
})
