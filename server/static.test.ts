import { describe, expect, it } from 'vitest'
import { injectSyncMeta, normalizeBase } from './static'

describe('the base path', () => {
  it('is normalised to /path/, and refuses dot segments', () => {
    expect(['', '/', 'talk', '/talk', 'talk/', '//a/b//'].map(normalizeBase)).toEqual(['/', '/', '/talk/', '/talk/', '/talk/', '/a/b/'])
    expect(() => normalizeBase('/a/../b')).toThrow()
  })

  it('marks served pages as having a sync channel', () => {
    expect(injectSyncMeta('<head><title>x</title></head>')).toBe('<head><title>x</title><meta name="deck-sync" content="available">\n</head>')
  })
})
