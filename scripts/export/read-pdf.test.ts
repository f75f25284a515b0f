import { describe, expect, it } from 'vitest'
import { incompleteExport } from './read-pdf'

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
