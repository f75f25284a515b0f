import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, describe, expect, it } from 'vitest'
import { readProc } from '../lib/processes'
import { runMeasured } from './proc'

describe.runIf(process.platform === 'linux')('runMeasured', () => {
  const folder = mkdtempSync(join(tmpdir(), 'bench-proc-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('times a command and keeps the end of its output', async () => {
    const result = await runMeasured('sh', ['-c', 'echo out; echo err >&2; sleep 0.2; exit 3'], { cwd: folder, timeoutMs: 10_000 })
    expect(result).toMatchObject({ code: 3, signal: null, timedOut: false, peakRssKb: 0 })
    expect(result.output).toContain('out')
    expect(result.output).toContain('err')
    expect(result.wallMs).toBeGreaterThanOrEqual(150)
  }, 60_000)

  it('ends the command with what it started at the timeout', async () => {
    const pidFile = join(folder, 'grandchild')
    const result = await runMeasured('sh', ['-c', `sleep 30 & echo $! > ${pidFile}; wait`], { cwd: folder, timeoutMs: 300 })
    expect(result.timedOut).toBe(true)
    expect(result.wallMs).toBeLessThan(10_000)
    const grandchild = Number(readFileSync(pidFile, 'utf8'))
    expect(grandchild).toBeGreaterThan(0)
    // Gone, or a zombie (what is left of it until its new parent reaps it).
    await expect.poll(() => {
      const status = readProc(grandchild, 'status')
      return status === undefined || /^State:\s+Z/m.test(status)
    }).toBe(true)
  }, 60_000)

  it('polls the memory of the `slidev build` processes under the command, not of the command itself', async () => {
    // A stand-in for the Slidev CLI: a Node process named slidev.mjs, given `build`, that holds 64 MB for a moment.
    const slidev = join(folder, 'slidev.mjs')
    writeFileSync(slidev, 'const hold = Buffer.alloc(64 * 1024 * 1024, 1); setTimeout(() => console.log(hold.length), 600)\n')
    const built = await runMeasured('sh', ['-c', `"${process.execPath}" "${slidev}" build`], { cwd: folder, timeoutMs: 20_000, measureBuildMemory: true })
    expect(built.code).toBe(0)
    expect(built.peakRssKb).toBeGreaterThan(64 * 1024)
    const other = await runMeasured('sh', ['-c', `"${process.execPath}" "${slidev}" export`], { cwd: folder, timeoutMs: 20_000, measureBuildMemory: true })
    expect(other.peakRssKb).toBe(0)
  }, 60_000)
})
