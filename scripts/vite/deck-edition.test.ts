import { describe, expect, it } from 'vitest'
import { deckEdition } from './deck-edition'

describe('virtual:deck-edition', () => {
  it('is the edition the build passes in TALK_EDITION', () => {
    const edition = { version: '0.1.0', commit: '1a2b3c4', date: '2026-12-01', slot: 'short' }
    expect(deckEdition(process.cwd(), { TALK_EDITION: JSON.stringify(edition) })).toEqual(edition)
  })

  it('is the working tree\'s otherwise, for the slot DECK_SLOT names now', () => {
    expect(deckEdition(process.cwd(), {})).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), date: new Date().toISOString().slice(0, 10) })
    const before = process.env.DECK_SLOT
    process.env.DECK_SLOT = 'short'
    try {
      expect(deckEdition(process.cwd(), {}).slot).toBe('short')
    }
    finally {
      if (before === undefined)
        delete process.env.DECK_SLOT
      else
        process.env.DECK_SLOT = before
    }
  })
})
