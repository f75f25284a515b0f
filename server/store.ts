/**
 * Where the room's events are kept: a journal per kind in the data directory
 * (`npm run serve -- --data DIR`, ./data by default), `questions.jsonl` and
 * `polls.jsonl`, one JSON event per line, beside a snapshot of the state
 * (`questions.snapshot.json`, `polls.snapshot.json`) that the journal's events
 * follow. At start the server reads the snapshot, then replays the events.
 *
 * Saved means on disk. `append` resolves once the event's line is written and
 * `fdatasync`ed; the hub answers a deck ("asked", "voted", "upvoted") only
 * then. Events that arrive while a write is under way wait and go together in
 * the next write and sync (a group commit, as a database commits its log): a
 * quiet room costs one sync per event, a room voting at once a few syncs a
 * second, whatever its size.
 *
 * A write or a sync that fails refuses its events and every event queued
 * behind it (each with `NotSaved`, in the reverse order of arrival, so the
 * boards can undo them), cuts the file back to its last whole line, and the
 * journal reports itself failing until a write succeeds again. Nothing it
 * refused is in the file; nothing it acknowledged is missing from it.
 *
 * At start: a last line without its line break (a write cut short by a crash
 * or a full disk) is cut off; it and any line that cannot be read are copied
 * to `NAME.damaged` first, each reported by its line number, so no byte of
 * the file is lost. The file and its snapshot are created readable by this
 * user only (0600).
 *
 * The journal stays small: once it is larger than twice its snapshot (and a
 * few megabytes), the next write is a new snapshot of the state instead (the
 * events waiting included, so they are saved by it), written beside, synced
 * and renamed over the old one; then a new journal, holding only the line
 * `{"generation":N}` of the snapshot's generation, is written beside, synced
 * and renamed over the old journal. A crash between the two leaves a journal
 * of an older generation, whose events the snapshot already holds: it is
 * kept as `NAME.jsonl.stale-N` and skipped. A journal without that line (one
 * an older server wrote) is replayed over the snapshot: events the snapshot
 * holds already are reported and kept aside, never lost. A snapshot that
 * cannot be written (a nearly full disk) leaves the journal as it is: the
 * batch is appended instead, and the snapshot tried again once the journal
 * has grown as much again.
 */
import type { FileHandle } from 'node:fs/promises'
import { Buffer } from 'node:buffer'
import { constants } from 'node:fs'
import { copyFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'

export const QUESTIONS_FILE = 'questions.jsonl'
/** The polls' votes, closes and reopens (./polls.ts), kept the same way beside the questions. */
export const POLLS_FILE = 'polls.jsonl'

/** The snapshot beside a journal: `questions.jsonl` → `questions.snapshot.json`. */
export function snapshotFile(journal: string): string {
  return journal.replace(/\.jsonl$/, '.snapshot.json')
}

/** Where lines that could not be read are kept: `questions.jsonl` → `questions.damaged`. */
export function damagedFile(journal: string): string {
  return journal.replace(/\.jsonl$/, '.damaged')
}

/** A journal is rewritten as a snapshot once it is over this many bytes and twice the last snapshot. */
export const DEFAULT_COMPACT_BYTES = 4 * 1024 * 1024

/** Read this much of a journal at a time at start: a large journal is never held whole in memory. */
const READ_CHUNK = 1024 * 1024

/** Why an event was not saved: the journal's write or sync failed (a full disk, a read-only or broken one). */
export class NotSaved extends Error {
  override name = 'NotSaved'
}

/** What a journal's first line says when it follows a snapshot. */
interface Header { generation: number }

function readHeader(value: unknown): Header | undefined {
  const fields = typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined
  return fields && Object.keys(fields).length === 1 && Number.isSafeInteger(fields.generation) && (fields.generation as number) > 0 ? { generation: fields.generation as number } : undefined
}

/** The short reason of a failed write, for the log and the presenter: `ENOSPC: no space left on device`. */
export function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const message = (error as Error).message ?? String(error)
  return code && !message.startsWith(code) ? `${code}: ${message}` : message.split(', ')[0]!
}

