import { describe, expect, it } from 'vitest'
import { sources } from '../../components/sources'
import { cssString, handoutFooterCss, PAGE, slideScale, sourcesLinked } from './handout-page'

describe('the handout', () => {
  it('lists each linked source once, in the order the slide shows them, and ignores other links', () => {
    const listed = sourcesLinked([sources.crun.url, 'https://example.org/', sources.lightvm.url, sources.crun.url])
    expect(listed.map(source => source.id)).toEqual(['crun', 'lightvm'])
    expect(listed[0]!.title).toBe(sources.crun.title)
  })

  it('fits a slide across the printable width of an A4 page', () => {
    const printableMm = PAGE.widthMm - 2 * PAGE.marginMm
    expect(980 * slideScale(980) / (96 / 25.4)).toBeCloseTo(printableMm)
    expect(slideScale(1960)).toBeCloseTo(slideScale(980) / 2)
  })
})

describe('the handout\'s footer', () => {
  it('prints the edition and the page number in the page\'s margin', () => {
    const css = handoutFooterCss('Edition 0.1.0 · abc1234 · 2026-12-01')
    expect(css).toContain('@bottom-left { content: "Edition 0.1.0 · abc1234 · 2026-12-01";')
    expect(css).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);')
  })

  it('keeps any text a single CSS string', () => {
    expect(cssString('a "quoted" \\ line\nbreak')).toBe('"a \\"quoted\\" \\\\ line break"')
  })
})
