import type { RenderedSlide } from './render'
import { describe, expect, it } from 'vitest'
import { readerPage, textLength } from './page'

const slides: RenderedSlide[] = [1, 2].map(no => ({
  no,
  title: no === 1 ? 'Cover & <intro>' : 'Second',
  level: 1,
  layout: no === 1 ? 'cover' : 'default',
  clicks: 0,
  file: 'slides.md',
  html: `<h1>Slide ${no}</h1>`,
  notes: no === 1 ? '<p>Say hello.</p>' : '',
  css: '',
}))

const page = { title: 'Talk "title"', description: 'About', author: 'Us', slides, withNotes: true, script: '../x/client.ts', stylesheet: './slides.css' }

describe('readerPage', () => {
  it('has one section per slide in order, its layout, and its notes after it', () => {
    const html = readerPage(page)
    const sections = [...html.matchAll(/<section id="slide-(\d+)"[^>]*aria-label="([^"]*)"/g)].map(match => [match[1], match[2]])
    expect(sections).toEqual([['1', 'Slide 1 of 2: Cover &amp; &lt;intro&gt;'], ['2', 'Slide 2 of 2: Second']])
    expect(html).toContain('<div class="slidev-layout cover"><h1>Slide 1</h1></div>\n</section>\n</div>\n<aside class="reader-notes"')
    expect(html).toContain('<p>Say hello.</p>')
    expect(html.match(/class="reader-notes"/g)).toHaveLength(1)
    expect(html).toContain('<title>Talk &quot;title&quot; · reader edition</title>')
    expect(html).toContain('<a href="../">Open the slides</a>')
  })

  it('makes each slide\'s page box one step taller per click, for the slide to stay pinned through them', () => {
    const html = readerPage({ ...page, slides: slides.map(slide => ({ ...slide, clicks: slide.no === 2 ? 3 : 0 })) })
    expect(html).toContain('<div class="reader-page" style="--reader-clicks: 0">\n<section id="slide-1"')
    expect(html).toContain('<div class="reader-page" style="--reader-clicks: 3">\n<section id="slide-2"')
    expect(html.match(/<div class="reader-part">/g)).toHaveLength(2)
  })

  it('has a status line for the current slide, and a progress bar out of assistive technology\'s way', () => {
    const html = readerPage(page)
    expect(html).toContain('<div class="reader-status" role="status" aria-live="polite" aria-atomic="true"></div>')
    expect(html).toContain('<div class="reader-progress" aria-hidden="true">')
  })

  it('gives each note its length, from which reader.css sizes it until it is drawn', () => {
    expect(readerPage(page)).toContain('<aside class="reader-notes" aria-label="Speaker notes, slide 1" style="--reader-notes-chars: 10">')
  })

  it('leaves the notes out of a public build', () => {
    const html = readerPage({ ...page, withNotes: false })
    expect(html).not.toContain('Say hello')
    expect(html).not.toContain('reader-notes')
  })
})

describe('textLength', () => {
  it('counts the text, not the markup, with runs of white space as one', () => {
    expect(textLength('<p>Say <strong>hello</strong>.</p>\n\n<p>Then  go.</p>')).toBe(19)
  })
})
