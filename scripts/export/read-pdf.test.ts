import { Buffer } from 'node:buffer'
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { incompleteExport, pdfWithoutDates } from './read-pdf'

const page = (text: string) => ({ text, links: [] })

describe('incompleteExport', () => {
  it('accepts one page with text per slide', () => {
    expect(incompleteExport([page('Agenda'), page('The question')], 2)).toEqual([])
  })

  it('names blank pages, as slidev export prints them on a busy machine', () => {
    expect(incompleteExport([page('Agenda'), page('  '), page('')], 3)).toEqual(['no text on pages 2, 3'])
  })

  it('reports a page count that differs from the expected one', () => {
    expect(incompleteExport([page('Agenda')], 2)).toEqual(['1 pages where 2 were expected'])
  })
})

describe('pdfWithoutDates', () => {
  /** A one-page PDF as Chromium writes one: a Flate-compressed page, a date, a structure element named by its node. */
  function pdf(options: { text: string, date: string, node: number, level: number }): Uint8Array {
    const content = deflateSync(Buffer.from(`BT (${options.text}) Tj ET`), { level: options.level })
    return Buffer.concat([
      Buffer.from(`%PDF-1.7\n1 0 obj\n<< /CreationDate (D:${options.date}Z) >>\nendobj\n2 0 obj\n<< /S /P /ID (node${options.node}) >>\nendobj\n3 0 obj\n<< /Filter /FlateDecode /Length ${content.byteLength} >>\nstream\n`, 'latin1'),
      content,
      Buffer.from(`\nendstream\nendobj\nxref\n0 1\n0000000000 65535 f \nstartxref\n${123 + options.node}\n%%EOF\n`, 'latin1'),
    ])
  }

  it('is the same for two prints of the same content: other dates, compression, node numbers and offsets', () => {
    const first = pdf({ text: 'Architecture, side by side', date: '20261201100000', node: 422, level: 9 })
    const second = pdf({ text: 'Architecture, side by side', date: '20301231235959', node: 426, level: 1 })
    expect(Buffer.compare(first, second)).not.toBe(0)
    expect(pdfWithoutDates(second)).toBe(pdfWithoutDates(first))
    expect(pdfWithoutDates(first)).toContain('BT (Architecture, side by side) Tj ET')
  })

  it('differs when what is printed differs', () => {
    const first = pdf({ text: 'Architecture, side by side', date: '20261201100000', node: 1, level: 9 })
    const other = pdf({ text: 'Architecture side by side', date: '20261201100000', node: 1, level: 9 })
    expect(pdfWithoutDates(other)).not.toBe(pdfWithoutDates(first))
  })
})
