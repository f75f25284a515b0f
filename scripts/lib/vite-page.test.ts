import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildVitePage } from './vite-page'

const dir = mkdtempSync(join(tmpdir(), 'vite-page-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('buildVitePage', () => {
  it('bundles the page\'s script and stylesheet under the base, into an emptied folder, and leaves no scratch folder', async () => {
    const script = join(dir, 'main.ts')
    writeFileSync(script, 'document.body.dataset.built = String(1 + 1)\n')
    const out = join(dir, 'out')
    await buildVitePage({ name: 'vite-page-test', script, css: '.slide { color: rebeccapurple }', out, base: './', html: ({ script, stylesheet }) =>
      `<!doctype html><html><head><link rel="stylesheet" href="${stylesheet}"><script type="module" src="${script}"></script></head><body></body></html>` })
    writeFileSync(join(out, 'stale.txt'), 'from an earlier build')
    await buildVitePage({ name: 'vite-page-test', script, css: '.slide { color: rebeccapurple }', out, base: './', html: ({ script, stylesheet }) =>
      `<!doctype html><html><head><link rel="stylesheet" href="${stylesheet}"><script type="module" src="${script}"></script></head><body></body></html>` })

    const html = readFileSync(join(out, 'index.html'), 'utf8')
    const assets = readdirSync(join(out, 'assets'))
    const css = assets.find(file => file.endsWith('.css'))!
    const js = assets.find(file => file.endsWith('.js'))!
    expect(html).toContain(`href="./assets/${css}"`)
    expect(html).toContain(`src="./assets/${js}"`)
    expect(readFileSync(join(out, 'assets', css), 'utf8')).toMatch(/\.slide\s*\{\s*color:/)
    expect(readFileSync(join(out, 'assets', js), 'utf8')).toContain('dataset.built')
    expect(existsSync(join(out, 'stale.txt'))).toBe(false)
    const cache = join(import.meta.dirname, '../../node_modules/.cache')
    expect(readdirSync(cache).filter(name => name.startsWith('vite-page-test-'))).toEqual([])
  })
})
