import { describe, expect, it } from 'vitest'
import { checkRehearsal, MAX_REHEARSAL_BYTES, MAX_REHEARSAL_MS, parseRehearsal, rehearsalTotal } from './rehearsal'
import { MAX_CLICKS, MAX_PAGE } from './sync-protocol'

const good = { v: 1, at: '2025-05-12T14:02:00.000Z', target: 2700, slides: [[60_000], [], [30_000, 15_000, 5_000]] }

function parse(value: unknown, clickTotals?: number[]) {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return parseRehearsal(text, new TextEncoder().encode(text).byteLength, { clickTotals })
}

describe('a rehearsal a deck sends', () => {
  it('is taken as it is, and its total is every step\'s time', () => {
    expect(parse(good)).toEqual({ ok: true, rehearsal: good })
    expect(rehearsalTotal(good)).toBe(110_000)
  })

  it('fits the deck the server has: as many slides, no slide with more steps than its clicks and one', () => {
    expect(parse(good, [0, 4, 2]).ok).toBe(true)
    expect(parse(good, [0, 4])).toEqual({ ok: false, reason: 'the deck has 2 slides, the rehearsal 3' })
    expect(parse(good, [0, 4, 1])).toEqual({ ok: false, reason: 'slide 3 has 1 clicks, the rehearsal times 2' })
  })

  it.each([
    ['not JSON', '{"v":'],
    ['a rehearsal is a JSON object', []],
    ['a rehearsal is a JSON object', null],
    ['exactly the fields', { ...good, extra: 1 }],
    ['exactly the fields', { v: 1, at: good.at, target: 60 }],
    ['v must be 1', { ...good, v: 2 }],
    ['at must be a time in UTC', { ...good, at: 'yesterday' }],
    ['at must be a time in UTC', { ...good, at: '2025-13-45T99:99:99Z' }],
    ['at must be a time in UTC', { ...good, at: 1_715_000_000 }],
    ['target must be', { ...good, target: 0 }],
    ['target must be', { ...good, target: Number.NaN }],
    ['target must be', { ...good, target: '45min' }],
    ['target must be', { ...good, target: 86_401 }],
    ['slides must be a list of 1', { ...good, slides: [] }],
    ['slides must be a list of 1', { ...good, slides: {} }],
    ['slides must be a list of 1', { ...good, slides: Array.from({ length: MAX_PAGE + 1 }, () => [1]) }],
    ['slide 2 must be a list', { ...good, slides: [[1], 5] }],
    ['slide 1 must be a list', { ...good, slides: [Array.from({ length: MAX_CLICKS + 2 }, () => 0)] }],
    ['slide 1\'s times must be whole', { ...good, slides: [[-1]] }],
    ['slide 1\'s times must be whole', { ...good, slides: [[1.5]] }],
    ['slide 1\'s times must be whole', { ...good, slides: [['1000']] }],
    ['slide 1\'s times must be whole', { ...good, slides: [[null]] }],
    ['slide 1\'s times must be whole', { ...good, slides: [[MAX_REHEARSAL_MS + 1]] }],
    ['more than nothing', { ...good, slides: [[0], []] }],
    ['at most a day', { ...good, slides: [[MAX_REHEARSAL_MS], [1]] }],
  ])('is refused: %s (%j)', (reason, value) => {
    const checked = parse(value)
    expect(checked.ok).toBe(false)
    expect(checked.ok ? '' : checked.reason).toContain(reason)
  })

  it('refuses Infinity, which JSON cannot carry, as a number or as text', () => {
    expect(parse(`{"v":1,"at":"${good.at}","target":2700,"slides":[[Infinity]]}`)).toEqual({ ok: false, reason: 'not JSON' })
    expect(checkRehearsal({ ...good, slides: [[Number.POSITIVE_INFINITY]] }).ok).toBe(false)
  })

  it('is refused unread over the size limit', () => {
    expect(parseRehearsal('{}', MAX_REHEARSAL_BYTES + 1)).toEqual({ ok: false, reason: `a rehearsal of ${MAX_REHEARSAL_BYTES + 1} bytes, over ${MAX_REHEARSAL_BYTES}` })
  })

  it('is copied, so the caller\'s arrays are not kept', () => {
    const slides = [[1000]]
    const checked = checkRehearsal({ ...good, slides })
    slides[0]![0] = 5
    expect(checked.ok && checked.rehearsal.slides).toEqual([[1000]])
  })
})
