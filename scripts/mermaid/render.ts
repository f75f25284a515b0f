/**
 * Draws mermaid diagrams to SVG with mermaid itself, in a headless Chromium
 * found by scripts/lib/chromium.ts, once, when the deck is built. The audience
 * never downloads mermaid: the deck carries the SVG.
 *
 * Why this and not a package: mermaid lays out text with a browser's DOM, so
 * every faithful renderer drives a browser. `mermaid-isomorphic` does what
 * this file does, but pins mermaid 11 behind its own range, loads Font Awesome
 * and KaTeX stylesheets into every render, and launches `playwright`, a third
 * copy of the driver; `@mermaid-js/mermaid-cli` drives Puppeteer, whose
 * install script downloads its own Chrome (blocked by npm 11 here, and a
 * second browser to keep). This file uses the Playwright and the Chromium the
 * deck already has, and the deck's own Inter files, so the text is measured
 * in the font it is shown in.
 *
 * Each render is tagged for stepping (components/mermaid-steps.ts): the
 * renderer parses the source cut at the end of each step with mermaid's own
 * parser, and marks every node, edge, participant and statement with the step
 * that declares it (`data-step`, `--mermaid-step`). Mermaid's stylesheet is
 * dropped: the deck colours the SVG with its own tokens (MermaidDiagram.vue),
 * for light and dark alike.
 */
import type { Browser, Page } from 'playwright-chromium'
import type { ParsedMermaid } from '../../components/mermaid-steps.ts'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-chromium'
import { assignSteps, statementSteps } from '../../components/mermaid-steps.ts'
import { HOST_RULES } from '../bench/starter.ts'
import { locateChromium } from '../lib/chromium.ts'

const require = createRequire(import.meta.url)

/** The mermaid that draws the diagrams: its version is part of every rendered file's key. */
export const MERMAID_VERSION: string = (require('mermaid/package.json') as { version: string }).version

/** Type sizes the diagrams are laid out at, in CSS pixels on the 980 px slide: the deck's body and label sizes. */
export const MERMAID_TYPE = { flowchart: 28, sequence: 28 } as const

/** Mermaid's configuration: the deck's font and sizes, text as SVG text (no HTML labels), no size caps. */
export const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'base',
  htmlLabels: false,
  fontFamily: 'Inter',
  // The sequence diagram's type: mermaid sets its actor, message and note sizes from this one.
  fontSize: MERMAID_TYPE.sequence,
  themeVariables: { fontFamily: 'Inter', fontSize: `${MERMAID_TYPE.flowchart}px` },
  flowchart: { htmlLabels: false, useMaxWidth: false, padding: 10, nodeSpacing: 24, rankSpacing: 16, curve: 'basis', wrappingWidth: 600 },
  sequence: {
    useMaxWidth: false,
    mirrorActors: false,
    actorFontFamily: 'Inter',
    actorFontSize: MERMAID_TYPE.sequence,
    actorFontWeight: 600,
    messageFontFamily: 'Inter',
    messageFontSize: MERMAID_TYPE.sequence,
    noteFontFamily: 'Inter',
    noteFontSize: MERMAID_TYPE.sequence,
    width: 100,
    height: 34,
    actorMargin: 12,
    diagramMarginX: 0,
    diagramMarginY: 0,
    boxMargin: 4,
    boxTextMargin: 4,
    noteMargin: 8,
    messageMargin: 4,
    wrap: false,
  },
} as const

export class MermaidRenderError extends Error {
  override name = 'MermaidRenderError'
  /** 1-based line in the diagram's source, when mermaid names one. */
  readonly line: number | undefined
  constructor(message: string, line?: number) {
    super(message)
    this.line = line
  }
}

export interface RenderedMermaid {
  svg: string
  /** The SVG's size in CSS pixels, as laid out. */
  width: number
  height: number
}

const FONT_WEIGHTS = [400, 600, 700] as const

function pageHtml(): string {
  const fonts = FONT_WEIGHTS.map((weight) => {
    const file = fileURLToPath(new URL(`../../styles/fonts/inter-${weight}.woff2`, import.meta.url))
    return `@font-face{font-family:Inter;font-weight:${weight};src:url(data:font/woff2;base64,${readFileSync(file).toString('base64')}) format('woff2')}`
  }).join('')
  return `<!doctype html><html><head><meta charset="utf-8"><style>${fonts} body{margin:0;font-family:Inter}</style></head><body><div id="render"></div></body></html>`
}

