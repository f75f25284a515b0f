// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { isOnPaper, slideAnchor, slideNoOf, sourceAnchor, titleAnchor } from './paper-anchors'
import { citationHref, citingSlides, sourceIdOf } from './paper-links'
import { sources } from './sources'

const crun = sources.crun.url

afterEach(() => {
  document.documentElement.classList.remove('print')
  document.body.innerHTML = ''
})

describe('links on paper', () => {
  it('a citation links to its entry on the references slides on paper, to the source on screen', () => {
    expect(sourceIdOf(crun)).toBe('crun')
    expect(citationHref(crun, true)).toBe(`#${sourceAnchor('crun')}`)
    expect(citationHref(crun, false)).toBe(crun)
    expect(citationHref('https://example.org/not-cited', true)).toBe('https://example.org/not-cited')
    expect(slideAnchor(12)).toBe('slide-12')
  })

  it('names a slide by its title, in letters, digits and dashes', () => {
    expect(titleAnchor('Architecture, side by side')).toBe('slide-architecture-side-by-side')
    expect(titleAnchor('Next: Chapter 10 — What is Docker?')).toBe('slide-next-chapter-10-what-is-docker')
    expect(titleAnchor('How a VM boots: 14.6 s')).toBe('slide-how-a-vm-boots-14-6-s')
  })

  it('knows paper by the print class Slidev\'s print page and the handout set', () => {
    expect(isOnPaper()).toBe(false)
    document.documentElement.classList.add('print')
    expect(isOnPaper()).toBe(true)
  })

  it('finds the slide an element is drawn in, on the print page and in the handout', () => {
    document.body.innerHTML = `
      <div class="print-slide-container" id="012-03"><a id="a"></a></div>
      <article data-handout-no="7"><div class="print-slide-container" id="007-1000000"><a id="b"></a></div></article>
      <p id="c"></p>`
    expect(slideNoOf(document.getElementById('a')!)).toBe(12)
    expect(slideNoOf(document.getElementById('b')!)).toBe(7)
    expect(slideNoOf(document.getElementById('c')!)).toBeUndefined()
  })

  it('lists the slides citing each source, each once, in order, from every step of a slide', () => {
    document.body.innerHTML = `
      <div class="print-slide-container" id="020-01"><a data-source-url="${crun}"></a></div>
      <div class="print-slide-container" id="009-01"><a data-source-url="${crun}"></a></div>
      <div class="print-slide-container" id="009-02"><a data-source-url="${crun}"></a><a data-source-url="https://example.org/x"></a></div>
      <a data-source-url="${crun}"></a>`
    expect(citingSlides(document)).toEqual(new Map([['crun', [9, 20]]]))
  })
})
