import { describe, expect, it } from 'vitest'
import { applySlot, dropsSlide, parseSlot, slotFilename, slotLabel } from './slot'

describe('parseSlot', () => {
  it('reads the slot, the full edition when none is named', () => {
    expect(parseSlot('short')).toBe('short')
    expect(parseSlot('full')).toBe('full')
    expect(parseSlot(undefined)).toBe('full')
    expect(parseSlot('')).toBe('full')
  })

  it('refuses a slot it does not know, naming the ones it does', () => {
    expect(() => parseSlot('tiny')).toThrow('Unknown slot "tiny": use one of full, short.')
  })
})

describe('dropsSlide', () => {
  it('drops the deep slides from the short edition only', () => {
    expect(dropsSlide({ depth: 'deep' }, 'short')).toBe(true)
    expect(dropsSlide({ depth: 'deep' }, 'full')).toBe(false)
    expect(dropsSlide({ level: 2 }, 'short')).toBe(false)
  })
})

describe('applySlot', () => {
  it('disables a deep slide for Slidev, in the short edition', () => {
    const deep: Record<string, unknown> = { level: 2, depth: 'deep' }
    applySlot(deep, 'short')
    expect(deep).toEqual({ level: 2, depth: 'deep', disabled: true })
    const kept: Record<string, unknown> = { level: 2, depth: 'deep' }
    applySlot(kept, 'full')
    expect(kept).toEqual({ level: 2, depth: 'deep' })
  })

  it('names the short edition\'s files in the headmatter, once', () => {
    const headmatter: Record<string, unknown> = { exportFilename: 'talk', download: 'talk.pdf' }
    applySlot(headmatter, 'short')
    applySlot(headmatter, 'short')
    expect(headmatter).toEqual({ exportFilename: 'talk-short', download: 'talk-short.pdf' })
    const full: Record<string, unknown> = { exportFilename: 'talk', download: 'talk.pdf' }
    applySlot(full, 'full')
    expect(full).toEqual({ exportFilename: 'talk', download: 'talk.pdf' })
  })
})

describe('slotFilename and slotLabel', () => {
  it('name the short edition apart, and leave the full one as it was', () => {
    expect(slotFilename('talk', 'short')).toBe('talk-short')
    expect(slotFilename('talk', 'full')).toBe('talk')
    expect(slotLabel('short')).toBe('short edition')
    expect(slotLabel('full')).toBeUndefined()
  })
})
