import type { PdfFacts } from '../scripts/export/read-pdf'
import { existsSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { containerStack, KEY_OBSERVATION_STEP, vmStack } from '../components/architecture-compare'
import { boundDiagrams } from '../components/clicks'
import { findMermaidBlocks } from '../components/mermaid-steps'
import { sourceIds, sources } from '../components/sources'
import { startupBars } from '../components/startup-timeline'
import { formatDuration } from '../components/timeline'
import { exportFiles } from '../scripts/export/outputs'
import { poppler, readPdf, renderPage } from '../scripts/export/read-pdf'
import { citedSources } from '../scripts/lib/citations'
import { loadDeck } from '../scripts/lib/deck'
import { readImport } from '../scripts/mermaid/source'
import { normalise } from './support/deck-page'
import { sectionOutline } from './support/outline'

const deck = await loadDeck()
const files = exportFiles(deck)
const pdfPath = files.slides.path

test.describe('the exported slides PDF', () => {
  let pdf: PdfFacts

  test.beforeAll(async () => {
    expect(existsSync(pdfPath), `${pdfPath} exists (run npm run export)`).toBe(true)
    pdf = await readPdf(pdfPath)
  })

  test('has one page per slide', () => {
    expect(pdf.pages).toHaveLength(deck.slides.length)
  })

  test('each page holds its slide\'s title as selectable text', () => {
    const missing = deck.slides
      .filter(slide => !normalise(pdf.pages[slide.no - 1]!.text).includes(normalise(slide.title)))
      .map(slide => `page ${slide.no}: "${slide.title}"`)
    expect(missing).toEqual([])
  })

  test('is text, not pictures of text: every page has words on it', () => {
    const thin = pdf.pages
      .map((page, index) => ({ page: index + 1, words: normalise(page.text).split(' ').length }))
      .filter(({ words }) => words < 4)
    expect(thin).toEqual([])
  })

  test('carries the talk\'s title and author in its metadata', () => {
    expect(pdf.info.Title).toBe(deck.title)
    expect(pdf.info.Author).toBe(deck.author)
    expect(String(pdf.info.Subject ?? '')).toContain('Containers vs Virtual Machines')
  })

  test('has an outline of the sections, each with its slides, in order', () => {
    expect(pdf.outline).toEqual(sectionOutline(deck))
  })

  test('prints the startup timeline complete: every bar, total, source and phase', () => {
    const slide = deck.slides.find(candidate => candidate.content.includes('<StartupTimeline view="all"'))!
    const text = normalise(pdf.pages[slide.no - 1]!.text)
    const labels = startupBars.flatMap(bar => [
      bar.label,
      bar.said ?? formatDuration(bar.totalMs),
      sources[bar.source].short,
      ...bar.phases.map(phase => `${phase.label} ${phase.said ?? formatDuration(phase.ms)}`),
    ])
    expect(labels.filter(label => !text.includes(normalise(label)))).toEqual([])
  })

  test('links every source in the references as a clickable URI', () => {
    const links = new Set(pdf.pages.flatMap(page => page.links))
    // The short edition lists the sources its slides still cite, and the chapter's own (components/slot.ts).
    const cited = citedSources(deck.slides)
    const listed = sourceIds.filter(id => deck.slot === 'full' || sources[id].group === 'chapter' || cited.includes(id))
    expect(listed.filter(id => !links.has(sources[id].url))).toEqual([])
    expect(sourceIds.filter(id => !listed.includes(id) && links.has(sources[id].url))).toEqual([])
  })
})

/** The steps PDF's pages, each with the slide and click it shows. */
function stepPages() {
  return deck.slides.flatMap(slide => Array.from({ length: slide.clicks + 1 }, (_, clicks) => ({ slide, clicks })))
}

test.describe('the exported steps PDF', () => {
  let pdf: PdfFacts

  test.beforeAll(async () => {
    expect(existsSync(files.steps.path), `${files.steps.path} exists (run npm run export)`).toBe(true)
    pdf = await readPdf(files.steps.path)
  })

  test('has one page per click step: each slide once, plus once per click', () => {
    expect(pdf.pages).toHaveLength(stepPages().length)
    expect(files.steps.pages).toBe(stepPages().length)
  })

  test('shows each slide\'s title on every one of its step pages', () => {
    const missing = stepPages()
      .map((step, index) => ({ ...step, text: normalise(pdf.pages[index]!.text) }))
      .filter(step => !step.text.includes(normalise(step.slide.title)))
      .map(step => `${step.slide.title} at click ${step.clicks}`)
    expect(missing).toEqual([])
  })

  test('says in words what each click added: every diagram step prints its caption', () => {
    const missing = stepPages()
      .map((step, index) => ({ ...step, text: normalise(pdf.pages[index]!.text) }))
      .filter(step => boundDiagrams(step.slide.content).length > 0)
      .filter(step => !step.text.includes(step.clicks === 0 ? 'Before the first click:' : `Step ${step.clicks} of ${step.slide.clicks}:`))
      .map(step => `${step.slide.title} at click ${step.clicks}`)
    expect(missing).toEqual([])
  })

  test('only adds on each click: every step page keeps the words of the step before', () => {
    // The step's caption (components/StepCaptions.vue) is the one line that changes rather than grows.
    const withoutCaption = (text: string) => text.replace(/(?:Before the first click:|Step \d+ of \d+:) .*?[.!?](?=\s|$)/, '')
    const pages = stepPages().map((step, index) => ({ ...step, words: new Set(withoutCaption(normalise(pdf.pages[index]!.text)).split(' ')) }))
    const lost = pages.flatMap((page, index) => {
      const before = pages[index - 1]
      if (!before || page.clicks === 0)
        return []
      const missing = [...before.words].filter(word => !page.words.has(word))
      return missing.length > 0 ? [`${page.slide.title} at click ${page.clicks} lost: ${missing.join(' ')}`] : []
    })
    expect(lost).toEqual([])
  })

  test('builds the architecture stacks in order, layer by layer', () => {
    const pages = stepPages()
    const slide = deck.slides.find(candidate => candidate.content.includes('<ArchitectureCompare'))!
    const textAt = (clicks: number) => normalise(pdf.pages[pages.findIndex(step => step.slide === slide && step.clicks === clicks)]!.text)
    for (let clicks = 0; clicks <= slide.clicks; clicks++) {
      const text = textAt(clicks)
      for (const layer of [...vmStack.layers, ...containerStack.layers])
        expect(text.includes(layer.label), `"${layer.label}" at click ${clicks}`).toBe(layer.step <= clicks)
      expect(text.includes('VMs duplicate kernels'), `key observation at click ${clicks}`).toBe(clicks >= KEY_OBSERVATION_STEP)
    }
  })

  test('renders diagram steps as they were approved', () => {
    const pages = stepPages()
    const pick = [
      { component: '<ArchitectureCompare', clicks: 3 },
      { component: '<FailureDomains', clicks: 3 },
      { component: '<IsolationBoundary', clicks: 4 },
      { component: '<DensityChart', clicks: 3 },
    ]
    for (const { component, clicks } of pick) {
      const index = pages.findIndex(step => step.slide.content.includes(component) && step.clicks === clicks)
      expect(index, `${component} at click ${clicks}`).toBeGreaterThanOrEqual(0)
      const png = renderPage(files.steps.path, index + 1)
      // Tolerant of anti-aliasing; a missing or moved layer changes several percent of the page.
      expect(png).toMatchSnapshot(`${component.slice(1).toLowerCase()}-click-${clicks}.png`, { maxDiffPixelRatio: 0.01, threshold: 0.3 })
    }
  })
})

/** What each mermaid diagram writes on the slide: node labels, participants and messages, from its source. */
function mermaidLabels(source: string): string[] {
  return [
    ...[...source.matchAll(/\w+\s*(?:\[\s*"|\(\s*")([^"]+)"/g)].map(match => match[1]!),
    ...[...source.matchAll(/participant \w+ as (.+)$/gm)].map(match => match[1]!),
    ...[...source.matchAll(/-[->]+[x)]?\s*\w+:(.+)$/gm)].map(match => match[1]!),
    ...[...source.matchAll(/\|([^|]+)\|/g)].map(match => match[1]!),
  ].map(label => normalise(label.trim()))
}

test.describe('the mermaid diagrams on paper', () => {
  const diagrams = deck.slides.flatMap(slide => findMermaidBlocks(slide.content).map(block => ({
    slide,
    labels: mermaidLabels(block.importPath === undefined ? block.source ?? '' : readImport(block.importPath).source),
  })))
  /** A slide's page in the steps PDF at a click. */
  const stepPage = (no: number, clicks: number) => deck.slides.slice(0, no - 1).reduce((pages, slide) => pages + slide.clicks + 1, 0) + clicks + 1

  test('are vector drawings with their labels as text, light and dark', async () => {
    expect(diagrams.length).toBeGreaterThanOrEqual(4)
    for (const path of [files.slides.path, files.dark.path]) {
      const pdf = await readPdf(path)
      for (const { slide, labels } of diagrams) {
        expect(labels.length, `${slide.title}: labels read from its source`).toBeGreaterThan(2)
        const text = normalise(pdf.pages[slide.no - 1]!.text)
        expect(labels.filter(label => !text.includes(label)), `${path}, page ${slide.no}: labels not in its text`).toEqual([])
        // pdfimages lists a page's raster images under a two-line header: a vector page has none.
        const images = poppler('pdfimages', ['-list', '-f', String(slide.no), '-l', String(slide.no), path]).trim().split('\n').slice(2)
        expect(images, `${path}, page ${slide.no}: raster images`).toEqual([])
      }
    }
  })

  test('render as approved: a step page, and a page of the dark PDF', () => {
    const docker = diagrams.find(({ slide }) => slide.content.includes('docker-run.mmd'))!.slide
    expect(renderPage(files.steps.path, stepPage(docker.no, 2))).toMatchSnapshot('mermaid-docker-run-click-2.png', { maxDiffPixelRatio: 0.01, threshold: 0.3 })
    const decision = diagrams.find(({ slide }) => /decision flow/i.test(slide.title))!.slide
    expect(renderPage(files.dark.path, decision.no)).toMatchSnapshot('mermaid-decision-flow-dark.png', { maxDiffPixelRatio: 0.01, threshold: 0.3 })
  })
})
