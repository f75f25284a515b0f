import { describe, expect, it } from 'vitest'
import { partByNo, partOfSlide, parts } from './parts'

describe('parts', () => {
  it('numbers the five parts in order, each with a title and a short name', () => {
    expect(parts.map(part => part.no)).toEqual([1, 2, 3, 4, 5])
    for (const part of parts) {
      expect(part.title.length).toBeGreaterThan(part.short.length)
      expect(part.short.length).toBeLessThanOrEqual(16)
    }
  })

  it('reads a part from frontmatter as a number or a numeric string, and nothing else', () => {
    expect(partByNo(2)?.short).toBe('Layer by layer')
    expect(partByNo('3')?.short).toBe('What follows')
    expect(partByNo('3a')).toBeUndefined()
    expect(partByNo(9)).toBeUndefined()
    expect(partByNo(undefined)).toBeUndefined()
  })

  it('finds the part of a slide from the last divider at or before it', () => {
    const fields = [undefined, undefined, 1, undefined, 2, undefined, undefined]
    expect(partOfSlide(fields, 1)).toBeUndefined()
    expect(partOfSlide(fields, 3)?.no).toBe(1)
    expect(partOfSlide(fields, 4)?.no).toBe(1)
    expect(partOfSlide(fields, 5)?.no).toBe(2)
    expect(partOfSlide(fields, 7)?.no).toBe(2)
    expect(partOfSlide(fields, 99)?.no).toBe(2)
  })
})