export interface JournalOptions<E> {
  dir: string
  /** The journal's file name (`questions.jsonl`). */
  name: string
  /** What it holds, for messages ("questions"). */
  what: string
  /** Reads one stored event; returns what is wrong with it instead when it is not one. */
  read: (value: unknown) => E | string
  /**
   * Takes the snapshot's state, once, before any event; returns what is wrong
   * with it, if anything (the start stops). What no longer fits the deck (a
   * vote for an option it no longer has) it passes to `report` and leaves
   * out: the snapshot is then kept aside as it was.
   */
  restore: (state: unknown, report: (problem: string) => void) => string | undefined
  /** Applies one replayed event; returns what is wrong with it (it is then reported and skipped). */
  apply: (event: E) => string | undefined
  /** The state as it is now, every event handed to `append` included: what a snapshot saves. */
  snapshot: () => unknown
  log: (line: string) => void
  compactBytes?: number
  /** The file system calls, for a test that makes them fail as a full or broken disk would. */
  files?: JournalFiles
}

/** The calls a journal makes on its open file: a test replaces them to inject ENOSPC or EIO. */
export interface JournalFiles {
  write: (handle: FileHandle, data: Buffer, position: number) => Promise<void>
  sync: (handle: FileHandle) => Promise<void>
  truncate: (handle: FileHandle, length: number) => Promise<void>
  /** Writes a whole file durably: a temporary file beside it, synced, renamed over it, the directory synced. */
  replace: (file: string, text: string) => Promise<void>
}

export const diskFiles: JournalFiles = {
  async write(handle, data, position) {
    let done = 0
    while (done < data.byteLength) {
      const { bytesWritten } = await handle.write(data, done, data.byteLength - done, position + done)
      done += bytesWritten
    }
  },
  sync: handle => handle.datasync(),
  truncate: (handle, length) => handle.truncate(length),
  replace: replaceFile,
}

