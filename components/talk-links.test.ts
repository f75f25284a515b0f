import { describe, expect, it } from 'vitest'
import { handoutFile, publicRoot, talkLinks } from './talk-links'

describe('publicRoot', () => {
  it('is null when no address is set', () => {
    expect(publicRoot('')).toBeNull()
    expect(publicRoot(undefined)).toBeNull()
  })
  it('gives an http(s) address as a folder, ending in /', () => {
    expect(publicRoot('https://talks.example.org/containers')).toBe('https://talks.example.org/containers/')
    expect(publicRoot(' http://localhost:4327/talk/ ')).toBe('http://localhost:4327/talk/')
  })
  it('refuses anything a QR code should not point at, naming the value', () => {
    expect(() => publicRoot('talks.example.org')).toThrow(/"talks.example.org" is not an absolute URL/)
    expect(() => publicRoot('javascript:alert(1)')).toThrow(/must be an http or https address/)
    expect(() => publicRoot('https://user:pw@example.org/')).toThrow(/credentials/)
    expect(() => publicRoot('https://example.org/?a=1')).toThrow(/query/)
  })
})

describe('talkLinks', () => {
  it('puts the reader edition and the handout under the public address', () => {
    expect(talkLinks('https://talks.example.org/c/', '/talk/', 'deck').map(link => link.href))
      .toEqual(['https://talks.example.org/c/reader/', 'https://talks.example.org/c/deck-handout.pdf'])
  })
  it('falls back to the deck\'s base path without one', () => {
    expect(talkLinks(null, '/talk', 'deck').map(link => link.href)).toEqual(['/talk/reader/', `/talk/${handoutFile('deck')}`])
  })
})
