import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { failed, run } from './run-parallel'

describe('together', () => {
  it('names the scripts that failed, with their exit code or signal', () => {
    expect(failed([
      { script: 'export', code: 0, signal: null },
      { script: 'test:bench', code: 1, signal: null },
      { script: 'other', code: null, signal: 'SIGKILL' },
    ])).toEqual(['test:bench (exit 1)', 'other (SIGKILL)'])
  })

  it('runs an npm script and reports how it ended', async () => {
    // A stand-in for npm: `run` passes `run --silent NAME`; this exits with the number in NAME.
    const folder = mkdtempSync(join(tmpdir(), 'together-'))
    const fakeNpm = join(folder, 'npm')
    writeFileSync(fakeNpm, '#!/bin/sh\necho "running $3"\nexit "$3"\n', { mode: 0o755 })
    await expect(Promise.all([run('0', fakeNpm), run('3', fakeNpm)])).resolves.toEqual([
      { script: '0', code: 0, signal: null },
      { script: '3', code: 3, signal: null },
    ])
  })
})
