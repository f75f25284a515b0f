import { describe, expect, it } from 'vitest'
import { allFigures } from './figures'
import { SPECTRUM_CLICKS, spectrumCaptions, spectrumRungs } from './isolation-spectrum'
import { isSourceId } from './sources'
import { captionProblems } from './step-captions'

describe('isolation spectrum', () => {
  it('climbs from the default container to a full VM, one rung per click', () => {
    expect(spectrumRungs.map(rung => rung.label)).toEqual(['Default container', 'Hardened container', 'User-space kernel', 'MicroVM per pod', 'Full VM'])
    expect(spectrumRungs.map(rung => rung.step)).toEqual([1, 2, 3, 4, 5])
    expect(SPECTRUM_CLICKS).toBe(5)
  })

  it('says what each rung costs and who runs it, sourced', () => {
    for (const rung of spectrumRungs) {
      expect(rung.cost.trim()).not.toBe('')
      expect(rung.usedBy.trim()).not.toBe('')
      expect(rung.sources.length).toBeGreaterThan(0)
      expect(rung.sources.filter(source => !isSourceId(source))).toEqual([])
    }
  })
})

describe('isolation spectrum figures', () => {
  it('writes each figure in the rung\'s cost, as the overhead table has it from the same source', () => {
    const figures = spectrumRungs.flatMap(rung => (rung.figures ?? []).map(figure => ({ ...figure, rung })))
    expect(figures.length).toBeGreaterThan(0)
    for (const { said, source, rung } of figures) {
      expect(rung.cost).toContain(said)
      expect(rung.sources).toContain(source)
      expect(allFigures().filter(figure => figure.source === source).map(figure => figure.value)).toContain(said)
    }
  })
})

describe('isolation spectrum step captions', () => {
  it('say what each click adds, one short sentence a click', () => {
    expect(captionProblems(spectrumCaptions, SPECTRUM_CLICKS)).toEqual([])
    expect(spectrumCaptions.filter(caption => caption.length >= 90)).toEqual([])
  })
})