/** Writes `file` whole, so a crash leaves the old one or the new one: a temporary file, synced, renamed over it, the directory synced. */
export async function replaceFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp`
  try {
    const handle = await open(temporary, 'w', 0o600)
    try {
      await handle.writeFile(text, 'utf8')
      await handle.datasync()
    }
    finally {
      await handle.close()
    }
    await rename(temporary, file)
  }
  catch (error) {
    // A part written on a full disk would hold the space the other files need.
    await rm(temporary, { force: true }).catch(() => {})
    throw error
  }
  await syncDirectory(join(file, '..'))
}

/** Makes a rename or a new file in `dir` durable (a directory's entries are synced apart from the files). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  }
  finally {
    await handle.close()
  }
}

interface Entry {
  line: string
  resolve: () => void
  reject: (error: NotSaved) => void
}

/** What opening a journal found, for the start-up log. */
export interface Opened {
  /** Events replayed from the journal after the snapshot. */
  replayed: number
  /** Lines reported and skipped (kept in the `.damaged` file). */
  damaged: number
  /** Whether a snapshot was read. */
  fromSnapshot: boolean
}

/** An append-only journal of events over a snapshot: durable appends in group commits, compaction, a clean start after a crash. */
export class Journal<E> {
  readonly file: string
  private pending: Entry[] = []
  private scheduled = false
  /** A flush is under way: it takes whatever is pending before it ends. */
  private running = false
  private flushed: Promise<void> = Promise.resolve()
  /** The bytes of the file that hold whole lines: where the next write goes. */
  private size: number
  private generation: number
  private snapshotBytes: number
  /** A write failed part way: the bytes past `size` are cut off before the next one. */
  private tailDirty = false
  /** A snapshot was saved but the journal could not be emptied after it: emptied before the next write. */
  private resetNeeded = false
  private problem: string | undefined
  private readonly listeners = new Set<(problem: string | undefined) => void>()
  private closed = false
  private readonly files: JournalFiles
  private readonly compactBytes: number

  /** The journal's size when a snapshot last failed: not tried again before it has grown as much again. */
  private compactFailedAt = 0

  private constructor(private readonly options: JournalOptions<E>, private handle: FileHandle, state: { size: number, generation: number, snapshotBytes: number }) {
    this.file = join(options.dir, options.name)
    this.size = state.size
    this.generation = state.generation
    this.snapshotBytes = state.snapshotBytes
    this.files = options.files ?? diskFiles
    this.compactBytes = options.compactBytes ?? DEFAULT_COMPACT_BYTES
  }

  /**
   * Opens (or creates) the journal, restores its snapshot and replays its
   * events. A file that exists but cannot be read, or a damaged line that
   * cannot be kept aside, stops the start: nothing is ever emptied.
   */
  static async open<E>(options: JournalOptions<E>): Promise<{ journal: Journal<E>, opened: Opened }> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 })
    const file = join(options.dir, options.name)
    const cannot = (error: unknown) => new Error(`cannot read the ${options.what} in ${file}: ${writeProblem(error)}`)
    const snapshot = await readSnapshot(snapshotFile(file), options.what)
    if (snapshot) {
      const dropped: string[] = []
      const problem = options.restore(snapshot.state, line => dropped.push(line))
      if (problem)
        throw new Error(`the ${options.what}' snapshot ${snapshotFile(file)} does not fit (${problem}): the server does not start without it, as the snapshot holds what the journal no longer does`)
      if (dropped.length > 0) {
        // Kept as it was, beside: the next snapshot leaves out what no longer fits the deck.
        const kept = `${snapshotFile(file)}.${snapshot.generation}.kept`
        await copyFile(snapshotFile(file), kept)
        for (const line of dropped)
          options.log(`${snapshotFile(file)}: ${line}, left out (the snapshot as it was is kept in ${kept})`)
      }
    }
    let handle: FileHandle
    try {
      handle = await open(file, constants.O_RDWR | constants.O_CREAT, 0o600)
      // An older server created it readable by all: the audience's words are the presenter's alone.
      await handle.chmod(0o600)
    }
    catch (error) {
      throw cannot(error)
    }
    try {
      const read = await replayFile(handle, file, options, snapshot?.generation ?? 0)
      const journal = new Journal(options, handle, { size: read.size, generation: Math.max(read.generation, snapshot?.generation ?? 0), snapshotBytes: snapshot?.bytes ?? 0 })
      if (read.stale) {
        // Its events are in the snapshot; kept beside all the same, and a new journal started.
        const stale = `${file}.stale-${read.generation}`
        await copyFile(file, stale)
        options.log(`${file}: a journal older than its snapshot, left by a snapshot that a crash cut short; its events are in the snapshot (kept in ${stale})`)
        journal.resetNeeded = true
        await journal.prepare()
      }
      // A large journal becomes a snapshot now, not mid-talk; so does one without its generation's line after a
      // snapshot, so that what the snapshot holds already is not reported again at every start.
      else if (read.size > journal.compactThreshold() || (snapshot && read.headerless)) {
        // Not needed to start: a disk too full for the snapshot starts with the journal as it is.
        await journal.compact().catch((error: unknown) => options.log(`${file}: could not write a snapshot at start (${writeProblem(error)}); the journal grows until it can`))
      }
      return { journal, opened: { replayed: read.replayed, damaged: read.damaged, fromSnapshot: snapshot !== undefined } }
    }
    catch (error) {
      await handle.close()
      throw error instanceof Error && error.message.startsWith('cannot') ? error : cannot(error)
    }
  }

  /** Why saving fails now, or undefined when the last write succeeded. */
  get failing(): string | undefined {
    return this.problem
  }

  /** Called with the problem when saving starts failing, and with undefined when it works again. */
  onHealth(listener: (problem: string | undefined) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Saves an event: resolves once it is on disk, rejects with `NotSaved` when
   * it is not (and will not be). Events handed over in one turn of the event
   * loop, or while a write is under way, are written and synced together.
   */
  append(event: E): Promise<void> {
    if (this.closed)
      return Promise.reject(new NotSaved('the server is stopping'))
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(event)}\n`, resolve, reject })
      if (this.scheduled || this.running)
        return
      this.scheduled = true
      setImmediate(() => {
        this.scheduled = false
        this.running = true
        this.flushed = this.flush()
      })
    })
  }

  /** Waits until every event handed over so far is saved or refused. */
  async settled(): Promise<void> {
    while (this.scheduled || this.running) {
      if (this.running)
        await this.flushed
      else
        await new Promise(resolve => setImmediate(resolve))
    }
  }

  private compactThreshold(): number {
    return Math.max(this.compactBytes, 2 * this.snapshotBytes, 2 * this.compactFailedAt)
  }

  /** Writes what is pending, batch after batch, until nothing is; every failure is caught and refused. */
  private async flush(): Promise<void> {
    for (;;) {
      if (this.pending.length === 0) {
        // Ended in the same step as the last check: an event handed over after it starts a flush of its own.
        this.running = false
        return
      }
      const batch = this.pending
      this.pending = []
      try {
        // The snapshot holds the state with this batch's events: they are saved by it.
        const compacted = this.size > this.compactThreshold() && await this.compact().then(() => true, (error: unknown) => {
          // A nearly full disk may hold the batch and not a snapshot: append it, and try the snapshot later.
          this.compactFailedAt = this.size
          this.options.log(`${this.file}: could not write a snapshot (${writeProblem(error)}); the journal grows until it can`)
          return false
        })
        if (!compacted) {
          await this.prepare()
          const data = Buffer.from(batch.map(entry => entry.line).join(''), 'utf8')
          this.tailDirty = true
          await this.files.write(this.handle, data, this.size)
          await this.files.sync(this.handle)
          this.tailDirty = false
          this.size += data.byteLength
        }
        this.setProblem(undefined)
        for (const entry of batch)
          entry.resolve()
      }
      catch (error) {
        // Refused in the reverse order of arrival, so each undo finds the state its event left.
        const refused = [...batch, ...this.pending].reverse()
        this.pending = []
        const problem = writeProblem(error)
        this.setProblem(problem)
        const notSaved = new NotSaved(`not saved: ${problem}`)
        for (const entry of refused)
          entry.reject(notSaved)
        await this.prepare().catch(() => {})
      }
    }
  }

  /**
   * Before any write: starts a new journal after a snapshot (a file with the
   * generation's line alone, written beside and renamed over the old one, so
   * the journal is never without it), and cuts off what a failed write left
   * past the last whole line.
   */
  private async prepare(): Promise<void> {
    if (this.resetNeeded) {
      const header = `${JSON.stringify({ generation: this.generation } satisfies Header)}\n`
      await this.files.replace(this.file, header)
      const handle = await open(this.file, constants.O_RDWR)
      const old = this.handle
      this.handle = handle
      await old.close().catch(() => {})
      this.size = Buffer.byteLength(header)
      this.resetNeeded = false
      this.tailDirty = false
    }
    if (this.tailDirty) {
      await this.files.truncate(this.handle, this.size)
      await this.files.sync(this.handle)
      this.tailDirty = false
    }
  }

  /**
   * Saves the state as a new snapshot (a new generation), then empties the
   * journal. A failure before the rename leaves the old snapshot and journal;
   * after it, the journal is emptied before the next write.
   */
  private async compact(): Promise<void> {
    const generation = this.generation + 1
    const text = `${JSON.stringify({ generation, state: this.options.snapshot() })}\n`
    await this.files.replace(snapshotFile(this.file), text)
    this.generation = generation
    this.snapshotBytes = Buffer.byteLength(text)
    this.compactFailedAt = 0
    this.resetNeeded = true
    await this.prepare().catch((error: unknown) => this.options.log(`${this.file}: could not start the journal again after its snapshot (${writeProblem(error)}); tried again before the next write`))
  }

  private setProblem(problem: string | undefined): void {
    if (problem === this.problem)
      return
    const was = this.problem
    this.problem = problem
    this.options.log(problem ? `could not save to ${this.file}: ${problem}; refusing what cannot be saved` : `${this.file} is saved to again (it failed with ${was})`)
    for (const listener of this.listeners)
      listener(problem)
  }

  async close(): Promise<void> {
    if (this.closed)
      return
    this.closed = true
    await this.settled()
    await this.handle.close()
  }
}

/** The snapshot beside the journal, or undefined when there is none yet; one that cannot be read stops the start. */
async function readSnapshot(file: string, what: string): Promise<{ generation: number, state: unknown, bytes: number } | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return undefined
    throw new Error(`cannot read the ${what}' snapshot ${file}: ${writeProblem(error)}`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch {}
  const header = readHeader({ generation: (value as { generation?: unknown } | undefined)?.generation })
  if (!header || !('state' in (value as object)))
    throw new Error(`the ${what}' snapshot ${file} cannot be read: the server does not start without it; move it aside to start from the journal alone`)
  return { generation: header.generation, state: (value as { state: unknown }).state, bytes: Buffer.byteLength(text) }
}

