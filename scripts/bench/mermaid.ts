/**
 * What mermaid costs a built deck: the bytes of mermaid's own code in it, the
 * drawings it carries (inline SVG, drawn when the deck was built), and which
 * of its files hold either, so the bench can count them in the first visit and
 * in the offline cache. This deck draws its diagrams at build time; the
 * starter draws its three in the browser with Slidev's runtime mermaid, so the
 * two decks answer the same question in the same run.
 */
import { Buffer } from 'node:buffer'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { gzipSync } from 'node:zlib'

/** Strings only mermaid's own code holds (its API object and its parser entry). tests/mermaid.spec.ts checks dist/ with it too. */
export const MERMAID_CODE = /mermaidAPI|getDiagramFromText|mermaid-isomorphic/

/** A drawing as this deck's build inlines it (scripts/mermaid/render.ts sets the class). */
const DRAWING = /<svg\s[^>]*class="mermaid-svg\b[\s\S]*?<\/svg>/g

const TEXT_FILE = /\.(?:m?js|css|html)$/

export interface MermaidFootprint {
  /** Files (paths from the build's root, with a leading /) holding mermaid's code, and their sizes in bytes. */
  codeFiles: Map<string, number>
  /** Files holding at least one drawing, and their sizes in bytes. */
  drawingFiles: Map<string, number>
  /** Distinct drawings (by their SVG id) in the build. */
  drawings: number
  /** Their SVG markup, each once: raw bytes, and gzip bytes of each compressed on its own and summed. */
  drawingBytes: number
  drawingGzipBytes: number
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => join(entry.parentPath, entry.name))
}

/** Reads every script, stylesheet and page of a built deck once. */
export function mermaidFootprint(outDir: string): MermaidFootprint {
  const codeFiles = new Map<string, number>()
  const drawingFiles = new Map<string, number>()
  const svgs = new Map<string, string>()
  for (const file of filesUnder(outDir)) {
    if (!TEXT_FILE.test(file))
      continue
    const text = readFileSync(file, 'utf8')
    const path = `/${relative(outDir, file).split(sep).join('/')}`
    const size = Buffer.byteLength(text)
    if (MERMAID_CODE.test(text))
      codeFiles.set(path, size)
    const found = text.match(DRAWING) ?? []
    if (found.length > 0)
      drawingFiles.set(path, size)
    for (const svg of found)
      svgs.set(/\bid="([^"]+)"/.exec(svg)?.[1] ?? svg, svg)
  }
  let drawingBytes = 0
  let drawingGzipBytes = 0
  for (const svg of svgs.values()) {
    drawingBytes += Buffer.byteLength(svg)
    drawingGzipBytes += gzipSync(svg, { level: 9 }).byteLength
  }
  return { codeFiles, drawingFiles, drawings: svgs.size, drawingBytes, drawingGzipBytes }
}

/** Bytes transferred for the files of the footprint (code or drawings); URLs as the bench shortens them, local ones from /. */
export function mermaidTransferred(files: readonly { url: string, bytes: number }[], footprint: MermaidFootprint): number {
  let bytes = 0
  for (const file of files) {
    const path = file.url.split(/[?#]/)[0]!
    if (footprint.codeFiles.has(path) || footprint.drawingFiles.has(path))
      bytes += file.bytes
  }
  return bytes
}
