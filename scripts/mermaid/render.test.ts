/**
 * Draws small diagrams with the real renderer: mermaid in Chromium (the one
 * scripts/lib/chromium.ts finds, as `npm test` needs anyway).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { parseMermaid } from '../../components/mermaid-steps'
import { svgProblems } from './cli'
import { errorLine, MermaidRenderer, MermaidRenderError } from './render'

const renderer = new MermaidRenderer()
afterAll(() => renderer.close())

/** Each tagged element's step, by a short description of the element. */
function steps(svg: string): Map<string, number> {
  const found = new Map<string, number>()
  for (const match of svg.matchAll(/<(\w+) ([^>]*?)data-step="(\d+)"/g)) {
    const attributes = match[2]!
    const id = /\sid="([^"]+)"/.exec(attributes)?.[1] ?? /\sdata-id="([^"]+)"/.exec(attributes)?.[1] ?? /\sclass="([^"]+)"/.exec(attributes)?.[1] ?? match[1]!
    found.set(`${match[1]}#${id}`, Number(match[3]))
  }
  return found
}

describe('mermaidRenderer', { timeout: 60_000 }, () => {
  it('tags a flowchart\'s nodes and edges with the step that declares them', async () => {
    const source = '%% step: A.\nflowchart LR\n  a["Alpha"] -->|go| b["Beta"]\n%% step: C.\n  b --> c["Gamma"]:::vm'
    const { svg, width, height } = await renderer.render(source, parseMermaid(source), 'mtest1')
    expect(width).toBeGreaterThan(100)
    expect(height).toBeGreaterThan(20)
    expect(svgProblems(svg)).toEqual([])
    const tagged = steps(svg)
    // Mermaid numbers a node's id with a counter: mtest1-flowchart-b-1.
    const node = (id: string) => [...tagged.entries()].find(([key]) => new RegExp(`^g#mtest1-flowchart-${id}-\\d+$`).test(key))?.[1]
    expect(node('a')).toBe(0)
    expect(node('b')).toBe(0)
    expect(node('c')).toBe(1)
    expect(tagged.get('path#mtest1-L_a_b_0')).toBe(0)
    expect(tagged.get('path#mtest1-L_b_c_0')).toBe(1)
    // The label of the first edge comes with it.
    const labels = svg.split('<g class="edgeLabel').slice(1).map(chunk => ({ step: /data-step="(\d+)"/.exec(chunk.slice(0, chunk.indexOf('>')))?.[1], go: chunk.slice(0, chunk.indexOf('edgeLabel')).includes('>go<') }))
    expect(labels.find(label => label.go)?.step).toBe('0')
    // Its labels are text, in the deck's font size; its colours are the deck's, not mermaid's.
    expect(svg).toMatch(/<text[^>]*>.*Gamma/s)
    expect(svg).toContain('font-size="28"')
    expect(svg).not.toMatch(/fill="#/)
  })

  it('tags a sequence diagram\'s participants and statements, their labels with them', async () => {
    const source = '%% step: Ask.\nsequenceDiagram\n  participant A as client\n  participant B as server\n  A->>B: request\n%% step: Answer.\n  participant C as store\n  B->>C: read\n  Note over C: cached'
    const { svg } = await renderer.render(source, parseMermaid(source), 'mtest2')
    expect(svgProblems(svg)).toEqual([])
    const tagged = [...svg.matchAll(/<(\w+) ([^>]*?)data-step="(\d+)"[^>]*>([^<]*)/g)]
    const stepOfText = (text: string) => tagged.find(match => match[4]!.includes(text))?.[3]
    expect(stepOfText('request')).toBe('0')
    expect(stepOfText('read')).toBe('1')
    const participants = [...svg.matchAll(/data-et="participant"[^>]*data-id="(\w)"[^>]*data-step="(\d)"|data-step="(\d)"[^>]*data-et="participant"[^>]*data-id="(\w)"/g)]
      .map(match => `${match[1] ?? match[4]}:${match[2] ?? match[3]}`)
    expect(participants.sort()).toEqual(['A:0', 'B:0', 'C:1'])
    expect(svg).toMatch(/data-et="note"[^>]*data-step="1"|data-step="1"[^>]*data-et="note"/)
  })

  it('fails on a diagram mermaid refuses, with mermaid\'s message and the line', async () => {
    const source = 'flowchart LR\n  a --> b\n  c -->> d'
    const error = await renderer.render(source, parseMermaid(source), 'mtest3').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MermaidRenderError)
    expect((error as MermaidRenderError).line).toBe(3)
    expect((error as Error).message).toMatch(/Parse error on line 3/)
  })

  it('fails when one step alone does not parse', async () => {
    const source = '%% step: One.\nflowchart LR\n  a --> b\n%% step: Two.\n  b --> c'
    // A valid diagram: each prefix parses. Now break the first step only.
    const broken = source.replace('a --> b', 'a --> b -->')
    const error = await renderer.render(broken, parseMermaid(broken), 'mtest4').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MermaidRenderError)
    expect((error as Error).message).toMatch(/step 0 alone does not parse|Parse error/)
  })

  it('reads the line from mermaid\'s message', () => {
    expect(errorLine('Parse error on line 12:\n...')).toBe(12)
    expect(errorLine('Lexical error')).toBeUndefined()
  })
})
