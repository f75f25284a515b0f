/**
 * `npm run mermaid`: draws every mermaid diagram in the deck that has no
 * rendered file yet (with Chromium), and removes the files no page uses.
 * `npm run mermaid -- --check`: changes nothing and needs no browser; fails,
 * naming each, while a diagram has no file, a file is unused, or a file holds
 * what the deck must not ship (script, HTML labels, mermaid's stylesheet).
 * `npm test` runs the check, so the committed SVGs are the ones the pages ask for.
 */
import { readFileSync, rmSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { findMermaidBlocks } from '../../components/mermaid-steps.ts'
import { loadDeck } from '../lib/deck.ts'
import { blockSource, closeRenderer, describePlace, drawDiagram, mermaidKey, parseAt, STORE_DIR, storedKeys, storePath } from './diagrams.ts'

export interface DeckDiagram {
  key: string
  source: string
  place: { file: string, line: number }
  slide: number
}

/** Every mermaid diagram on the deck's slides, with its key and place. */
export async function deckDiagrams(root = process.cwd()): Promise<DeckDiagram[]> {
  const deck = await loadDeck(root)
  return deck.slides.flatMap(slide => findMermaidBlocks(slide.content).map((block) => {
    const { source, place } = blockSource(block, { file: resolve(root, slide.file), line: slide.contentLine }, root)
    parseAt(source, place)
    return { key: mermaidKey(source), source, place, slide: slide.no }
  }))
}

/** What a stored SVG must not hold: the deck ships it inline, as text the PDFs keep. */
export function svgProblems(svg: string): string[] {
  const problems: string[] = []
  if (/<script\b/i.test(svg))
    problems.push('a <script>')
  if (/<foreignObject\b/i.test(svg))
    problems.push('HTML labels (<foreignObject>), which would not be text in the PDFs')
  if (/<style\b/i.test(svg))
    problems.push('mermaid\'s stylesheet')
  if (/\son\w+=/i.test(svg))
    problems.push('an event handler attribute')
  if (!/<text\b/.test(svg))
    problems.push('no text')
  return problems
}

export interface StoreReport {
  missing: DeckDiagram[]
  unused: string[]
  bad: { key: string, problems: string[] }[]
}

export function checkStore(diagrams: readonly DeckDiagram[], dir = STORE_DIR): StoreReport {
  const stored = new Set(storedKeys(dir))
  const wanted = new Set(diagrams.map(diagram => diagram.key))
  return {
    missing: diagrams.filter(diagram => !stored.has(diagram.key)),
    unused: [...stored].filter(key => !wanted.has(key)),
    bad: [...stored].filter(key => wanted.has(key)).map(key => ({ key, problems: svgProblems(readFileSync(storePath(key, dir), 'utf8')) })).filter(entry => entry.problems.length > 0),
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check')
  const diagrams = await deckDiagrams()
  const where = (key: string): string => relative(process.cwd(), storePath(key))
  if (check) {
    const report = checkStore(diagrams)
    const lines = [
      ...report.missing.map(diagram => `${describePlace(diagram.place)} (slide ${diagram.slide}): no rendered file ${where(diagram.key)}`),
      ...report.unused.map(key => `${where(key)}: no page uses it`),
      ...report.bad.map(entry => `${where(entry.key)}: ${entry.problems.join(', ')}`),
    ]
    if (lines.length > 0) {
      process.stderr.write(`${lines.join('\n')}\nRun \`npm run mermaid\` to draw and prune them, and commit components/mermaid-svg/.\n`)
      process.exit(1)
    }
    process.stdout.write(`mermaid: ${diagrams.length} diagrams, each drawn in ${relative(process.cwd(), STORE_DIR)}/ and current\n`)
    return
  }
  try {
    let drawn = 0
    const before = new Set(storedKeys())
    for (const diagram of diagrams) {
      await drawDiagram(diagram.source, parseAt(diagram.source, diagram.place), diagram.place)
      if (!before.has(diagram.key)) {
        drawn++
        process.stdout.write(`drew ${describePlace(diagram.place)} (slide ${diagram.slide}) to ${where(diagram.key)}\n`)
      }
    }
    const { unused } = checkStore(diagrams)
    for (const key of unused) {
      rmSync(storePath(key))
      process.stdout.write(`removed ${where(key)}: no page uses it\n`)
    }
    process.stdout.write(`mermaid: ${diagrams.length} diagrams, ${drawn} drawn, ${unused.length} removed\n`)
  }
  finally {
    await closeRenderer()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
