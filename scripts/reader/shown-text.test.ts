// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { shownText } from './shown-text'

function slide(html: string): Element {
  const section = document.createElement('section')
  section.innerHTML = html
  return section
}

describe('shownText', () => {
  it('reads the slide as it stands: fragments once shown, not before', () => {
    const section = slide('<h1>Title</h1><ul><li class="fragment visible" data-fragment-index="1">One</li><li class="fragment" data-fragment-index="2">Two</li></ul>')
    expect(shownText(section)).toBe('Title One')
    section.querySelector('li:last-child')!.classList.add('visible')
    expect(shownText(section)).toBe('Title One Two')
  })

  it('leaves out what a click took away', () => {
    expect(shownText(slide('<p class="fragment fade-out">Before</p><p>Stays</p>'))).toBe('Before Stays')
    expect(shownText(slide('<p class="fragment fade-out visible">Before</p><p>Stays</p>'))).toBe('Stays')
  })

  it('announces a finished diagram once: its earlier steps are aria-hidden', () => {
    const steps = slide(`<div class="reader-steps">
      <div class="reader-step" aria-hidden="true"><svg><text>Hardware</text></svg></div>
      <div class="reader-step fragment visible" data-fragment-index="1" aria-hidden="true"><svg><text>Hardware</text><text>Kernel</text></svg></div>
      <div class="reader-step fragment visible" data-fragment-index="2"><svg><text>Hardware</text><text>Kernel</text><text>App</text></svg></div>
    </div>`)
    expect(shownText(steps)).toBe('Hardware Kernel App')
  })

  it('keeps words whole across inline elements, and apart across blocks', () => {
    expect(shownText(slide('<p>Virtual <strong>hardware</strong>.</p><p>Next</p>'))).toBe('Virtual hardware. Next')
  })

  it('skips styles and scripts', () => {
    expect(shownText(slide('<style>.a{}</style><p>Text</p>'))).toBe('Text')
  })
})
