/**
 * A PDF's structure tree (its tags), as PDF/UA-1 asks of it and a screen
 * reader walks it: the types it uses, the RoleMap that explains those a PDF
 * 1.7 reader does not know, and the checks the exported PDFs must pass
 * (tests/exports.spec.ts reads them with scripts/export/read-pdf.ts).
 *
 * Chromium tags a printed page from its accessibility tree and writes PDF 2.0
 * types (`Strong`, `Em`) into a file that says it is PDF 1.7; poppler reports
 * each as "StructElem object is wrong type" and PDF/UA-1 checkers as a
 * non-standard type without a mapping. `mapRoles` maps them to the PDF 1.7
 * type that means the same (`Span`) in the tree's RoleMap.
 */
import * as pdfLib from 'pdf-lib'

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4): a reader knows these without a RoleMap. */
export const PDF17_TYPES: ReadonlySet<string> = new Set([
  // Grouping elements
  'Document',
  'Part',
  'Art',
  'Sect',
  'Div',
  'BlockQuote',
  'Caption',
  'TOC',
  'TOCI',
  'Index',
  'NonStruct',
  'Private',
  // Block-level elements
  'P',
  'H',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'L',
  'LI',
  'Lbl',
  'LBody',
  'Table',
  'TR',
  'TH',
  'TD',
  'THead',
  'TBody',
  'TFoot',
  // Inline-level elements
  'Span',
  'Quote',
  'Note',
  'Reference',
  'BibEntry',
  'Code',
  'Link',
  'Annot',
  'Ruby',
  'RB',
  'RT',
  'RP',
  'Warichu',
  'WT',
  'WP',
  // Illustration elements
  'Figure',
  'Formula',
  'Form',
])

/**
 * The PDF 2.0 types (ISO 32000-2, 14.8.4) a browser may write, as the PDF 1.7
 * type that means the same: what `mapRoles` writes into the RoleMap.
 */
export const PDF20_AS_PDF17: Readonly<Record<string, string>> = {
  Strong: 'Span',
  Em: 'Span',
  Sub: 'Span',
  FENote: 'Note',
  Title: 'P',
  Aside: 'Div',
  DocumentFragment: 'Div',
}

/** The name of a PDF name object, without its slash. */
function nameOf(object: pdfLib.PDFObject | undefined): string | undefined {
  return object instanceof pdfLib.PDFName ? object.decodeText() : undefined
}

/** A structure element's kids, as a list: /K holds one kid or an array of them. */
function kidsOf(element: pdfLib.PDFDict, context: pdfLib.PDFContext): pdfLib.PDFObject[] {
  const kids = context.lookup(element.get(pdfLib.PDFName.of('K')))
  if (kids instanceof pdfLib.PDFArray)
    return kids.asArray().map(kid => context.lookup(kid) ?? kid)
  return kids ? [kids] : []
}

/** The tree's root (the catalog's StructTreeRoot), when the file is tagged. */
export function structTreeRoot(pdf: pdfLib.PDFDocument): pdfLib.PDFDict | undefined {
  const root = pdf.context.lookup(pdf.catalog.get(pdfLib.PDFName.of('StructTreeRoot')))
  return root instanceof pdfLib.PDFDict ? root : undefined
}

export interface StructElement {
  /** Its structure type as written (/S), before any RoleMap. */
  type: string
  /** Its alternate text (/Alt), when it has one. */
  alt: string | undefined
}

/** Every structure element of a tagged PDF, depth first: the kids of /K, marked-content and object references left out. */
export function structElements(pdf: pdfLib.PDFDocument): StructElement[] {
  const root = structTreeRoot(pdf)
  const found: StructElement[] = []
  const walk = (element: pdfLib.PDFDict) => {
    const type = nameOf(element.get(pdfLib.PDFName.of('S')))
    if (type !== undefined) {
      const alt = element.lookup(pdfLib.PDFName.of('Alt'))
      found.push({ type, alt: alt instanceof pdfLib.PDFString || alt instanceof pdfLib.PDFHexString ? alt.decodeText() : undefined })
    }
    for (const kid of kidsOf(element, pdf.context)) {
      if (kid instanceof pdfLib.PDFDict)
        walk(kid)
    }
  }
  if (root)
    walk(root)
  return found
}

/** The tree's RoleMap: each mapped type and the type it stands for. */
export function roleMap(pdf: pdfLib.PDFDocument): Record<string, string> {
  const map = structTreeRoot(pdf)?.lookup(pdfLib.PDFName.of('RoleMap'))
  if (!(map instanceof pdfLib.PDFDict))
    return {}
  return Object.fromEntries(map.entries().flatMap(([key, value]) => {
    const mapped = nameOf(value)
    return mapped === undefined ? [] : [[key.decodeText(), mapped]]
  }))
}

