import type { JournalFiles } from './store'
import type { FaultState } from './test-disk'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { damagedFile, diskFiles, Journal, NotSaved, replaceFile, snapshotFile } from './store'
import { faultyFiles } from './test-disk'

/** A tiny board for the journal's tests: a list of numbers, each event adds one. */
interface Add { e: 'add', n: number }
const read = (value: unknown): Add | string => typeof value === 'object' && value !== null && (value as Add).e === 'add' && Number.isInteger((value as Add).n) ? value as Add : 'not an add'

let dir: string
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-store-'))
  file = join(dir, 'numbers.jsonl')
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** Opens the journal over a fresh list; `files` replaces the disk calls. */
async function open(options: { files?: JournalFiles, compactBytes?: number } = {}) {
  const numbers: number[] = []
  const log: string[] = []
  const { journal, opened } = await Journal.open<Add>({
    dir,
    name: 'numbers.jsonl',
    what: 'numbers',
    read,
    restore: (state) => {
      if (!Array.isArray(state))
        return 'not a list'
      numbers.push(...state as number[])
      return undefined
    },
    apply: (event) => {
      if (numbers.includes(event.n))
        return `${event.n} is there already`
      numbers.push(event.n)
      return undefined
    },
    snapshot: () => [...numbers],
    log: line => log.push(line),
    ...options,
  })
  /** Adds a number as the hub would: applied at once, undone when it cannot be saved. */
  const add = (n: number): Promise<void> => {
    numbers.push(n)
    return journal.append({ e: 'add', n }).catch((error: unknown) => {
      numbers.splice(numbers.lastIndexOf(n), 1)
      throw error
    })
  }
  return { journal, opened, numbers, log, add }
}

const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean).map(text => JSON.parse(text) as object)

