import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { describe, expect, it } from 'vitest'
import { LOCK_FILE, lockDataDir, processRuns } from './data-lock'
import { startServer } from './serve'

describe('one server per data directory', () => {
  it('refuses while another server\'s lock is held, takes a free one, and frees it when it stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-lock-'))
    // Another process (1111, running) holds it.
    writeFileSync(join(dir, LOCK_FILE), '1111\n')
    await expect(lockDataDir(dir, () => {}, 2222, () => true)).rejects.toThrow(/Another npm run serve \(process 1111\) uses the data directory/)
    rmSync(join(dir, LOCK_FILE))
    const lock = await lockDataDir(dir, () => {}, 2222, () => true)
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe('2222\n')
    // A second server in this same process is refused too.
    await expect(lockDataDir(dir, () => {}, 2222, () => true)).rejects.toThrow(/This process already serves the data directory/)
    await lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })

  it('takes over a lock whose process no longer runs, or that cannot be read, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-lock-'))
    writeFileSync(join(dir, LOCK_FILE), '3333\n')
    const log: string[] = []
    const lock = await lockDataDir(dir, line => log.push(line), 4444, pid => pid !== 3333)
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe('4444\n')
    expect(log).toEqual([expect.stringContaining('taking over the lock of a server that no longer runs (process 3333)')])
    await lock.release()
    writeFileSync(join(dir, LOCK_FILE), 'garbage')
    await (await lockDataDir(dir, () => {}, 4444, () => true)).release()
  })

  it('knows this process runs and a made-up one does not', () => {
    expect(processRuns(process.pid)).toBe(true)
    expect(processRuns(2 ** 22 + 12345)).toBe(false)
  })

  it('npm run serve refuses a second server on the same data directory, and starts once the first has stopped', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'deck-lock-dist-'))
    writeFileSync(join(dist, 'index.html'), '<!DOCTYPE html><html><head></head><body></body></html>')
    const dataDir = mkdtempSync(join(tmpdir(), 'deck-lock-data-'))
    const options = { dir: dist, base: '/', secret: 'a-secret-for-the-lock-tests', port: 0, host: 'localhost', dataDir }
    const first = await startServer(options)
    await expect(startServer(options)).rejects.toThrow(/one server per data directory/)
    await first.close()
    const again = await startServer(options)
    await again.close()
  })
})
