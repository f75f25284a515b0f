/**
 * Mermaid as the deck writes it: a flow or sequence diagram in a page, in a
 * fenced ```mermaid block or a `.mmd` file imported with `<<< @/path.mmd`,
 * drawn to SVG when the deck is built (scripts/mermaid/) and stepped on clicks
 * like every other diagram (`<MermaidDiagram>`).
 *
 * Steps are marked in the source by comments, each with the caption of its step:
 *
 *   %% step: First question: untrusted code means a VM.
 *   flowchart LR
 *     q1{Untrusted code?} -->|yes| vm[Virtual machine]
 *   %% step: Second: another kernel needs a VM.
 *     q1 -->|no| q2{Another kernel?}
 *
 * The first marker opens step 0 (shown with the slide); each later one, the
 * next click. What a step's lines declare (nodes, edges, participants,
 * messages, notes) comes in at that step: the renderer parses the source cut
 * at the end of each step with mermaid's own parser, so "declared" means what
 * mermaid itself makes of those lines. A diagram without markers is drawn
 * whole, with no clicks. Everything here is plain text work, without mermaid
 * and without a browser: the click count is known to `npm run dev` on a
 * machine with no Chromium.
 */
import { DiagramDataError } from './validate.ts'

export class MermaidSourceError extends DiagramDataError {
  override name = 'MermaidSourceError'
  /** 1-based line in the diagram's source. */
  readonly line: number
  constructor(message: string, line: number) {
    super(message)
    this.line = line
  }
}

/** The diagram types the deck steps: what their SVG is tagged by (scripts/mermaid/render.ts). */
export type MermaidKind = 'flowchart' | 'sequence'

export interface MermaidStep {
  /** What this step adds, in words (`<StepCaptions>`). */
  caption: string
  /** 1-based line of its marker. */
  line: number
}

export interface ParsedMermaid {
  kind: MermaidKind
  steps: MermaidStep[]
  /** Clicks the diagram steps through: one fewer than its steps (0 without markers). */
  clicks: number
  /** The source cut at the end of each step: prefixes[k] declares everything of steps 0..k. */
  prefixes: string[]
}

const STEP_MARKER = /^\s*%%\s*step\s*:(.*)$/i
/** Lines that open a block closed by `end`, per diagram type. */
const BLOCK_OPENERS: Record<MermaidKind, RegExp> = {
  flowchart: /^\s*subgraph\b/,
  sequence: /^\s*(?:loop|alt|opt|par|par_over|critical|break|rect|box)\b/,
}
const BLOCK_END = /^\s*end\s*$/

/** The diagram type from its first statement (comments, directives and front matter aside). */
export function mermaidKind(source: string): MermaidKind {
  const lines = source.split('\n')
  let inFrontMatter = false
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim()
    if (line === '---') {
      inFrontMatter = !inFrontMatter
      continue
    }
    if (inFrontMatter || line === '' || line.startsWith('%%'))
      continue
    if (/^(?:flowchart|graph)\b/.test(line))
      return 'flowchart'
    if (/^sequenceDiagram\b/.test(line))
      return 'sequence'
    throw new MermaidSourceError(`"${line.split(/\s/)[0]}" diagrams are not stepped by the deck: write a flowchart (\`flowchart LR\`) or a sequenceDiagram.`, index + 1)
  }
  throw new MermaidSourceError('The diagram is empty.', 1)
}

/** Whether the source is a type the deck draws and steps (`mermaidKind` would not refuse it). */
export function isSteppedKind(source: string): boolean {
  try {
    mermaidKind(source)
    return true
  }
  catch {
    return false
  }
}