describe('the journal', () => {
  it('resolves an append once its line is on disk, and a restart has it back', async () => {
    const first = await open()
    await first.add(1)
    // Resolved: on disk already, before any close.
    expect(lines()).toEqual([{ e: 'add', n: 1 }])
    expect(statSync(file).mode & 0o777).toBe(0o600)
    await first.add(2)
    await first.journal.close()
    const second = await open()
    expect(second.numbers).toEqual([1, 2])
    expect(second.opened).toEqual({ replayed: 2, damaged: 0, fromSnapshot: false })
    await second.journal.close()
  })

  it('commits a room at once in a few syncs, not one per event, in the order they came', async () => {
    const state = { code: '', syncs: 0 }
    const { journal, add } = await open({ files: faultyFiles(state) })
    await Promise.all(Array.from({ length: 2000 }, (_, n) => add(n)))
    expect(lines().map(line => (line as Add).n)).toEqual(Array.from({ length: 2000 }, (_, n) => n))
    expect(state.syncs).toBeLessThanOrEqual(3)
    await journal.close()
  })

  for (const [failing, code] of [['write', 'ENOSPC'], ['sync', 'EIO'], ['partial', 'ENOSPC']] as const) {
    it(`refuses what a failing ${failing} (${code}) could not save, undoes it, leaves no torn line, and saves again once the disk works`, async () => {
      const state: FaultState = { code, syncs: 0 }
      const { journal, add, numbers, log } = await open({ files: faultyFiles(state) })
      const health: (string | undefined)[] = []
      journal.onHealth(problem => health.push(problem))
      await add(1)
      state.failing = failing
      const refused = await Promise.allSettled([add(2), add(3)])
      expect(refused.map(result => result.status)).toEqual(['rejected', 'rejected'])
      expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(NotSaved)
      expect(numbers).toEqual([1])
      expect(journal.failing).toMatch(new RegExp(`^${code}`))
      expect(log).toContain(`could not save to ${file}: ${journal.failing}; refusing what cannot be saved`)
      state.failing = undefined
      await add(4)
      expect(journal.failing).toBeUndefined()
      expect(health).toEqual([expect.stringMatching(new RegExp(`^${code}`)), undefined])
      // The file holds what was acknowledged and nothing refused: no half line, no line 2 or 3.
      expect(readFileSync(file, 'utf8')).toBe('{"e":"add","n":1}\n{"e":"add","n":4}\n')
      await journal.close()
    })
  }

  it('refuses at once when the directory is read-only, and the next start still has every acknowledged event', async () => {
    const first = await open()
    await first.add(1)
    await first.journal.close()
    const second = await open()
    // The file itself becomes unwritable under the open journal (as a read-only remount would make it).
    const readOnly: JournalFiles = { ...diskFiles, write: async () => {
      throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' })
    } }
    const broken = await Journal.open<Add>({ dir, name: 'other.jsonl', what: 'other', read, restore: () => undefined, apply: () => undefined, snapshot: () => [], log: () => {}, files: readOnly })
    await expect(broken.journal.append({ e: 'add', n: 9 })).rejects.toThrow(/EROFS/)
    await broken.journal.close()
    await second.add(2)
    await second.journal.close()
    expect((await open()).numbers).toEqual([1, 2])
  })

  it('cuts off a torn last line at start and keeps every unreadable line aside, reported by its number', async () => {
    writeFileSync(file, '{"e":"add","n":1}\nnot json\n{"e":"add","n":1}\n{"e":"nope"}\n{"e":"add","n":2}\n{"e":"add","n":')
    const { journal, numbers, log, opened } = await open()
    expect(numbers).toEqual([1, 2])
    expect(opened).toEqual({ replayed: 2, damaged: 4, fromSnapshot: false })
    const aside = damagedFile(file)
    expect(log).toEqual([
      `${file}:2: not JSON, skipped (kept in ${aside})`,
      `${file}:3: 1 is there already, skipped (kept in ${aside})`,
      `${file}:4: not an add, skipped (kept in ${aside})`,
      `${file}:6: cut short (no line break after it: a write interrupted by a crash or a full disk), skipped (kept in ${aside})`,
    ])
    expect(readFileSync(aside, 'utf8').split('\n').filter(line => !line.startsWith('# '))).toEqual(['not json', '{"e":"add","n":1}', '{"e":"nope"}', '{"e":"add","n":', ''])
    expect(statSync(aside).mode & 0o777).toBe(0o600)
    // The torn bytes are gone from the journal: the next event starts a line of its own.
    expect(readFileSync(file, 'utf8').endsWith('{"e":"add","n":2}\n')).toBe(true)
    await journal.close()
  })

  it('refuses to start on a journal it cannot read, rather than starting empty', async () => {
    mkdirSync(file)
    await expect(open()).rejects.toThrow(/cannot read the numbers/)
  })

  it('makes itself a snapshot once it grows, keeps the events waiting in it, and starts from it', async () => {
    const first = await open({ compactBytes: 200 })
    for (let n = 0; n < 40; n++)
      await first.add(n)
    await first.journal.close()
    expect(existsSync(snapshotFile(file))).toBe(true)
    // The journal holds only what came after the last snapshot, under its generation.
    const journalLines = lines()
    expect(journalLines.length).toBeLessThan(20)
    expect(journalLines[0]).toEqual({ generation: expect.any(Number) })
    const second = await open({ compactBytes: 200 })
    expect(second.numbers).toEqual(Array.from({ length: 40 }, (_, n) => n))
    expect(second.opened.fromSnapshot).toBe(true)
    await second.journal.close()
  })

  it('skips a journal older than its snapshot (a crash between the two), keeping it beside, and takes a large journal into a snapshot at start', async () => {
    const events = Array.from({ length: 50 }, (_, n) => `{"e":"add","n":${n}}\n`).join('')
    writeFileSync(file, `{"generation":1}\n${events}`)
    // A snapshot of generation 2 that has every event: the journal, of generation 1, is older.
    writeFileSync(snapshotFile(file), `${JSON.stringify({ generation: 2, state: Array.from({ length: 50 }, (_, n) => n) })}\n`)
    const { journal, numbers, log } = await open()
    expect(numbers).toHaveLength(50)
    expect(log).toEqual([`${file}: a journal older than its snapshot, left by a snapshot that a crash cut short; its events are in the snapshot (kept in ${file}.stale-1)`])
    expect(readFileSync(`${file}.stale-1`, 'utf8')).toBe(`{"generation":1}\n${events}`)
    await journal.close()
    expect(lines()).toEqual([{ generation: 2 }])
    rmSync(snapshotFile(file))
    writeFileSync(file, events)
    const large = await open({ compactBytes: 100 })
    expect(large.numbers).toHaveLength(50)
    await large.journal.close()
    expect(lines()).toEqual([{ generation: 1 }])
    expect(JSON.parse(readFileSync(snapshotFile(file), 'utf8'))).toEqual({ generation: 1, state: large.numbers })
  })

  it('replays a journal without its generation\'s line over the snapshot: nothing acknowledged is lost, what the snapshot holds is reported once', async () => {
    // What a crash could leave with an older version: a snapshot, then events written to a journal without the line.
    writeFileSync(snapshotFile(file), `${JSON.stringify({ generation: 1, state: [0, 1, 2] })}\n`)
    writeFileSync(file, '{"e":"add","n":2}\n{"e":"add","n":3}\n{"e":"add","n":4}\n')
    const first = await open()
    expect(first.numbers).toEqual([0, 1, 2, 3, 4])
    expect(first.log).toEqual([`${file}:1: 2 is there already, skipped (kept in ${damagedFile(file)})`])
    await first.add(5)
    await first.journal.close()
    // Taken into a snapshot at once: the next start has it all, and nothing to report.
    expect(lines()[0]).toEqual({ generation: 2 })
    const second = await open()
    expect(second.numbers).toEqual([0, 1, 2, 3, 4, 5])
    expect(second.log).toEqual([])
    await second.journal.close()
  })

  it('a snapshot that does not fit on the disk leaves the journal growing: the batch is appended, no half-written file is left', async () => {
    const state: FaultState = { code: 'ENOSPC', syncs: 0 }
    const full: JournalFiles = { ...faultyFiles(state), replace: async (target, text) => {
      if (target.endsWith('.snapshot.json'))
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      await diskFiles.replace(target, text)
    } }
    const { journal, add, numbers, log } = await open({ files: full, compactBytes: 100 })
    for (let n = 0; n < 20; n++)
      await add(n)
    expect(numbers).toHaveLength(20)
    expect(lines()).toHaveLength(20)
    expect(existsSync(snapshotFile(file))).toBe(false)
    expect(existsSync(`${snapshotFile(file)}.tmp`)).toBe(false)
    expect(journal.failing).toBeUndefined()
    // Tried again only once the journal has grown as much again, not at every write.
    expect(log.filter(line => line.includes('could not write a snapshot')).length).toBeLessThanOrEqual(2)
    await journal.close()
  })

  it('replaces a file whole, and leaves no temporary file behind when it cannot', async () => {
    const target = join(dir, 'state.json')
    await replaceFile(target, '{"a":1}\n')
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}\n')
    mkdirSync(join(dir, 'blocked.json', 'inside'), { recursive: true })
    await expect(replaceFile(join(dir, 'blocked.json'), '{}')).rejects.toThrow()
    expect(existsSync(join(dir, 'blocked.json.tmp'))).toBe(false)
  })

  it('a snapshot that cannot be read stops the start', async () => {
    writeFileSync(snapshotFile(file), '{"generation":1,"sta')
    await expect(open()).rejects.toThrow(/snapshot .* cannot be read: the server does not start without it/)
  })
})
