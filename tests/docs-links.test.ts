/** Every relative link in README.md and docs/ names a file that exists and a heading it has (scripts/docs/links.ts). */
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { brokenLinks } from '../scripts/docs/links'

const root = resolve(import.meta.dirname, '..')
const docs = join(root, 'docs')
const pages = [join(root, 'README.md'), ...(existsSync(docs) ? readdirSync(docs, { recursive: true, encoding: 'utf8' }).filter(name => name.endsWith('.md')).map(name => join(docs, name)) : [])]

describe('the documentation\'s links', () => {
  it.each(pages.map(page => [page.slice(root.length + 1), page]))('%s: every relative link and anchor holds', (_name, page) => {
    expect(brokenLinks(page, root)).toEqual([])
  })
})