/** The steps of a diagram's source, its click count and the source cut at each step's end. */
export function parseMermaid(source: string): ParsedMermaid {
  const kind = mermaidKind(source)
  const lines = source.replace(/\r\n?/g, '\n').split('\n')
  const steps: MermaidStep[] = []
  const prefixes: string[] = []
  let depth = 0
  let statementsInStep = 0
  lines.forEach((line, index) => {
    const marker = STEP_MARKER.exec(line)
    if (marker) {
      const caption = marker[1]!.trim()
      if (!caption)
        throw new MermaidSourceError('A step marker without a caption: write `%% step: what this step adds.`', index + 1)
      if (depth > 0)
        throw new MermaidSourceError('A step marker inside a block (subgraph, loop, alt...): put it before the block or after its `end`.', index + 1)
      if (steps.length > 0 && statementsInStep === 0)
        throw new MermaidSourceError(`Step ${steps.length - 1} (line ${steps.at(-1)!.line}) has nothing in it before the next marker.`, index + 1)
      if (steps.length > 0)
        prefixes.push(lines.slice(0, index).join('\n'))
      steps.push({ caption, line: index + 1 })
      statementsInStep = 0
      return
    }
    const text = line.trim()
    if (text === '' || text.startsWith('%%'))
      return
    if (BLOCK_OPENERS[kind].test(line))
      depth++
    else if (BLOCK_END.test(line))
      depth = Math.max(0, depth - 1)
    statementsInStep++
  })
  if (steps.length > 0 && statementsInStep === 0)
    throw new MermaidSourceError(`The last step (line ${steps.at(-1)!.line}) has nothing in it.`, steps.at(-1)!.line)
  prefixes.push(lines.join('\n'))
  const clicks = Math.max(0, steps.length - 1)
  return { kind, steps, clicks, prefixes: steps.length > 0 ? prefixes : [prefixes.at(-1)!] }
}

/**
 * Which step each item comes in at, from the items each prefix declares:
 * an item's step is the first prefix that has it. `declared[k]` lists the ids
 * mermaid finds in prefixes[k].
 */
export function assignSteps(declared: readonly (readonly string[])[]): Map<string, number> {
  const steps = new Map<string, number>()
  declared.forEach((ids, step) => {
    for (const id of ids) {
      if (!steps.has(id))
        steps.set(id, step)
    }
  })
  return steps
}

/**
 * Which step each of a sequence diagram's statements (messages, notes, block
 * starts and ends, in mermaid's own numbering `i0, i1, ...`) comes in at,
 * from how many statements each prefix holds.
 */
export function statementSteps(counts: readonly number[]): number[] {
  const steps: number[] = []
  counts.forEach((count, step) => {
    while (steps.length < count)
      steps.push(step)
  })
  return steps
}

/** A mermaid block in a page: a fence, or an import of a `.mmd` file. */
export interface MermaidBlock {
  /** The diagram's source; for an import, undefined until read. */
  source?: string
  /** For an import: the path after `<<< `, as written (`@/pages/diagrams/docker-run.mmd`). */
  importPath?: string
  /** 1-based line of the block in the markdown given (the fence's opening line, or the import line). */
  line: number
  /** Where the block's text starts and ends in the markdown (the end is past its last line break). */
  start: number
  end: number
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*mermaid\b[^\n]*$/
const MMD_IMPORT = /^<<<[ \t]*(\S+\.mmd)(?:[ \t]+mermaid)?[ \t]*$/

/** The mermaid blocks in a slide's markdown, in order. */
export function findMermaidBlocks(markdown: string): MermaidBlock[] {
  const blocks: MermaidBlock[] = []
  const lines = markdown.split('\n')
  let offset = 0
  const offsets = lines.map((line) => {
    const start = offset
    offset += line.length + 1
    return start
  })
  const endOf = (index: number): number => Math.min(markdown.length, offsets[index]! + lines[index]!.length + 1)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const imported = MMD_IMPORT.exec(line.trim())
    if (imported) {
      blocks.push({ importPath: imported[1]!, line: index + 1, start: offsets[index]!, end: endOf(index) })
      continue
    }
    const fence = FENCE_OPEN.exec(line)
    if (!fence) {
      // Another fenced block: skip to its end, so a mermaid example inside it is left alone.
      const other = /^ {0,3}(`{3,}|~{3,})/.exec(line)
      if (other) {
        const closing = new RegExp(`^ {0,3}${other[1]![0]}{${other[1]!.length},}\\s*$`)
        while (index + 1 < lines.length && !closing.test(lines[index + 1]!))
          index++
        index++
      }
      continue
    }
    const marker = fence[1]!
    const closing = new RegExp(`^ {0,3}${marker[0]}{${marker.length},}\\s*$`)
    let close = index + 1
    while (close < lines.length && !closing.test(lines[close]!))
      close++
    if (close >= lines.length)
      throw new MermaidSourceError('A ```mermaid block that is never closed.', index + 1)
    blocks.push({ source: lines.slice(index + 1, close).join('\n'), line: index + 1, start: offsets[index]!, end: endOf(close) })
    index = close
  }
  return blocks
}