/** Runs in the page: what each prefix declares, as mermaid parses it (node, edge and subgraph ids, or participants and the statement count). */
async function declareInPage({ prefixes, kind, config }: { prefixes: string[], kind: ParsedMermaid['kind'], config: unknown }): Promise<{ declared: string[][], statements: number[] } | { error: string }> {
  const mermaid = (window as unknown as { mermaid: { initialize: (config: unknown) => void, mermaidAPI: { getDiagramFromText: (text: string) => Promise<{ db: any }> } } }).mermaid
  mermaid.initialize(config)
  const message = (error: unknown): string => error instanceof Error ? error.message : typeof error === 'object' && error && 'str' in error ? String((error as { str: unknown }).str) : String(error)
  const declared: string[][] = []
  const statements: number[] = []
  for (const [index, prefix] of prefixes.entries()) {
    try {
      const { db } = await mermaid.mermaidAPI.getDiagramFromText(prefix)
      if (kind === 'flowchart') {
        declared.push([
          ...[...db.getVertices().keys()].map((key: string) => `node:${key}`),
          ...db.getEdges().map((edge: { id: string }) => `edge:${edge.id}`),
          ...db.getSubGraphs().map((graph: { id: string }) => `cluster:${graph.id}`),
        ])
      }
      else {
        declared.push([...db.getActorKeys()].map((key: string) => `actor:${key}`))
        statements.push(db.getMessages().length)
      }
    }
    catch (error) {
      return { error: index === prefixes.length - 1 ? message(error) : `step ${index} alone does not parse: ${message(error)}` }
    }
  }
  return { declared, statements }
}

/**
 * Runs in the page: renders the whole diagram, marks each element with the
 * step it comes in at (`stepOf`, `statementStep`: worked out outside the page
 * by components/mermaid-steps.ts from what declareInPage found), and cleans
 * the SVG.
 */
