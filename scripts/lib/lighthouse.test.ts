import type { LighthouseReport } from './lighthouse'
import { describe, expect, it } from 'vitest'
import { auditItems, describeFailingAudits, failingAudits } from './lighthouse'

/** A report with an accessibility and an SEO category, as Lighthouse writes one (only the fields read). */
function reportOf(audits: Record<string, { score: number | null, scoreDisplayMode?: string, items?: unknown[] }>, scores: Record<string, number | null> = {}): LighthouseReport {
  const ids = Object.keys(audits)
  return {
    categories: {
      'accessibility': { id: 'accessibility', score: scores.accessibility ?? 1, auditRefs: ids.filter(id => !id.startsWith('seo:')).map(id => ({ id })) },
      'seo': { id: 'seo', score: scores.seo ?? 1, auditRefs: ids.filter(id => id.startsWith('seo:')).map(id => ({ id })) },
      'best-practices': { id: 'best-practices', score: scores['best-practices'] ?? 1, auditRefs: [] },
    },
    audits: Object.fromEntries(ids.map(id => [id, {
      id,
      title: `The ${id} audit`,
      score: audits[id]!.score,
      scoreDisplayMode: audits[id]!.scoreDisplayMode ?? 'binary',
      details: audits[id]!.items ? { type: 'table', items: audits[id]!.items } : undefined,
    }])),
  }
}

describe('failingAudits', () => {
  const report = reportOf({
    'target-size': { score: 0, items: [{ node: { selector: 'nav > button', snippet: '<button class="">', nodeLabel: 'Change sync settings', explanation: 'Fix any of the following:\n  Target has insufficient size' } }] },
    'color-contrast': { score: 1 },
    'aria-roles': { score: null, scoreDisplayMode: 'notApplicable' },
    'bypass': { score: null, scoreDisplayMode: 'error' },
    'seo:crawlable-anchors': { score: 0, items: [{ node: { selector: 'a.nav', snippet: '<a class="nav">' } }] },
    'seo:structured-data': { score: null, scoreDisplayMode: 'manual' },
  })

  it('lists scored audits below 1 and audits that could not run, with their category, in the report\'s order', () => {
    expect(failingAudits(report).map(audit => [audit.category, audit.id, audit.score])).toEqual([
      ['accessibility', 'target-size', 0],
      ['accessibility', 'bypass', 0],
      ['seo', 'seo:crawlable-anchors', 0],
    ])
  })

  it('keeps to the categories asked for', () => {
    expect(failingAudits(report, ['seo']).map(audit => audit.id)).toEqual(['seo:crawlable-anchors'])
    expect(failingAudits(report, ['best-practices'])).toEqual([])
  })

  it('prints each audit with its title and score, and its elements indented', () => {
    expect(describeFailingAudits(failingAudits(report, ['accessibility']))).toBe([
      'accessibility target-size (The target-size audit): score 0',
      '    nav > button <button class=""> "Change sync settings" Fix any of the following: Target has insufficient size',
      'accessibility bypass (The bypass audit): score 0',
    ].join('\n'))
  })
})

describe('auditItems', () => {
  it('writes an element by its selector, markup and explanation, a resource by its URL, anything else as JSON', () => {
    expect(auditItems({ items: [{ node: { selector: 'p', snippet: '<p>' } }, { url: 'http://localhost/a.js', wastedMs: 10 }, { description: 'x' }] })).toEqual(['p <p>', 'http://localhost/a.js', '{"description":"x"}'])
  })

  it('keeps the first ten and says how many more', () => {
    const lines = auditItems({ items: Array.from({ length: 12 }, (_, index) => ({ url: `/${index}` })) })
    expect(lines).toHaveLength(11)
    expect(lines.at(-1)).toBe('… and 2 more')
  })

  it('has no lines for details without items', () => {
    expect(auditItems(undefined)).toEqual([])
    expect(auditItems({ type: 'debugdata' })).toEqual([])
  })
})
