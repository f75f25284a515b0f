import { describe, expect, it } from 'vitest'
import { unquoteMeta } from './meta-quotes'

describe('the page\'s meta tags', () => {
  it('lose the JSON quotes Slidev puts around description, author, keywords', () => {
    const html = [
      '<meta name="description" content="&quot;Chapter 9: a &quot;layer&quot; view&quot;">',
      '<meta name="author" content="&quot;Talk authors&quot;">',
      '<meta property="og:description" content="&quot;Chapter 9&quot;">',
      '<meta property="og:title" content="&quot;Kept&quot;">',
    ].join('\n')
    expect(unquoteMeta(html).split('\n')).toEqual([
      '<meta name="description" content="Chapter 9: a &quot;layer&quot; view">',
      '<meta name="author" content="Talk authors">',
      '<meta property="og:description" content="Chapter 9">',
      '<meta property="og:title" content="&quot;Kept&quot;">',
    ])
  })
})