/**
 * Maps every type of the tree that PDF 1.7 does not define to the standard
 * type that means the same, in the tree's RoleMap (kept with what it already
 * maps). Returns the types it mapped; throws on a type it has no mapping
 * for, so a browser that starts writing a new one fails the export loudly.
 */
export function mapRoles(pdf: pdfLib.PDFDocument): Record<string, string> {
  const root = structTreeRoot(pdf)
  if (!root)
    return {}
  const existing = roleMap(pdf)
  const types = [...new Set(structElements(pdf).map(element => element.type))]
  const unknown = types.filter(type => !PDF17_TYPES.has(type) && !(type in existing) && !(type in PDF20_AS_PDF17))
  if (unknown.length > 0)
    throw new Error(`The structure tree uses ${unknown.join(', ')}: neither PDF 1.7 types nor mapped; add them to PDF20_AS_PDF17 in scripts/export/structure.ts.`)
  const added = Object.fromEntries(types.filter(type => !PDF17_TYPES.has(type) && !(type in existing)).sort().map(type => [type, PDF20_AS_PDF17[type]!]))
  if (Object.keys(added).length > 0) {
    const map = root.lookup(pdfLib.PDFName.of('RoleMap'))
    const dict = map instanceof pdfLib.PDFDict ? map : pdf.context.obj({})
    for (const [type, standard] of Object.entries(added))
      dict.set(pdfLib.PDFName.of(type), pdfLib.PDFName.of(standard))
    root.set(pdfLib.PDFName.of('RoleMap'), dict)
  }
  return added
}

/** What a screen reader and a PDF/UA-1 check read of a PDF: see read-pdf.ts's `readStructure`. */
export interface StructureFacts {
  /** The catalog's MarkInfo says the file is tagged. */
  marked: boolean
  /** The catalog's /Lang. */
  lang: string | undefined
  /** The document's title, and whether the viewer shows it (not the file name) in its title bar. */
  title: string | undefined
  displayDocTitle: boolean
  /** Every structure element, depth first, its type as written. */
  elements: StructElement[]
  roleMap: Record<string, string>
  /** Per page, the headings a screen reader reaches (none inside a figure it reads the alternate text of), as `H1 Title`. */
  headings: string[][]
}

/**
 * What keeps a PDF from what the handouts promise assistive technology:
 * tagged, in a named language, its title shown, every figure with alternate
 * text, every type standard or mapped to one, and on each page the headings
 * `headings` expects there (for a slide, its title as the one `H1`).
 */
export function structureProblems(facts: StructureFacts, headings: readonly (readonly string[])[]): string[] {
  const problems: string[] = []
  if (!facts.marked)
    problems.push('not tagged (no MarkInfo /Marked true)')
  if (!facts.lang)
    problems.push('no language (catalog /Lang)')
  if (!facts.title?.trim() || !facts.displayDocTitle)
    problems.push('its title is not shown (a /Title and the viewer preference DisplayDocTitle)')
  const resolved = (type: string) => facts.roleMap[type] ?? type
  const figures = facts.elements.filter(element => resolved(element.type) === 'Figure')
  const bare = figures.filter(figure => !figure.alt?.trim()).length
  if (bare > 0)
    problems.push(`${bare} of ${figures.length} figures without alternate text`)
  const counts = new Map<string, number>()
  for (const element of facts.elements) {
    if (!PDF17_TYPES.has(element.type) && !PDF17_TYPES.has(facts.roleMap[element.type] ?? ''))
      counts.set(element.type, (counts.get(element.type) ?? 0) + 1)
  }
  if (counts.size > 0)
    problems.push(`types neither PDF 1.7 nor mapped to it: ${[...counts].map(([type, count]) => `${type} ${count}`).join(', ')}`)
  if (facts.headings.length !== headings.length)
    problems.push(`${facts.headings.length} pages where ${headings.length} were expected`)
  const words = (text: string) => text.replace(/\s+/g, ' ').trim()
  // Spaces aside: a heading's words may come in pieces, with or without the space between them.
  const same = (a: readonly string[], b: readonly string[]) => a.map(text => text.replace(/\s+/g, '')).join('|') === b.map(text => text.replace(/\s+/g, '')).join('|')
  const misplaced = facts.headings.flatMap((found, index) => {
    const expected = headings[index] ?? []
    return same(found, expected)
      ? []
      : [`page ${index + 1}: headings ${JSON.stringify(found.map(words))} where ${JSON.stringify(expected)} were expected`]
  })
  problems.push(...misplaced.slice(0, 5), ...(misplaced.length > 5 ? [`and ${misplaced.length - 5} more pages with other headings than expected`] : []))
  return problems
}
