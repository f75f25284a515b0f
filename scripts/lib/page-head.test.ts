import { describe, expect, it } from 'vitest'
import { escapeHtml, pageHead } from './page-head'

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;')
  })
})

describe('pageHead', () => {
  const head = { titleHtml: 'Talk &amp; more', description: 'A "talk"', author: 'A & B', icon: './favicon.svg', script: './main.ts', stylesheet: './slides.css' }

  it('has the charset first, the title as given, and the description and author escaped', () => {
    const html = pageHead(head)
    expect(html.startsWith('<meta charset="utf-8">\n')).toBe(true)
    expect(html).toContain('<title>Talk &amp; more</title>')
    expect(html).toContain('<meta name="description" content="A &quot;talk&quot;">')
    expect(html).toContain('<meta name="author" content="A &amp; B">')
    expect(html).toContain('<meta name="color-scheme" content="light dark">')
  })

  it('names the icon, the stylesheet and the module script', () => {
    const html = pageHead(head)
    expect(html).toContain('<link rel="icon" href="./favicon.svg" type="image/svg+xml">')
    expect(html).toContain('<link rel="stylesheet" href="./slides.css">')
    expect(html).toContain('<script type="module" src="./main.ts"></script>')
  })

  it('covers the notch only when asked', () => {
    expect(pageHead(head)).toContain('content="width=device-width, initial-scale=1">')
    expect(pageHead({ ...head, coverViewport: true })).toContain('content="width=device-width, initial-scale=1, viewport-fit=cover">')
  })
})
