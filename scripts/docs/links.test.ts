import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { anchors, brokenLinks, relativeLinks, slug } from './links'

describe('the anchors, as GitHub makes them', () => {
  it('are the heading\'s text, lower-cased, without punctuation, spaces as hyphens', () => {
    expect(slug('The phone remote: drive the talk from the phone in your hand')).toBe('the-phone-remote-drive-the-talk-from-the-phone-in-your-hand')
    expect(slug('Audience polls: the talk\'s question, before and after')).toBe('audience-polls-the-talks-question-before-and-after')
    expect(slug('The sync server\'s load')).toBe('the-sync-servers-load')
    expect(slug('Under a base path, offline, without notes')).toBe('under-a-base-path-offline-without-notes')
    expect(slug('`npm run serve` and **Redis**')).toBe('npm-run-serve-and-redis')
    expect(slug('snake_case stays – dashes go')).toBe('snake_case-stays--dashes-go')
  })

  it('number a repeated heading, and ignore headings in code blocks', () => {
    expect([...anchors('# A\n## A\n```\n# B\n```\n### A\n')]).toEqual(['a', 'a-1', 'a-2'])
  })
})

describe('the links', () => {
  it('are the relative ones, outside code', () => {
    expect(relativeLinks('[a](docs/x.md) [b](https://example.com) `[c](no.md)` ![d](img/e.png "title") [f](#here)\n```\n[g](no.md)\n```').map(link => link.target)).toEqual(['docs/x.md', 'img/e.png', '#here'])
  })

  it('include reference definitions and HTML src and href, but not other hosts', () => {
    const markdown = '[guide][g] and <img src="docs/images/a.png" width="200"> <a href="docs/b.md#c">b</a>\n\n[g]: docs/guide.md\n[w]: https://example.com\n<img src="//cdn.example.com/x.png">'
    expect(relativeLinks(markdown)).toEqual([
      { line: 1, target: 'docs/images/a.png' },
      { line: 1, target: 'docs/b.md#c' },
      { line: 3, target: 'docs/guide.md' },
    ])
  })

  it('are reported when a file or a heading is missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'docs-links-'))
    mkdirSync(join(root, 'docs'))
    writeFileSync(join(root, 'docs', 'hosting.md'), '# Hosting\n\n## Behind a proxy\n')
    writeFileSync(join(root, 'README.md'), '# Talk\n\n[ok](docs/hosting.md#behind-a-proxy) [here](#talk)\n[gone](docs/nothing.md)\n[no heading](docs/hosting.md#in-a-container) [self](#nowhere)\n')
    expect(brokenLinks(join(root, 'README.md'), root)).toEqual([
      'README.md:4: docs/nothing.md: no file docs/nothing.md',
      'README.md:5: docs/hosting.md#in-a-container: no heading in docs/hosting.md makes #in-a-container',
      'README.md:5: #nowhere: no heading in README.md makes #nowhere',
    ])
  })
})
