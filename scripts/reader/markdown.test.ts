import { describe, expect, it } from 'vitest'
import { notesMarkup, slideMarkup } from './markdown'

describe('slideMarkup', () => {
  it('renders the markdown with its HTML and components as written, and takes the styles out', () => {
    const { html, styles } = slideMarkup('# Title\n\n<p class="lead">Hi</p>\n\n<Cite :ids="[\'a\']" />\n\n<style>\n.lead { color: red; }\n</style>\n')
    expect(html).toBe('<h1>Title</h1>\n<p class="lead">Hi</p>\n<Cite :ids="[\'a\']" />')
    expect(styles).toEqual(['.lead { color: red; }'])
  })

  it('sets type as Slidev does: an apostrophe in a word becomes ’, quotes stay straight', () => {
    expect(slideMarkup('- the host\'s "own" kernel').html).toBe('<ul>\n<li>the host’s &quot;own&quot; kernel</li>\n</ul>')
  })
})

describe('notesMarkup', () => {
  it('labels each [click] paragraph with its step, and [click:N] with N', () => {
    const html = notesMarkup('Intro.\n\n[click] First.\n\n[click] Second *one*.\n\n[click:5] Fifth.\n\nAfter.')
    expect(html).toBe([
      '<p>Intro.</p>',
      '<p><span class="reader-step-label">Step 1</span> First.</p>',
      '<p><span class="reader-step-label">Step 2</span> Second <em>one</em>.</p>',
      '<p><span class="reader-step-label">Step 5</span> Fifth.</p>',
      '<p>After.</p>',
    ].join('\n'))
  })

  it('links sources, safely', () => {
    expect(notesMarkup('See https://example.org/a.')).toContain('<a href="https://example.org/a" rel="noopener">')
  })

  it('leaves apostrophes as written, as Slidev\'s notes do', () => {
    expect(notesMarkup('The host\'s kernel.')).toBe('<p>The host\'s kernel.</p>')
  })

  it('is empty for a slide without notes', () => {
    expect(notesMarkup('')).toBe('')
  })
})
