import type { StructureFacts } from './structure'
import * as pdfLib from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { mapRoles, roleMap, structElements, structureProblems } from './structure'

/** A one-page PDF tagged as Chromium tags one: a Document holding elements of `types` (a Figure with `alt` when given). */
async function taggedPdf(types: string[], options: { alt?: string, roleMap?: Record<string, string> } = {}): Promise<pdfLib.PDFDocument> {
  const pdf = await pdfLib.PDFDocument.create()
  pdf.addPage()
  const { context } = pdf
  const kids = types.map(type => context.register(context.obj({
    Type: 'StructElem',
    S: type,
    K: 0,
    ...(type === 'Figure' && options.alt !== undefined ? { Alt: pdfLib.PDFString.of(options.alt) } : {}),
  })))
  const document = context.register(context.obj({ Type: 'StructElem', S: 'Document', K: kids }))
  const root = context.obj({ Type: 'StructTreeRoot', K: document, ...(options.roleMap ? { RoleMap: options.roleMap } : {}) })
  pdf.catalog.set(pdfLib.PDFName.of('StructTreeRoot'), context.register(root))
  return pdf
}

describe('mapRoles', () => {
  it('maps the PDF 2.0 types Chromium writes to Span, and survives a save', async () => {
    const pdf = await taggedPdf(['P', 'Strong', 'Em', 'Strong', 'Figure'])
    expect(mapRoles(pdf)).toEqual({ Em: 'Span', Strong: 'Span' })
    const saved = await pdfLib.PDFDocument.load(await pdf.save())
    expect(roleMap(saved)).toEqual({ Em: 'Span', Strong: 'Span' })
    expect(structElements(saved).map(element => element.type)).toEqual(['Document', 'P', 'Strong', 'Em', 'Strong', 'Figure'])
  })

  it('keeps what the RoleMap already maps, and adds nothing to a tree of standard types', async () => {
    const mapped = await taggedPdf(['Strong', 'Custom'], { roleMap: { Custom: 'P' } })
    expect(mapRoles(mapped)).toEqual({ Strong: 'Span' })
    expect(roleMap(mapped)).toEqual({ Custom: 'P', Strong: 'Span' })
    const standard = await taggedPdf(['P', 'H1'])
    expect(mapRoles(standard)).toEqual({})
    expect(roleMap(standard)).toEqual({})
  })

  it('refuses a type it has no mapping for, naming it', async () => {
    const pdf = await taggedPdf(['P', 'Marquee'])
    expect(() => mapRoles(pdf)).toThrow('The structure tree uses Marquee: neither PDF 1.7 types nor mapped')
  })
})

describe('structureProblems', () => {
  const good: StructureFacts = {
    marked: true,
    lang: 'en',
    title: 'A talk',
    displayDocTitle: true,
    elements: [{ type: 'Document', alt: undefined }, { type: 'H1', alt: undefined }, { type: 'Strong', alt: undefined }, { type: 'Figure', alt: 'Two stacks' }],
    roleMap: { Strong: 'Span' },
    headings: [['H1 Opening'], ['H1 Detail']],
  }
  const headings = [['H1 Opening'], ['H1 Detail']]

  it('passes a tagged file in a language, its title shown, every figure described, every type standard or mapped, a heading per slide', () => {
    expect(structureProblems(good, headings)).toEqual([])
  })

  it('fails on each promise broken', () => {
    expect(structureProblems({ ...good, marked: false }, headings)).toEqual(['not tagged (no MarkInfo /Marked true)'])
    expect(structureProblems({ ...good, lang: undefined }, headings)).toEqual(['no language (catalog /Lang)'])
    expect(structureProblems({ ...good, displayDocTitle: false }, headings)).toEqual(['its title is not shown (a /Title and the viewer preference DisplayDocTitle)'])
    expect(structureProblems({ ...good, title: ' ' }, headings)).toEqual(['its title is not shown (a /Title and the viewer preference DisplayDocTitle)'])
    expect(structureProblems({ ...good, elements: [...good.elements, { type: 'Figure', alt: '' }, { type: 'Figure', alt: undefined }] }, headings))
      .toEqual(['2 of 3 figures without alternate text'])
    expect(structureProblems({ ...good, roleMap: {} }, headings)).toEqual(['types neither PDF 1.7 nor mapped to it: Strong 1'])
    expect(structureProblems({ ...good, roleMap: { Strong: 'Bold' } }, headings)).toEqual(['types neither PDF 1.7 nor mapped to it: Strong 1'])
    expect(structureProblems({ ...good, headings: [['H1 Opening', 'H1 Detail'], []] }, headings)).toEqual([
      'page 1: headings ["H1 Opening","H1 Detail"] where ["H1 Opening"] were expected',
      'page 2: headings [] where ["H1 Detail"] were expected',
    ])
    expect(structureProblems({ ...good, headings: [['H1 Detail'], ['H1 Opening']] }, headings)).toHaveLength(2)
    expect(structureProblems({ ...good, headings: [['H1 Opening']] }, headings)[0]).toBe('1 pages where 2 were expected')
  })

  it('counts a type mapped to Figure as a figure, and reads a heading\'s words however its spaces fell', () => {
    expect(structureProblems({ ...good, elements: [{ type: 'Diagram', alt: undefined }], roleMap: { Diagram: 'Figure' } }, headings)).toEqual(['1 of 1 figures without alternate text'])
    expect(structureProblems({ ...good, headings: [['H1 Open ing'], ['H1  Detail']] }, headings)).toEqual([])
  })
})
