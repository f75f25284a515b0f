import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildReader, readerArgs } from './build'

const decks: string[] = []
afterAll(() => decks.forEach(deck => rmSync(deck, { recursive: true, force: true })))

/** A deck of its own in a temporary folder: slides.md and one page. */
function deck(page: string): string {
  const root = mkdtempSync(join(tmpdir(), 'reader-deck-'))
  decks.push(root)
  mkdirSync(join(root, 'pages'))
  writeFileSync(join(root, 'slides.md'), '---\ntitle: A small deck\nlayout: cover\n---\n\n# A small deck\n\n<!--\nHello.\n-->\n\n---\nsrc: ./pages/one.md\n---\n')
  writeFileSync(join(root, 'pages/one.md'), page)
  return root
}

describe('readerArgs', () => {
  it('reads --out and --without-notes, with dist/reader and notes by default', () => {
    expect(readerArgs([])).toEqual({ out: 'dist/reader', withNotes: true })
    expect(readerArgs(['--out', 'x', '--without-notes'])).toEqual({ out: 'x', withNotes: false })
    expect(readerArgs(['--help'])).toBe('help')
    expect(() => readerArgs(['--outt', 'x'])).toThrow()
  })
})

describe('npm run build:reader', () => {
  it('fails on an unknown component in a page, naming it, and writes nothing', () => {
    const root = deck('---\nclicks: 2\n---\n\n# Two\n\n<QuantumDiagram :clicks="$clicks" />\n')
    const result = spawnSync(resolve('node_modules/.bin/tsx'), [resolve('scripts/reader/build.ts')], { cwd: root, encoding: 'utf8' })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('slide 2 (pages/one.md): unknown component <QuantumDiagram>')
    expect(existsSync(join(root, 'dist'))).toBe(false)
  }, 60_000)

  it('writes a page with every slide, its notes, and its files under relative URLs', async () => {
    const root = deck('# One\n\n<v-clicks>\n\n- a\n- b\n\n</v-clicks>\n\n<!--\n[click] A.\n\n[click] B.\n-->\n')
    const { out, slides } = await buildReader({ out: 'site/reader', withNotes: true }, root)
    expect(slides).toBe(2)
    expect(out).toBe(join(root, 'site/reader'))
    const html = readFileSync(join(out, 'index.html'), 'utf8')
    expect([...html.matchAll(/<section id="slide-(\d+)"/g)].map(match => match[1])).toEqual(['1', '2'])
    expect(html).toContain('<span class="reader-step-label">Step 2</span> B.')
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(match => match[1]!)
    expect(urls.filter(url => url.startsWith('/') || /^https?:/.test(url))).toEqual([])
    expect(readdirSync(join(out, 'assets')).some(file => file.endsWith('.woff2'))).toBe(true)
    expect(existsSync(join(out, 'favicon.svg'))).toBe(true)
  }, 60_000)
})
