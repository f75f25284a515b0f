import type { RenderedSlide } from '../reader/render'
import { describe, expect, it } from 'vitest'
import { audiencePage, audienceShell, checkFirstScriptAlone, PRELOADED_FACES, scriptJson, slideArticle, SLOT, withFontPreloads, withHostedPreload } from './page'

const slide: RenderedSlide = { no: 2, title: 'Kernels & <guests>', level: 1, layout: 'default', clicks: 1, file: 'pages/x.md', html: '<h1>Kernels</h1>', notes: '<p>notes</p>', css: '' }
const deck = { title: 'Talk', base: '/talk/', slides: [{ no: 1, title: 'One', clicks: 0 }, { no: 2, title: slide.title, clicks: 1 }, { no: 3, title: 'Three', clicks: 0 }] }

describe('the audience page', () => {
  const shell = audienceShell({ description: 'A "talk"', author: 'A', base: '/talk/', script: './main.ts', stylesheet: './slides.css' })

  it('has a slot for each part the build fills in', () => {
    for (const slot of Object.values(SLOT))
      expect(shell).toContain(slot)
    expect(shell).toContain('<meta name="description" content="A &quot;talk&quot;">')
    expect(shell).toContain('<html lang="en" class="audience-page">')
  })

  it('puts the slide, its title, crawlable links to its neighbours and the deck\'s data in the page, and no notes', () => {
    const page = audiencePage(shell, slide, deck)
    expect(page).toContain('<title>Kernels &amp; &lt;guests&gt; · Talk</title>')
    expect(page).toContain('aria-label="Slide 2 of 3: Kernels &amp; &lt;guests&gt;"')
    expect(page).toContain('<a class="audience__step audience__step--prev" rel="prev" href="/talk/1"')
    expect(page).toContain('rel="next" href="/talk/3"')
    expect(page).not.toContain('notes')
    const data = /<script type="application\/json" id="audience-deck">(.*)<\/script>/.exec(page)![1]!
    expect(JSON.parse(data)).toEqual(deck)
    expect(data).not.toContain('<')
  })

  it('keeps the deck\'s data from closing its script element', () => {
    expect(scriptJson({ title: '</script><script>alert(1)</script>' })).not.toMatch(/<|>/)
    expect(JSON.parse(scriptJson({ title: '</script>&' }))).toEqual({ title: '</script>&' })
  })

  it('fails when the shell lost a slot', () => {
    expect(() => audiencePage('<html></html>', slide, deck)).toThrow(/no <!--audience-/)
  })

  it('marks the slide with its number and clicks for the page\'s script', () => {
    expect(slideArticle(slide, 3)).toMatch(/^<article class="audience-slide" data-slide="2" data-clicks="1"/)
  })

  it('preloads the faces every page draws, before the stylesheet, and not the others', () => {
    const built = '<head>\n<script type="module" crossorigin src="/talk/audience/assets/index-a.js"></script>\n<link rel="stylesheet" crossorigin href="/talk/audience/assets/index-b.css">\n</head>'
    const assets = ['index-a.js', 'index-b.css', 'inter-400-DlcQKydw.woff2', 'inter-400-italic-CQUiiRE7.woff2', 'inter-600-BA_ROvNN.woff2', 'inter-700-Ck-N_iKC.woff2', 'fira-code-400-B1C2tnm2.woff2']
    const head = withFontPreloads(built, '/talk/audience/assets/', assets)
    const preloads = [...head.matchAll(/<link rel="preload" href="([^"]+)" as="font" type="font\/woff2" crossorigin>/g)].map(match => match[1])
    expect(preloads).toEqual(['/talk/audience/assets/inter-400-DlcQKydw.woff2', '/talk/audience/assets/inter-600-BA_ROvNN.woff2', '/talk/audience/assets/inter-700-Ck-N_iKC.woff2'])
    expect(preloads).toHaveLength(PRELOADED_FACES.length)
    expect(head.indexOf('rel="preload"')).toBeLessThan(head.indexOf('rel="stylesheet"'))
  })

  it('preloads the hosted parts\' chunk before the stylesheet, and fails unless it is built once', () => {
    const built = '<head>\n<script type="module" crossorigin src="/talk/audience/assets/index-a.js"></script>\n<link rel="stylesheet" crossorigin href="/talk/audience/assets/index-b.css">\n</head>'
    const head = withHostedPreload(built, '/talk/audience/assets/', ['index-a.js', 'hosted-BNz5f_2c.js', 'hosted-BNz5f_2c.css', 'StepCaptions-DM0-G8vr.js'])
    expect(head).toContain('<link rel="modulepreload" crossorigin href="/talk/audience/assets/hosted-BNz5f_2c.js">\n<link rel="stylesheet"')
    expect(() => withHostedPreload(built, '/', ['index-a.js'])).toThrow(/0 files of it/)
    expect(() => withHostedPreload('<head></head>', '/', ['hosted-BNz5f_2c.js'])).toThrow(/no stylesheet/)
  })

  it('fails when the first script imports another chunk, which it would wait for', () => {
    const alone = '<head>\n<script type="module" crossorigin src="/talk/audience/assets/index-a.js"></script>\n<link rel="stylesheet" crossorigin href="/talk/audience/assets/index-b.css">\n</head>'
    expect(() => checkFirstScriptAlone(alone)).not.toThrow()
    const importing = alone.replace('</script>', '</script>\n<link rel="modulepreload" crossorigin href="/talk/audience/assets/hosted-c.js">')
    expect(() => checkFirstScriptAlone(importing)).toThrow(/imports \/talk\/audience\/assets\/hosted-c\.js/)
  })

  it('fails when a preloaded face was not built, or the shell has no stylesheet', () => {
    expect(() => withFontPreloads('<link rel="stylesheet" href="a.css">', '/', ['inter-400-DlcQKydw.woff2'])).toThrow(/inter-600, and its assets have 0 files/)
    expect(() => withFontPreloads('<head></head>', '/', ['inter-400-DlcQKydw.woff2', 'inter-600-BA_ROvNN.woff2', 'inter-700-CksNJiKC.woff2'])).toThrow(/no stylesheet/)
  })
})
