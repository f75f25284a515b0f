import type { Deck } from '../lib/deck'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, PDFName } from 'pdf-lib'
import { describe, expect, it, onTestFinished } from 'vitest'
import { finishPdf } from './finish-pdf'
import { handoutOutline } from './print-handout'
import { readPdf } from './read-pdf'
import { roleMap } from './structure'

const deck: Deck = {
  slot: 'full',
  title: 'A talk',
  author: 'Someone',
  exportFilename: 'talk',
  info: 'What it is about',
  keywords: ['one', 'two'],
  slides: [
    { no: 1, title: 'Opening', level: 1, note: '', content: '', clicks: 0, file: 'slides.md', contentLine: 1, frontmatter: {} },
    { no: 2, title: 'Section', level: 1, note: '', content: '', clicks: 0, file: 'pages/a.md', contentLine: 1, frontmatter: {} },
    { no: 3, title: 'Detail', level: 2, note: '', content: '', clicks: 0, file: 'pages/a.md', contentLine: 1, frontmatter: {} },
  ],
}

async function blankPdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  for (let page = 0; page < pages; page++)
    pdf.addPage()
  return pdf.save()
}

describe('finishing a PDF', () => {
  it('sets the deck\'s metadata and a nested outline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'finish-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const path = join(dir, 'out.pdf')
    const outline = [{ page: 1, level: 1, title: 'Opening' }, { page: 2, level: 1, title: 'Section' }, { page: 4, level: 2, title: 'Detail' }]
    const edition = { version: '1.2.3', commit: 'abc1234', date: '2026-11-27' }
    writeFileSync(path, await finishPdf(await blankPdf(4), deck, { title: 'A talk — handout', outline, now: new Date('2026-11-27T10:00:00Z'), edition }))
    const facts = await readPdf(path)
    expect(facts.info).toMatchObject({ Title: 'A talk — handout', Author: 'Someone', Subject: 'What it is about', Keywords: 'one two', Language: 'en' })
    expect(facts.info.Custom).toEqual({ Edition: 'Edition 1.2.3 · abc1234 · 2026-11-27' })
    expect(facts.info.Creator).toContain('1.2.3 (abc1234)')
    expect(facts.displayDocTitle).toBe(true)
    expect(String(facts.info.CreationDate)).toMatch(/^D:20261127100000/)
    expect(facts.outline).toEqual([{ title: 'Opening', children: [] }, { title: 'Section', children: [{ title: 'Detail', children: [] }] }])
  })

  it('maps the PDF 2.0 types of the structure tree to PDF 1.7 ones in its RoleMap', async () => {
    const pdf = await PDFDocument.create()
    pdf.addPage()
    const strong = pdf.context.register(pdf.context.obj({ Type: 'StructElem', S: 'Strong', K: 0 }))
    const document = pdf.context.register(pdf.context.obj({ Type: 'StructElem', S: 'Document', K: [strong] }))
    pdf.catalog.set(PDFName.of('StructTreeRoot'), pdf.context.register(pdf.context.obj({ Type: 'StructTreeRoot', K: document })))
    const finished = await PDFDocument.load(await finishPdf(await pdf.save(), deck))
    expect(roleMap(finished)).toEqual({ Strong: 'Span' })
  })

  it('refuses a file with other pages than expected', async () => {
    await expect(finishPdf(await blankPdf(3), deck, { pages: 4 })).rejects.toThrow('3 pages where 4 were expected')
  })
})

describe('the handout outline', () => {
  it('opens each slide at the page its header names, continuation pages skipped', () => {
    const pages = ['Opening 1 / 3 notes', 'Section 2 / 3 notes', 'more notes, not 13 / 3', 'Detail 3 / 3']
    expect(handoutOutline(deck, pages)).toEqual([
      { page: 1, level: 1, title: 'Opening' },
      { page: 2, level: 1, title: 'Section' },
      { page: 4, level: 2, title: 'Detail' },
    ])
  })

  it('refuses a handout that lacks a slide', () => {
    expect(() => handoutOutline(deck, ['Opening 1 / 3'])).toThrow('The handout has no page for slide 2 (Section).')
  })
})
