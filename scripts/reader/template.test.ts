import { describe, expect, it } from 'vitest'
import { readerTemplate } from './template'

describe('readerTemplate', () => {
  it('wraps a component bound to $clicks in steps, one per click, and takes it out of its paragraph', () => {
    const { template, steppedDiagrams } = readerTemplate('<h1>T</h1>\n<p><Compare\n  :clicks="$clicks"\n  :vm="[\'a\']"\n/></p>', 3)
    expect(steppedDiagrams).toBe(1)
    expect(template).toBe('<h1>T</h1>\n<ReaderSteps :count="3" v-slot="{ step }"><Compare\n  :clicks="step"\n  :vm="[\'a\']"\n/></ReaderSteps>')
  })

  it('steps every expression of the bound component, and each diagram of a slide', () => {
    const { template, steppedDiagrams } = readerTemplate('<A :clicks="$clicks" :wide="$clicks > 2" />\n<B :clicks="$clicks" />', 4)
    expect(steppedDiagrams).toBe(2)
    expect(template).toContain('<A :clicks="step" :wide="step > 2" />')
    expect(template).toContain('<ReaderSteps :count="4" v-slot="{ step }"><B :clicks="step" /></ReaderSteps>')
  })

  it('leaves other markup alone: plain paragraphs, unbound components, a component among text', () => {
    const source = '<p>Text <strong>bold</strong></p>\n<Cite :ids="[\'x\']" />\n<p>See <Cite :ids="[\'y\']" /> here</p>'
    expect(readerTemplate(source, 2)).toEqual({ template: source, steppedDiagrams: 0 })
  })

  it('takes a lone component out of its paragraph even without clicks', () => {
    expect(readerTemplate('<p><FigureTable set="overhead" /></p>', 0).template).toBe('<FigureTable set="overhead" />')
  })
})
