import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_PAGE } from '../shared/sync-protocol'
import { CLICK_TOTALS_FILE, formatClickTotals, parseClickTotals, readClickTotals } from './click-totals'

describe('the click totals the build writes', () => {
  it('read back as written, and nothing else is taken for them', () => {
    expect(parseClickTotals(formatClickTotals([0, 3, 1]))).toEqual([0, 3, 1])
    for (const bad of ['', 'null', '[0,1]', '{"clicks":[]}', '{"clicks":[1.5]}', '{"clicks":[-1]}', '{"clicks":["1"]}', JSON.stringify({ clicks: Array.from({ length: MAX_PAGE + 1 }, () => 0) })])
      expect(parseClickTotals(bad), bad).toBeUndefined()
  })

  it('are read from the deck\'s folder, and their absence is logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-totals-'))
    const log: string[] = []
    expect(await readClickTotals(dir, line => log.push(line))).toBeUndefined()
    expect(log).toEqual([expect.stringContaining('positions are not checked')])
    writeFileSync(join(dir, CLICK_TOTALS_FILE), formatClickTotals([2, 0]))
    expect(await readClickTotals(dir, line => log.push(line))).toEqual([2, 0])
  })
})
