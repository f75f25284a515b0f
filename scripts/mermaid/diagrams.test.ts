import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseMermaid } from '../../components/mermaid-steps'
import { checkStore, deckDiagrams, svgProblems } from './cli'
import { closeRenderer, diagramTag, drawDiagram, expandMermaid, MermaidDiagramError, mermaidKey, readImport, storedKeys, storePath } from './diagrams'

const dir = mkdtempSync(join(tmpdir(), 'mermaid-store-'))
afterAll(async () => {
  await closeRenderer()
  rmSync(dir, { recursive: true, force: true })
})

const flow = '%% step: A first.\nflowchart LR\n  a["A"] --> b["B"]\n%% step: Then C.\n  b --> c["C"]'
const page = { file: join(process.cwd(), 'pages/example.md'), line: 10 }

async function failure(run: () => Promise<unknown>): Promise<MermaidDiagramError> {
  try {
    await run()
  }
  catch (error) {
    if (error instanceof MermaidDiagramError)
      return error
    throw error
  }
  throw new Error('no error thrown')
}

describe('mermaidKey', () => {
  it('is the same for the same diagram, whatever surrounds it, and changes with it', () => {
    expect(mermaidKey(flow)).toMatch(/^[0-9a-f]{16}$/)
    expect(mermaidKey(`\n${flow}\n`)).toBe(mermaidKey(flow))
    expect(mermaidKey(flow.replace('"C"', '"D"'))).not.toBe(mermaidKey(flow))
  })
})

describe('the store', () => {
  it('without a rendered file and without drawing, names the page, the line and the command', async () => {
    const error = await failure(() => drawDiagram(flow, parseMermaid(flow), page, { render: false, dir }))
    expect(error.message).toMatch(/^pages\/example\.md:10: /)
    expect(error.message).toContain('npm run mermaid')
  })

  it('serves a stored drawing with its size, and the tag carries it with the steps and captions', async () => {
    const key = mermaidKey(flow)
    writeFileSync(storePath(key, dir), '<svg viewBox="0 0 300 120"><text>A</text></svg>\n')
    const drawn = await drawDiagram(flow, parseMermaid(flow), page, { render: false, dir })
    expect(drawn).toMatchObject({ key, width: 300, height: 120 })
    const tag = await diagramTag(flow, page, { render: false, dir })
    expect(tag).toMatch(/^<MermaidDiagram :clicks="\$clicks" steps="1" kind="flowchart" width="300" height="120" /)
    expect(tag).toContain('captions="[&quot;A first.&quot;,&quot;Then C.&quot;]"')
    expect(tag).toContain('svg="&lt;svg viewBox=&quot;0 0 300 120&quot;&gt;')
  })

  it('replaces each block of a page with its tag, keeping the rest', async () => {
    const markdown = `# Title\n\n\`\`\`mermaid\n${flow}\n\`\`\`\n\nAfter.`
    const expanded = await expandMermaid(markdown, page, { render: false, dir })
    expect(expanded.startsWith('# Title\n\n')).toBe(true)
    expect(expanded).toContain('<MermaidDiagram :clicks="$clicks" steps="1"')
    expect(expanded.trimEnd().endsWith('After.')).toBe(true)
    expect(expanded).not.toContain('```')
  })

  it('reports a broken step marker at its line in the page', async () => {
    const markdown = '# Title\n\n```mermaid\n%% step: One.\nflowchart LR\n  subgraph x\n%% step: Two.\n  end\n```'
    const error = await failure(() => expandMermaid(markdown, page, { render: false, dir }))
    // The marker is on the markdown's line 7, the page's line 10 + 7 - 1.
    expect(error.message).toMatch(/^pages\/example\.md:16: A step marker inside a block/)
  })

  it('reads .mmd imports from the deck\'s root and nowhere else', () => {
    expect(readImport('@/pages/diagrams/docker-run.mmd').source).toContain('sequenceDiagram')
    expect(() => readImport('./docker-run.mmd')).toThrow(/from the deck's root/)
    expect(() => readImport('@/../outside.mmd')).toThrow(/outside the deck/)
    expect(() => readImport('@/pages/diagrams/none.mmd')).toThrow(/no such file/)
  })
})

describe('the deck\'s diagrams', () => {
  it('are all drawn, and nothing else is kept (npm run mermaid:check)', async () => {
    const diagrams = await deckDiagrams()
    expect(diagrams.length).toBeGreaterThanOrEqual(4)
    expect(checkStore(diagrams)).toEqual({ missing: [], unused: [], bad: [] })
  })

  it('flags a drawing the deck must not ship', () => {
    expect(svgProblems('<svg><text>ok</text></svg>')).toEqual([])
    expect(svgProblems('<svg><style>x{}</style><foreignObject/><script/><text onclick="x()">a</text></svg>')).toHaveLength(4)
    expect(svgProblems('<svg></svg>')).toEqual(['no text'])
  })

  it('counts a store\'s files and finds the unused ones', () => {
    const store = join(dir, 'check')
    mkdirSync(store)
    writeFileSync(join(store, 'aaaaaaaaaaaaaaaa.svg'), '<svg><text>a</text></svg>')
    writeFileSync(join(store, 'notes.txt'), 'not a drawing')
    expect(storedKeys(store)).toEqual(['aaaaaaaaaaaaaaaa'])
    expect(checkStore([], store).unused).toEqual(['aaaaaaaaaaaaaaaa'])
    expect(readFileSync(join(store, 'notes.txt'), 'utf8')).toBe('not a drawing')
  })
})
