import process from 'node:process'
import { renderSVG } from 'uqr'
import links from 'virtual:talk-links'
import { describe, expect, it } from 'vitest'
import { talkLinksModule } from './talk-links'

describe('virtual:talk-links', () => {
  it('draws a QR code of each link\'s absolute address when the deck has one', () => {
    const module = talkLinksModule('https://talks.example.org/containers', 'containers-vs-vms')
    expect(module.publicUrl).toBe('https://talks.example.org/containers/')
    expect(Object.keys(module.qr)).toEqual(['reader', 'handout'])
    expect(module.qr.reader).toBe(renderSVG('https://talks.example.org/containers/reader/', { border: 2 }))
    expect(module.qr.handout).toBe(renderSVG('https://talks.example.org/containers/containers-vs-vms-handout.pdf', { border: 2 }))
    expect(module.qr.reader).toMatch(/^<svg [^>]*viewBox=/)
  })

  it('draws none without an address', () => {
    expect(talkLinksModule('', 'deck')).toEqual({ publicUrl: null, exportFilename: 'deck', qr: {} })
  })

  it('fails on a malformed address rather than draw a wrong code', () => {
    expect(() => talkLinksModule('ftp://example.org/', 'deck')).toThrow(/http or https/)
  })

  it.skipIf(!!process.env.DECK_PUBLIC_URL)('is what the plugin serves for this deck: its export name, and no codes while its headmatter leaves publicUrl empty', () => {
    expect(links).toEqual({ publicUrl: null, exportFilename: 'containers-vs-vms', qr: {} })
  })
})
