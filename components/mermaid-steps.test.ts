import { describe, expect, it } from 'vitest'
import { assignSteps, findMermaidBlocks, isSteppedKind, mermaidKind, MermaidSourceError, parseMermaid, statementSteps } from './mermaid-steps'
import { captionProblems } from './step-captions'

const flow = [
  '%% step: First question.',
  'flowchart TB',
  '  q1("Untrusted?") -->|yes| vm1["VM"]:::vm',
  '%% step: Second question.',
  '  q1 -->|no| q2("Another kernel?")',
  '  q2 -->|yes| vm2["VM"]:::vm',
].join('\n')

function errorOf(run: () => unknown): MermaidSourceError {
  try {
    run()
  }
  catch (error) {
    if (error instanceof MermaidSourceError)
      return error
    throw error
  }
  throw new Error('no error thrown')
}

describe('parseMermaid', () => {
  it('counts one click per step after the first, with each step\'s caption', () => {
    const parsed = parseMermaid(flow)
    expect(parsed.kind).toBe('flowchart')
    expect(parsed.clicks).toBe(1)
    expect(parsed.steps).toEqual([{ caption: 'First question.', line: 1 }, { caption: 'Second question.', line: 4 }])
    expect(captionProblems(parsed.steps.map(step => step.caption), parsed.clicks)).toEqual([])
  })

  it('cuts the source at the end of each step, the last cut being the whole diagram', () => {
    const { prefixes } = parseMermaid(flow)
    expect(prefixes).toHaveLength(2)
    expect(prefixes[0]).toContain('q1("Untrusted?")')
    expect(prefixes[0]).not.toContain('q2')
    expect(prefixes[1]).toBe(flow)
  })

  it('draws a diagram without markers whole, with no clicks', () => {
    const parsed = parseMermaid('sequenceDiagram\n  A->>B: hi')
    expect(parsed).toMatchObject({ kind: 'sequence', clicks: 0, steps: [] })
    expect(parsed.prefixes).toEqual(['sequenceDiagram\n  A->>B: hi'])
  })

  it('reads the type past front matter and comments', () => {
    expect(mermaidKind('---\nconfig:\n  theme: base\n---\n%% a note\ngraph LR\n  a --> b')).toBe('flowchart')
  })

  it('steps flowcharts and sequence diagrams, and no other type', () => {
    expect(isSteppedKind('flowchart LR\n  a --> b')).toBe(true)
    expect(isSteppedKind('sequenceDiagram\n  A->>B: hi')).toBe(true)
    expect(isSteppedKind('mindmap\n  root')).toBe(false)
    expect(isSteppedKind('')).toBe(false)
  })

  it('refuses, by line, what it cannot step', () => {
    expect(errorOf(() => parseMermaid('pie\n  "a": 1')).line).toBe(1)
    expect(errorOf(() => parseMermaid('')).message).toMatch(/empty/)
    const empty = errorOf(() => parseMermaid('%% step:\nflowchart LR\n  a --> b'))
    expect(empty.line).toBe(1)
    expect(empty.message).toMatch(/without a caption/)
    const nothing = errorOf(() => parseMermaid('%% step: One.\nflowchart LR\n  a --> b\n%% step: Two.\n%% step: Three.\n  b --> c'))
    expect(nothing.line).toBe(5)
    expect(nothing.message).toMatch(/Step 1 .* has nothing/)
    const last = errorOf(() => parseMermaid('%% step: One.\nflowchart LR\n  a --> b\n%% step: Two.\n'))
    expect(last.line).toBe(4)
  })

  it('refuses a step marker inside a block, which would cut the diagram where mermaid cannot parse it', () => {
    const inLoop = errorOf(() => parseMermaid('%% step: One.\nsequenceDiagram\n  loop every second\n    A->>B: ping\n%% step: Two.\n    B->>A: pong\n  end'))
    expect(inLoop.line).toBe(5)
    const inSubgraph = errorOf(() => parseMermaid('%% step: One.\nflowchart LR\n  subgraph host\n    a\n%% step: Two.\n    b\n  end'))
    expect(inSubgraph.line).toBe(5)
    // After the block's end a marker is fine.
    expect(parseMermaid('%% step: One.\nsequenceDiagram\n  loop each\n    A->>B: ping\n  end\n%% step: Two.\n  B->>A: pong').clicks).toBe(1)
  })
})

describe('assignSteps and statementSteps', () => {
  it('gives each id the first step whose prefix declares it', () => {
    const steps = assignSteps([['node:q1', 'node:vm1', 'edge:L_q1_vm1_0'], ['node:q1', 'node:vm1', 'edge:L_q1_vm1_0', 'node:q2', 'edge:L_q1_q2_0']])
    expect(Object.fromEntries(steps)).toEqual({ 'node:q1': 0, 'node:vm1': 0, 'edge:L_q1_vm1_0': 0, 'node:q2': 1, 'edge:L_q1_q2_0': 1 })
  })

  it('numbers a sequence diagram\'s statements by how many each prefix holds', () => {
    expect(statementSteps([1, 3, 3, 4])).toEqual([0, 1, 1, 3])
  })
})

describe('findMermaidBlocks', () => {
  it('finds fences and .mmd imports, with their lines and extent', () => {
    const markdown = ['# Title', '', '```mermaid', 'flowchart LR', '  a --> b', '```', '', '<<< @/pages/diagrams/x.mmd', 'after'].join('\n')
    const blocks = findMermaidBlocks(markdown)
    expect(blocks).toHaveLength(2)
    expect(blocks[0]).toMatchObject({ source: 'flowchart LR\n  a --> b', line: 3 })
    expect(markdown.slice(blocks[0]!.start, blocks[0]!.end)).toBe('```mermaid\nflowchart LR\n  a --> b\n```\n')
    expect(blocks[1]).toMatchObject({ importPath: '@/pages/diagrams/x.mmd', line: 8 })
    expect(markdown.slice(blocks[1]!.end)).toBe('after')
  })

  it('leaves a mermaid example inside another fence alone', () => {
    const markdown = ['````md', '```mermaid', 'flowchart LR', '```', '````'].join('\n')
    expect(findMermaidBlocks(markdown)).toEqual([])
  })

  it('refuses a fence that is never closed, by line', () => {
    expect(errorOf(() => findMermaidBlocks('text\n```mermaid\nflowchart LR')).line).toBe(2)
  })
})
