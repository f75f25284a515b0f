import { describe, expect, it } from 'vitest'
import { etagMatches, injectSyncMeta, normalizeBase, parseRange, sameOriginLocation } from './static'

describe('the base path', () => {
  it('is normalised to /path/, and refuses dot segments', () => {
    expect(['', '/', 'talk', '/talk', 'talk/', '//a/b//'].map(normalizeBase)).toEqual(['/', '/', '/talk/', '/talk/', '/talk/', '/a/b/'])
    expect(() => normalizeBase('/a/../b')).toThrow()
  })

  it('marks served pages as having a sync channel', () => {
    expect(injectSyncMeta('<head><title>x</title></head>')).toBe('<head><title>x</title><meta name="deck-sync" content="available">\n</head>')
  })
})

describe('requests', () => {
  it('redirect only to a path on this site', () => {
    expect(sameOriginLocation('/talk/reader/?x=1')).toBe('/talk/reader/?x=1')
    for (const bad of ['//evil.example/', '/\\evil.example/', 'https://evil.example/', 'evil.example', '/a\r\nSet-Cookie: x', '/a b', ''])
      expect(sameOriginLocation(bad), bad).toBeUndefined()
  })

  it('read If-None-Match as a list, weak or not, or *', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true)
    expect(etagMatches('"b", "a"', '"a"')).toBe(true)
    expect(etagMatches('W/"a"', '"a"')).toBe(true)
    expect(etagMatches(' * ', '"a"')).toBe(true)
    expect(etagMatches('"b", W/"c"', '"a"')).toBe(false)
    expect(etagMatches(undefined, '"a"')).toBe(false)
  })

  it('read a single byte range; several, or nonsense, mean the whole file', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 })
    expect(parseRange('bytes=3-', 10)).toEqual({ start: 3, end: 9 })
    expect(parseRange('bytes=-4', 10)).toEqual({ start: 6, end: 9 })
    expect(parseRange('bytes=-40', 10)).toEqual({ start: 0, end: 9 })
    expect(parseRange('bytes=5-400', 10)).toEqual({ start: 5, end: 9 })
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable')
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable')
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable')
    for (const ignored of [undefined, '', 'bytes=', 'bytes=-', 'bytes=4-2', 'bytes=0-1,3-4', 'items=0-1', 'bytes=a-b'])
      expect(parseRange(ignored, 10), ignored).toBeUndefined()
  })
})