async function drawInPage({ source, steps, stepOf: stepEntries, statementStep, kind, id, config }: { source: string, steps: number, stepOf: Array<[string, number]>, statementStep: number[], kind: ParsedMermaid['kind'], id: string, config: unknown }): Promise<{ svg: string, width: number, height: number } | { error: string }> {
  const mermaid = (window as unknown as { mermaid: { initialize: (config: unknown) => void, render: (id: string, text: string, container?: Element) => Promise<{ svg: string }> } }).mermaid
  mermaid.initialize(config)
  const message = (error: unknown): string => error instanceof Error ? error.message : typeof error === 'object' && error && 'str' in error ? String((error as { str: unknown }).str) : String(error)

  let svgText: string
  try {
    const container = document.getElementById('render')!
    svgText = (await mermaid.render(id, source, container)).svg
  }
  catch (error) {
    return { error: message(error) }
  }

  const svg = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement as unknown as SVGSVGElement
  const stepOf = new Map(stepEntries)
  const mark = (element: Element | null, step: number | undefined): void => {
    if (!element || step === undefined || steps < 2)
      return
    element.setAttribute('data-step', String(step))
    element.classList.add('mermaid-step')
    element.setAttribute('style', `${element.getAttribute('style') ?? ''};--mermaid-step:${step}`.replace(/^;+/, ''))
  }

  if (kind === 'flowchart') {
    const nodeId = new RegExp(`^${id}-flowchart-(.+)-\\d+$`)
    for (const node of svg.querySelectorAll('g.node')) {
      const match = nodeId.exec(node.id)
      if (match)
        mark(node, stepOf.get(`node:${match[1]}`))
    }
    for (const edge of svg.querySelectorAll('path[data-edge="true"][data-id]'))
      mark(edge, stepOf.get(`edge:${edge.getAttribute('data-id')}`))
    for (const label of svg.querySelectorAll('g.edgeLabel > g.label[data-id]'))
      mark(label.parentElement, stepOf.get(`edge:${label.getAttribute('data-id')}`))
    for (const cluster of svg.querySelectorAll('g.cluster'))
      mark(cluster, stepOf.get(`cluster:${cluster.id}`))
  }
  else {
    for (const actor of svg.querySelectorAll('[data-et="participant"][data-id], [data-et="life-line"][data-id]'))
      mark(actor.getAttribute('data-et') === 'life-line' ? actor.parentElement : actor, stepOf.get(`actor:${actor.getAttribute('data-id')}`))
    for (const element of svg.querySelectorAll('[data-et="message"][data-id], [data-et="note"][data-id], [data-et="control-structure"][data-id]')) {
      const step = statementStep[Number(element.getAttribute('data-id')!.slice(1))]
      mark(element, step)
      const text = element.previousElementSibling
      if (element.getAttribute('data-et') === 'message' && text?.classList.contains('messageText'))
        mark(text, step)
    }
  }

  // Arrowheads at the deck's stroke width: mermaid sizes the flowchart's for a 1 px line.
  if (kind === 'flowchart') {
    for (const marker of svg.querySelectorAll('marker[id$="pointEnd"]')) {
      for (const attribute of ['markerWidth', 'markerHeight'])
        marker.setAttribute(attribute, String(Number(marker.getAttribute(attribute) ?? 8) * 1.75))
    }
  }
  // The deck colours the diagram (MermaidDiagram.vue): mermaid's stylesheet and default fills go.
  svg.querySelectorAll('style').forEach(style => style.remove())
  for (const shape of svg.querySelectorAll('rect, line, path, polygon, circle')) {
    if (!shape.closest('marker, symbol')) {
      if (shape.getAttribute('fill') !== 'none')
        shape.removeAttribute('fill')
      shape.removeAttribute('stroke')
    }
  }
  // Definitions nothing refers to (the sequence diagram's actor icons, unused arrowheads), and layout data.
  const text = svg.outerHTML
  for (const definition of svg.querySelectorAll('marker[id], symbol[id]')) {
    if (!text.includes(`#${definition.id})`) && !text.includes(`#${definition.id}"`))
      definition.remove()
  }
  svg.querySelectorAll('defs').forEach(defs => defs.children.length === 0 && defs.remove())
  for (const element of svg.querySelectorAll('[data-points], [data-look], [style=";"]')) {
    element.removeAttribute('data-points')
    element.removeAttribute('data-look')
    if (element.getAttribute('style') === ';')
      element.removeAttribute('style')
  }
  const box = (svg.getAttribute('viewBox') ?? '0 0 0 0').split(/\s+/).map(Number)
  // A sequence diagram's box ends at its last arrow's line: room for the arrowhead below it.
  if (kind === 'sequence')
    box[3] = (box[3] ?? 0) + 6
  svg.setAttribute('viewBox', box.join(' '))
  // Without bottom actors mermaid still runs the lifelines far past the box: end them with it.
  const bottom = (box[1] ?? 0) + (box[3] ?? 0)
  for (const line of svg.querySelectorAll('line.actor-line')) {
    if (Number(line.getAttribute('y2')) > bottom)
      line.setAttribute('y2', String(bottom))
  }
  const [, , width, height] = box
  for (const attribute of ['width', 'height', 'style', 'role', 'aria-roledescription'])
    svg.removeAttribute(attribute)
  // The size mermaid measured the flowchart's text at (its stylesheet set it on the root); sequence text carries its own.
  if (kind === 'flowchart')
    svg.setAttribute('font-size', (config as { themeVariables: { fontSize: string } }).themeVariables.fontSize.replace('px', ''))
  // Not aria-hidden: MermaidDiagram.vue names the drawing (role img), and Chromium tags a hidden subtree nowhere, so its Figure in the PDFs would go.
  svg.setAttribute('class', `mermaid-svg mermaid-svg--${kind}`)
  return { svg: new XMLSerializer().serializeToString(svg).replace(/ xmlns:xlink="[^"]*"/, ''), width: Math.ceil(width ?? 0), height: Math.ceil(height ?? 0) }
}

/** Mermaid's "Parse error on line 3:" as a line number. */
export function errorLine(message: string): number | undefined {
  const match = /line (\d+)/i.exec(message)
  return match ? Number(match[1]) : undefined
}

/** A Chromium with mermaid loaded, started on the first render and kept for the next (dev re-renders on save). */
export class MermaidRenderer {
  private browser: Promise<Browser> | undefined
  private page: Promise<Page> | undefined
  private queue: Promise<unknown> = Promise.resolve()

  private async ready(): Promise<Page> {
    this.browser ??= locateChromium().then(({ path }) => chromium.launch({
      executablePath: path,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', HOST_RULES],
    }))
    this.page ??= this.browser.then(async (browser) => {
      const page = await browser.newPage()
      await page.route(/^(?!data:|about:)/, route => route.abort())
      await page.setContent(pageHtml())
      // tsx and Vite compile drawInPage with esbuild's keepNames, which calls a __name helper the page lacks.
      await page.addScriptTag({ content: 'window.__name = (target) => target' })
      await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') })
      await page.evaluate(async () => {
        await Promise.all([400, 600, 700].map(weight => document.fonts.load(`${weight} 24px Inter`)))
      })
      return page
    })
    return this.page
  }

  /** The diagram as SVG; a source mermaid refuses throws MermaidRenderError with mermaid's message. */
  render(source: string, parsed: ParsedMermaid, id: string): Promise<RenderedMermaid> {
    const job = this.queue.then(async () => {
      const page = await this.ready()
      const declared = await page.evaluate(declareInPage, { prefixes: parsed.prefixes, kind: parsed.kind, config: MERMAID_CONFIG })
      if ('error' in declared)
        throw new MermaidRenderError(declared.error, errorLine(declared.error))
      const stepOf = [...assignSteps(declared.declared)]
      const result = await page.evaluate(drawInPage, { source, steps: parsed.prefixes.length, stepOf, statementStep: statementSteps(declared.statements), kind: parsed.kind, id, config: MERMAID_CONFIG })
      if ('error' in result)
        throw new MermaidRenderError(result.error, errorLine(result.error))
      return result
    })
    this.queue = job.catch(() => undefined)
    return job
  }

  async close(): Promise<void> {
    const browser = this.browser
    this.browser = undefined
    this.page = undefined
    if (browser)
      await (await browser.catch(() => undefined))?.close()
  }
}