/**
 * Reads the journal a chunk at a time, hands each event to `apply`, keeps
 * unreadable lines and a torn last line in the `.damaged` file, and cuts the
 * torn line off. Returns the length of the whole lines.
 */
async function replayFile<E>(handle: FileHandle, file: string, options: JournalOptions<E>, snapshotGeneration: number): Promise<{ size: number, generation: number, stale: boolean, headerless: boolean, replayed: number, damaged: number }> {
  const damaged: { line: number, problem: string, bytes: Buffer }[] = []
  let generation = 0
  let replayed = 0
  let lineNumber = 0
  let stale = false
  let offset = 0
  let carry = Buffer.alloc(0)
  const chunk = Buffer.alloc(READ_CHUNK)
  const take = (bytes: Buffer): void => {
    lineNumber++
    const text = bytes.toString('utf8')
    if (text.trim() === '')
      return
    let value: unknown
    try {
      value = JSON.parse(text)
    }
    catch {
      if (!stale)
        damaged.push({ line: lineNumber, problem: 'not JSON', bytes })
      return
    }
    if (lineNumber === 1) {
      // A journal that follows a snapshot says which; one older than the snapshot holds only what the snapshot has.
      // One without the line (an older server's) is replayed: what the snapshot holds already is reported, not lost.
      const header = readHeader(value)
      generation = header?.generation ?? 0
      stale = header !== undefined && generation < snapshotGeneration
      if (header)
        return
    }
    if (stale)
      return
    const event = options.read(value)
    const problem = typeof event === 'string' ? event : options.apply(event)
    if (problem)
      damaged.push({ line: lineNumber, problem, bytes })
    else
      replayed++
  }
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.byteLength, offset)
    if (bytesRead === 0)
      break
    offset += bytesRead
    let data = Buffer.concat([carry, chunk.subarray(0, bytesRead)])
    let start = 0
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      take(data.subarray(start, end))
      start = end + 1
    }
    data = data.subarray(start)
    carry = Buffer.from(data)
  }
  const size = offset - carry.byteLength
  if (carry.byteLength > 0)
    damaged.push({ line: lineNumber + 1, problem: 'cut short (no line break after it: a write interrupted by a crash or a full disk)', bytes: carry })
  if (damaged.length > 0) {
    const aside = damagedFile(file)
    const kept = damaged.map(({ line, problem, bytes }) => Buffer.concat([Buffer.from(`# ${new Date().toISOString()} ${options.name}:${line}: ${problem}\n`), bytes, Buffer.from('\n')]))
    const keep = await open(aside, 'a', 0o600).catch((error: unknown) => {
      throw new Error(`cannot keep the ${options.what}' unreadable lines aside in ${aside} (${writeProblem(error)}): the server does not start rather than lose them`)
    })
    try {
      await keep.appendFile(Buffer.concat(kept))
      await keep.datasync()
    }
    finally {
      await keep.close()
    }
    for (const { line, problem } of damaged)
      options.log(`${file}:${line}: ${problem}, skipped (kept in ${aside})`)
  }
  if (carry.byteLength > 0) {
    await handle.truncate(size)
    await handle.datasync()
  }
  return { size, generation, stale, headerless: lineNumber > 0 && generation === 0, replayed, damaged: damaged.length }
}

/** Removes a journal's files (the tests' clean-up). */
export async function removeJournal(dir: string, name: string): Promise<void> {
  const file = join(dir, name)
  await Promise.all([file, snapshotFile(file), damagedFile(file)].map(path => rm(path, { force: true })))
}
