import type { DeckSlide } from '../lib/deck'
import { describe, expect, it } from 'vitest'
import { loadDeck } from '../lib/deck'
import { components, renderSlide, renderSlides, unnestSections } from './render'

function slide(content: string, extra: Partial<DeckSlide> = {}): DeckSlide {
  return { no: 3, title: 'A slide', note: '', content, clicks: 0, file: 'pages/test.md', contentLine: 1, level: 1, frontmatter: {}, ...extra }
}

/** The click numbers a slide's fragments appear at. */
function fragmentIndices(html: string): number[] {
  const indices = [...html.matchAll(/<[^>]*\bclass="[^"]*\bfragment\b[^"]*"[^>]*>/g)]
    .map(tag => /data-fragment-index="(\d+)"/.exec(tag[0])?.[1])
  return [...new Set(indices.map(Number))].sort((a, b) => a - b)
}

describe('renderSlides on the deck', async () => {
  const deck = await loadDeck()
  const { slides, css } = await renderSlides(deck.slides)

  it('renders every slide, in order, with its title', () => {
    expect(slides.map(rendered => rendered.title)).toEqual(deck.slides.map(source => source.title))
    for (const rendered of slides)
      expect(rendered.html).toContain(`>${rendered.title.replace(/’/g, '’')}</h1>`)
  })

  it('leaves no component or Slidev syntax as raw markup', () => {
    for (const rendered of slides) {
      expect(rendered.html, `slide ${rendered.no}`).not.toMatch(/<\/?[A-Z][\w-]*[\s/>]|<v-clicks|\sv-click|\$clicks|\{\{/)
      expect(rendered.html, `slide ${rendered.no}`).not.toMatch(/<section[\s>]/)
    }
  })

  it('gives each slide one fragment step per click, numbered 1 to its clicks', () => {
    for (const rendered of slides)
      expect(fragmentIndices(rendered.html), `slide ${rendered.no}`).toEqual(Array.from({ length: rendered.clicks }, (_, index) => index + 1))
  })

  it('draws a diagram once per click step with its own component', () => {
    const architecture = slides.find(rendered => rendered.title === 'Architecture, side by side')!
    const steps = [...architecture.html.matchAll(/class="reader-step[^"]*" data-step="(\d+)"/g)].map(match => Number(match[1]))
    expect(steps).toEqual([0, 1, 2, 3, 4, 5, 6])
    const stepHtml = architecture.html.split(/<div class="reader-step(?:"| fragment")/).slice(1)
    // Before the first click every layer is hidden; after the last none is.
    expect(stepHtml[0]).toMatch(/layer-stack__layer[^"]*is-hidden|is-hidden[^"]*layer-stack__layer/)
    expect(stepHtml.at(-1)).not.toContain('is-hidden')
    expect(stepHtml.at(-1)).toContain('VMs duplicate kernels')
  })

  it('puts the speaker notes beside each slide, click markers as step labels', () => {
    const architecture = slides.find(rendered => rendered.title === 'Architecture, side by side')!
    expect(architecture.notes).toContain('<span class="reader-step-label">Step 6</span> The key observation')
    expect(architecture.notes).not.toContain('[click]')
    expect(slides.filter(rendered => rendered.notes === '')).toEqual([])
  })

  it('scopes a page\'s own styles to its slide, and carries the components\' and icons\' CSS', () => {
    const worlds = slides.find(rendered => rendered.html.includes('class="worlds"'))!
    expect(worlds.css).toMatch(new RegExp(`\\.worlds\\[data-v-reader-slide-${worlds.no}\\]`))
    expect(worlds.html).toContain(`data-v-reader-slide-${worlds.no}`)
    for (const [name, component] of Object.entries(components)) {
      if (component.__scopeId)
        expect(css, name).toContain(`[${component.__scopeId}]`)
    }
    expect(css).toMatch(/\.i-carbon-checkmark-filled\{|\.i-carbon-checkmark-filled \{/)
  })
})

describe('renderSlide', () => {
  it('turns v-click, v-click="N", v-click="+N", v-click.hide, v-after and v-clicks into fragments at Slidev\'s clicks', async () => {
    const { html } = await renderSlide(slide([
      '# Clicks',
      '',
      '<p v-click>one</p>',
      '<p v-after>with one</p>',
      '<p v-click="4">four</p>',
      '<p v-click>two</p>',
      '<p v-click="\'+3\'">five</p>',
      '<p v-click.hide>hidden at six</p>',
      '',
      '<v-clicks>',
      '',
      '- seven',
      '- eight',
      '',
      '</v-clicks>',
    ].join('\n'), { clicks: 8 }))
    expect(html).toMatch(/<p class="fragment"[^>]*data-fragment-index="1"[^>]*>one<\/p>/)
    expect(html).toMatch(/<p class="fragment"[^>]*data-fragment-index="1"[^>]*>with one<\/p>/)
    expect(html).toMatch(/<p class="fragment"[^>]*data-fragment-index="4"[^>]*>four<\/p>/)
    expect(html).toMatch(/<p class="fragment"[^>]*data-fragment-index="2"[^>]*>two<\/p>/)
    expect(html).toMatch(/<p class="fragment"[^>]*data-fragment-index="5"[^>]*>five<\/p>/)
    expect(html).toMatch(/<p class="fragment fade-out"[^>]*data-fragment-index="6"[^>]*>hidden at six<\/p>/)
    expect(html).toMatch(/<li class="fragment" data-fragment-index="7">seven<\/li><li class="fragment" data-fragment-index="8">eight<\/li>/)
  })

  it('fails on an unknown component, naming it and the slide', async () => {
    await expect(renderSlide(slide('# X\n\n<NoSuchDiagram :clicks="$clicks" />', { clicks: 2 })))
      .rejects
      .toThrow(/slide 3 \(pages\/test\.md\): unknown component <NoSuchDiagram>/)
    await expect(renderSlide(slide('# X\n\n<Arrow x1="1" />'))).rejects.toThrow(/unknown component <Arrow>/)
  })

  it('fails on an unknown directive, a layout it does not draw, or a Slidev global it does not provide', async () => {
    await expect(renderSlide(slide('# X\n\n<p v-motion>moving</p>'))).rejects.toThrow(/unknown directive v-motion/)
    await expect(renderSlide(slide('# X', { layout: 'two-cols' }))).rejects.toThrow(/unknown layout "two-cols"/)
    await expect(renderSlide(slide('# X\n\n<p>{{ $slidev.nav.currentPage }}</p>'))).rejects.toThrow(/slide 3.*\$slidev/)
  })

  it('renders a layout and a slide without Slidev syntax as plain HTML', async () => {
    const rendered = await renderSlide(slide('# Plain\n\nA [link](https://example.org).', { layout: 'center' }))
    expect(rendered.layout).toBe('center')
    expect(rendered.html).toContain('<a href="https://example.org" rel="noopener"')
  })
})

describe('unnestSections', () => {
  it('turns a component\'s sections into divs, keeping a named one a region', () => {
    expect(unnestSections('<section class="a"><p>x</p></section><section aria-label="B">y</section>'))
      .toBe('<div class="a"><p>x</p></div><div role="region" aria-label="B">y</div>')
  })
})

describe('the slide\'s frontmatter', () => {
  it('reaches the template as $frontmatter, as in Slidev', async () => {
    const rendered = await renderSlide(slide('# Hello\n\n<p class="who">{{ $frontmatter.speaker }}</p>\n', { frontmatter: { speaker: 'Ada' } }))
    expect(rendered.html).toMatch(/<p class="who"[^>]*>Ada<\/p>/)
  })
})
