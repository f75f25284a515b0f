import { Buffer } from 'node:buffer'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { mermaidFootprint, mermaidTransferred } from './mermaid'

const DRAWING = '<svg xmlns="http://www.w3.org/2000/svg" id="m1" class="mermaid-svg mermaid-svg--flowchart" viewBox="0 0 10 10"><g><text>Kernel</text></g></svg>'

describe('mermaidFootprint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-mermaid-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(join(dir, 'assets'))
  mkdirSync(join(dir, 'reader'))
  writeFileSync(join(dir, 'assets', 'md-a.js'), `const a={svg:\`${DRAWING}\`}`)
  // The same drawing again (the reader edition copies it): counted once.
  writeFileSync(join(dir, 'reader', 'index.html'), `<main>${DRAWING}</main>`)
  writeFileSync(join(dir, 'assets', 'mermaid.core-x.js'), 'export const mermaidAPI={render(){}}')
  writeFileSync(join(dir, 'assets', 'plain.js'), 'export const svg = "<svg class=\\"icon\\"></svg>"')
  writeFileSync(join(dir, 'assets', 'picture.svg'), DRAWING)

  it('finds mermaid\'s code and the inlined drawings, each drawing once, in scripts and pages only', () => {
    const footprint = mermaidFootprint(dir)
    expect([...footprint.codeFiles.keys()]).toEqual(['/assets/mermaid.core-x.js'])
    expect([...footprint.drawingFiles.keys()].sort()).toEqual(['/assets/md-a.js', '/reader/index.html'])
    expect(footprint.drawings).toBe(1)
    expect(footprint.drawingBytes).toBe(Buffer.byteLength(DRAWING))
    expect(footprint.drawingGzipBytes).toBe(gzipSync(DRAWING, { level: 9 }).byteLength)
  })

  it('counts the transferred bytes of those files only, whatever their query string', () => {
    const footprint = mermaidFootprint(dir)
    expect(mermaidTransferred([
      { url: '/assets/md-a.js?v=1', bytes: 300 },
      { url: '/assets/mermaid.core-x.js', bytes: 2_000 },
      { url: '/assets/plain.js', bytes: 50 },
      { url: 'https://cdn.example/assets/md-a.js', bytes: 999 },
    ], footprint)).toBe(2_300)
  })
})
