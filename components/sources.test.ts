import { describe, expect, it } from 'vitest'
import { getSource, isSourceId, sourceIds, sources, sourcesInGroups } from './sources'

describe('sources', () => {
  it('are https links with a title and a short label', () => {
    const bad = sourceIds.filter((id) => {
      const source = sources[id]
      return !source.url.startsWith('https://') || !source.title || !source.short
    })
    expect(bad).toEqual([])
  })

  it('each carry the words their figure or claim comes from, not their title again', () => {
    const bad = sourceIds.filter((id) => {
      const { quote, title }: { quote: string, title: string } = sources[id]
      return quote.trim().length < 20 || quote === title
    })
    expect(bad).toEqual([])
  })

  it('have distinct URLs', () => {
    const urls = sourceIds.map(id => sources[id].url)
    expect(new Set(urls).size).toBe(urls.length)
  })

  it('are found by id, and an unknown id is an error naming the file to fix', () => {
    expect(isSourceId('crun')).toBe(true)
    expect(isSourceId('toString')).toBe(false)
    expect(getSource('crun').short).toBe('containers/crun README')
    expect(() => getSource('nope')).toThrow(/components\/sources.ts/)
  })

  it('group into the reference slides without losing any', () => {
    const grouped = sourcesInGroups(['chapter', 'startup', 'overhead', 'isolation', 'kernel', 'reality', 'defence', 'boundary', 'cpu', 'host', 'practice'])
    expect(grouped.map(source => source.id).sort()).toEqual([...sourceIds].sort())
  })
})
