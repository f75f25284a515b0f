import type { Place } from '../scripts/mermaid/diagrams.ts'
import { readFileSync } from 'node:fs'
import { defineTransformersSetup } from '@slidev/types'
import { findMermaidBlocks } from '../components/mermaid-steps.ts'
import { blockSource, diagramTag } from '../scripts/mermaid/diagrams.ts'

/**
 * Slidev hands every fenced code block here before its own transformers: a
 * ```mermaid block, or a `.mmd` file imported with `<<< @/path.mmd` (which
 * Slidev reads, and watches in `npm run dev`), becomes `<MermaidDiagram>` with
 * the diagram drawn to SVG (scripts/mermaid/diagrams.ts). Slidev's own
 * mermaid, which would draw it in the audience's browser, never sees it.
 */

/** Where a block's source is, for messages: found in the slide's file by its text. */
function placeOf(code: string, file: string, fromLine: number, root: string): Place {
  try {
    const text = readFileSync(file, 'utf8')
    for (const block of findMermaidBlocks(text)) {
      if (block.line < fromLine)
        continue
      const { source, place } = blockSource(block, { file, line: 1 }, root)
      if (source.trimEnd() === code.trimEnd())
        return place
    }
  }
  catch {}
  return { file, line: fromLine }
}

export default defineTransformersSetup(() => ({
  codeblocks: [
    async ({ info, code, slide, options }) => {
      if (!/^(?:mermaid|mmd)\b/.test(info))
        return undefined
      const source = slide?.source
      const place = source ? placeOf(code, source.filepath, source.start + 1, options.userRoot) : { file: 'slides.md', line: 1 }
      return diagramTag(code, place)
    },
  ],
}))
