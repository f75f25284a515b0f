/**
 * The benchmark's smoke check (`npm run test:bench`, which .ci/run runs after
 * `npm test`): `npm run bench -- --quick` end to end builds and measures both
 * decks once, with one Lighthouse run per page (about 6 minutes on two cores),
 * and writes every figure for both.
 * It fails when the benchmark breaks, never on a figure's value. The logic it
 * runs is unit-tested without building the starter: lib.test.ts, proc.test.ts,
 * starter.test.ts, lighthouse.test.ts, browser.test.ts,
 * scripts/lib/{stats,format,processes,lighthouse}.test.ts.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, describe, expect, it } from 'vitest'
import { DECKS, METRIC_KEYS, OURS_ONLY } from './lib'
import { LIGHTHOUSE_KEYS, LIGHTHOUSE_PAGES } from './lighthouse'

/** A bound for a run that hangs, not a target: several times what the run takes on two quiet cores. */
const TIMEOUT_MS = 20 * 60_000

describe('npm run bench -- --quick', () => {
  const folder = mkdtempSync(join(tmpdir(), 'bench-test-'))
  const out = join(folder, 'results.json')
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('measures both decks and their pages in Lighthouse, and writes every figure as a finite number', () => {
    const run = spawnSync('npm', ['run', 'bench', '--', '--quick', '--out', out], {
      encoding: 'utf8',
      timeout: TIMEOUT_MS - 30_000,
      killSignal: 'SIGINT',
      env: process.env,
    })
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0)
    // The report, tables and all, in the test's log.
    process.stdout.write(run.stdout)
    expect(run.stdout).toMatch(/ours \(median\)\s+starter \(median\)\s+ours\/starter\s+target/)
    expect(existsSync(out)).toBe(true)
    const results = JSON.parse(readFileSync(out, 'utf8'))
    expect(results).toMatchObject({ complete: true, options: { runs: 1, quick: true, exportRange: '1', clickThroughSlides: 3 } })
    for (const deck of DECKS) {
      for (const key of METRIC_KEYS) {
        if (deck === 'starter' && OURS_ONLY.includes(key)) {
          expect(results.decks[deck].median[key], `${deck} ${key}`).toBeUndefined()
          continue
        }
        const value = results.decks[deck].median[key]
        expect(typeof value, `${deck} ${key}`).toBe('number')
        expect(Number.isFinite(value), `${deck} ${key}: ${value}`).toBe(true)
      }
      expect(results.decks[deck].runs).toHaveLength(1)
      expect(results.decks[deck].runs[0]).toMatchObject({ exportPages: 1, clickThroughReachedEnd: true })
    }
    expect(results.decks.ours.median.otherHostRequests).toBe(0)
    // Mermaid: this deck ships drawings and none of its code; the starter ships its code and draws in the browser.
    expect(results.decks.ours.median).toMatchObject({ mermaidCodeBytes: 0, firstVisitMermaidBytes: 0 })
    expect(results.decks.ours.median.mermaidDrawingGzipBytes).toBeGreaterThan(0)
    expect(results.decks.starter.median.mermaidCodeBytes).toBeGreaterThan(50_000)
    expect(results.decks.starter.median.mermaidDrawingGzipBytes).toBe(0)
    // The starter asks Google Fonts and remote images, which fail offline and are counted.
    expect(results.decks.starter.median.otherHostRequests).toBeGreaterThan(0)
    expect(results.targets.map((target: { metric: string }) => target.metric)).toEqual(['firstVisitBytes', 'hostedFirstVisitBytes', 'mermaidCodeBytes', 'otherHostRequests', 'throttledTimeToFirstSlideMs', 'exportSecondsPerPage', 'deckExportSeconds', 'longTasks'])
    // npm run export printed every output of this deck: its slides, steps, dark and handout PDFs and its images.
    expect(results.decks.ours.median.deckExportSeconds).toBeGreaterThan(0)
    // Lighthouse, once per page (quick), every figure a number; its table printed with the targets.
    expect(results.lighthouse.settings).toMatchObject({ formFactor: 'mobile', throttlingMethod: 'simulate' })
    expect(results.lighthouse.pages.map((page: { id: string }) => page.id)).toEqual(LIGHTHOUSE_PAGES.map(page => page.id))
    for (const page of results.lighthouse.pages) {
      expect(page.runs, page.id).toHaveLength(1)
      for (const key of LIGHTHOUSE_KEYS)
        expect(Number.isFinite(page.median[key]), `${page.id} ${key}: ${page.median[key]}`).toBe(true)
    }
    expect(run.stdout).toMatch(/page\s+performance\s+FCP\s+LCP\s+TBT\s+CLS\s+accessibility\s+best practices\s+SEO/)
    expect(run.stdout).toMatch(/target \(ours\)\s+≥ 90\s+≤ 2\.5 s\s+≤ 200 ms\s+≤ 0\.1\s+100\s+100\s+100/)
    // Nothing left behind: the temporary folder is gone.
    const folderLine = /temporary folder (\S+)/.exec(run.stderr)
    expect(folderLine).not.toBeNull()
    expect(existsSync(folderLine![1]!)).toBe(false)
  }, TIMEOUT_MS)
})
