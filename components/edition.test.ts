import { describe, expect, it } from 'vitest'
import { editionLabel, parseEdition } from './edition'

describe('editionLabel', () => {
  it('names the version, the commit and the day', () => {
    expect(editionLabel({ version: '0.1.0', commit: '1a2b3c4', date: '2026-12-01' })).toBe('Edition 0.1.0 · 1a2b3c4 · 2026-12-01')
  })

  it('says so for the short edition', () => {
    expect(editionLabel({ version: '0.1.0', commit: '1a2b3c4', date: '2026-12-01', slot: 'short' })).toBe('Edition 0.1.0 · short edition · 1a2b3c4 · 2026-12-01')
  })
})

describe('parseEdition', () => {
  it('reads back what the build wrote', () => {
    const edition = { version: '0.1.0', commit: '1a2b3c4+', date: '2026-12-01' }
    expect(parseEdition(JSON.parse(JSON.stringify(edition)))).toEqual(edition)
  })

  it('reads back the short edition\'s slot, and refuses a slot it does not know', () => {
    const edition = { version: '0.1.0', commit: '1a2b3c4', date: '2026-12-01', slot: 'short' as const }
    expect(parseEdition(JSON.parse(JSON.stringify(edition)))).toEqual(edition)
    expect(parseEdition({ ...edition, slot: 'full' })).toEqual({ version: '0.1.0', commit: '1a2b3c4', date: '2026-12-01' })
    expect(() => parseEdition({ ...edition, slot: 'tiny' })).toThrow('Unknown slot')
  })

  it('names what is missing or malformed', () => {
    expect(() => parseEdition({ version: '0.1.0' })).toThrow('commit, date missing')
    expect(() => parseEdition(null)).toThrow('version, commit, date missing')
    expect(() => parseEdition({ version: '1', commit: 'abc', date: '1 Dec' })).toThrow('not YYYY-MM-DD')
  })
})
