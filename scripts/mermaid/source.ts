/**
 * A mermaid block's source and its place in the deck, for messages that name
 * the page and the line. No browser and no mermaid here: setup/preparser.ts
 * and the tests read diagrams' steps through this.
 */
import type { MermaidBlock, ParsedMermaid } from '../../components/mermaid-steps.ts'
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import process from 'node:process'
import { MermaidSourceError, parseMermaid } from '../../components/mermaid-steps.ts'

/** A failure with its place: `pages/16-when-containers.md:42: mermaid says ...`. */
export class MermaidDiagramError extends Error {
  override name = 'MermaidDiagramError'
}

/** A place in the deck, as editors link it: `pages/x.md:42`. */
export interface Place {
  /** Absolute path. */
  file: string
  /** 1-based line of the diagram's first source line. */
  line: number
}

export function describePlace(place: Place, root = process.cwd()): string {
  const file = relative(root, place.file)
  return `${file.startsWith('..') ? place.file : file}:${place.line}`
}

/** Reads an imported `.mmd` file: `@/` is the deck's root; the file must be inside it. */
export function readImport(importPath: string, root = process.cwd()): { source: string, file: string } {
  if (!importPath.startsWith('@/'))
    throw new MermaidDiagramError(`<<< ${importPath}: write the path from the deck's root, as <<< @/pages/diagrams/name.mmd.`)
  const file = resolve(root, importPath.slice(2))
  const inside = relative(root, file)
  if (isAbsolute(inside) || inside === '..' || inside.startsWith('../') || inside.startsWith('..\\'))
    throw new MermaidDiagramError(`<<< ${importPath}: the file is outside the deck.`)
  if (!existsSync(file))
    throw new MermaidDiagramError(`<<< ${importPath}: no such file (${file}).`)
  return { source: readFileSync(file, 'utf8'), file }
}

/** A block's source and where its first source line is, for messages (`page.line`: the file line of the markdown's first line). */
export function blockSource(block: MermaidBlock, page: Place, root = process.cwd()): { source: string, place: Place } {
  if (block.importPath !== undefined) {
    const { source, file } = readImport(block.importPath, root)
    return { source, place: { file, line: 1 } }
  }
  return { source: block.source ?? '', place: { file: page.file, line: page.line + block.line } }
}

/** Parses a diagram's steps, naming its place on failure. */
export function parseAt(source: string, place: Place): ParsedMermaid {
  try {
    return parseMermaid(source)
  }
  catch (error) {
    if (error instanceof MermaidSourceError)
      throw new MermaidDiagramError(`${describePlace({ file: place.file, line: place.line + error.line - 1 })}: ${error.message}`)
    throw error
  }
}
