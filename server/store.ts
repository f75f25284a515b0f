/**
 * Where the audience's questions are kept: `questions.jsonl` in the data
 * directory (`npm run serve -- --data DIR`, ./data by default), an append-only
 * file of events (./questions.ts), one JSON object per line, written as each
 * event happens (events that arrive while a write is under way go together in
 * the next write). At start the server replays it.
 *
 * A line that cannot be read (a write cut short by a crash, a hand edit) is
 * reported with its number and skipped; every readable event is kept. The
 * file is never rewritten or truncated: a last line cut short is left as it
 * is, and a line break is appended after it so the next event starts a line
 * of its own.
 *
 * Durability: each event is handed to the kernel (an `appendFile`) as it
 * happens, or as soon as the write under way is done (a millisecond or so), so
 * a crash or a restart of the server loses at most the events of that moment,
 * and nothing written; `fdatasync` runs once a second when something was written (and at
 * close), so a power cut or a kernel crash loses at most the last second. An
 * fsync per event would cost a disk flush per upvote when a room votes at
 * once, for a second's worth of safety against a power cut.
 */
import type { FileHandle } from 'node:fs/promises'
import type { PollEvent } from './polls'
import type { QuestionEvent } from './questions'
import { mkdir, open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readPollEvent } from './polls'
import { readEvent } from './questions'

export const QUESTIONS_FILE = 'questions.jsonl'
/** The polls' votes, closes and reopens (./polls.ts), kept the same way beside the questions. */
export const POLLS_FILE = 'polls.jsonl'

/** How often written events are flushed to the disk. */
export const DEFAULT_SYNC_MS = 1000

export interface ReadResult<E = QuestionEvent> {
  events: E[]
  /** The file's last line had no line break after it (a write cut short). */
  unterminated: boolean
}

/**
 * Reads the events in `text`, reporting each line that is not one (by its
 * number, from 1) through `report`, and skipping it.
 */
export function parseEvents(text: string, report: (line: number, problem: string) => void): ReadResult
export function parseEvents<E>(text: string, report: (line: number, problem: string) => void, read: (value: unknown) => E | string): ReadResult<E>
export function parseEvents<E>(text: string, report: (line: number, problem: string) => void, read: (value: unknown) => E | string = readEvent as (value: unknown) => E | string): ReadResult<E> {
  const lines = text.split('\n')
  const unterminated = lines.at(-1) !== ''
  const events: E[] = []
  lines.forEach((line, index) => {
    if (index === lines.length - 1 && !unterminated)
      return
    if (line.trim() === '')
      return
    if (index === lines.length - 1)
      return report(index + 1, 'cut short (no line break after it: a write interrupted by a crash?), skipped')
    let value: unknown
    try {
      value = JSON.parse(line)
    }
    catch {
      return report(index + 1, 'not JSON, skipped')
    }
    const event = read(value)
    if (typeof event === 'string')
      return report(index + 1, `${event}, skipped`)
    events.push(event)
  })
  return { events, unterminated }
}

/** An append-only file of events (questions.jsonl, polls.jsonl): written one line per event, replayed at start. */
export class EventStore<E> {
  private writes: Promise<void> = Promise.resolve()
  /** Lines handed over while a write was under way: they go together in the next one. */
  private pending: string[] = []
  private dirty = false
  private readonly timer: NodeJS.Timeout
  private closed = false

  private constructor(readonly file: string, private readonly handle: FileHandle, private readonly log: (line: string) => void, syncMs: number) {
    this.timer = setInterval(() => void this.sync(), syncMs)
    this.timer.unref()
  }

  /**
   * Opens (or creates) `dir/name` and reads its events. A file that exists but
   * cannot be read stops the start: nothing is ever emptied.
   */
  static async openFile<E>(dir: string, name: string, what: string, read: (value: unknown) => E | string, log: (line: string) => void, syncMs = DEFAULT_SYNC_MS): Promise<{ store: EventStore<E>, events: E[] }> {
    await mkdir(dir, { recursive: true })
    const file = join(dir, name)
    let text = ''
    try {
      text = await readFile(file, 'utf8')
    }
    catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new Error(`cannot read the ${what} in ${file}: ${(error as Error).message}`)
    }
    const { events, unterminated } = parseEvents(text, (line, problem) => log(`${file}:${line}: ${problem}`), read)
    const handle = await open(file, 'a')
    const store = new EventStore<E>(file, handle, log, syncMs)
    if (unterminated)
      store.writeLine('')
    return { store, events }
  }

  /**
   * Appends a line (O_APPEND), in the order the events happened. A line handed
   * over while a write is under way waits for it and goes with every other line
   * that arrived meanwhile, in one write: a quiet room writes each event at
   * once, a room voting at once writes a few times a millisecond's worth
   * together instead of queueing a write per vote.
   */
  private writeLine(line: string): void {
    this.pending.push(`${line}\n`)
    if (this.pending.length > 1)
      return
    this.writes = this.writes.then(async () => {
      const lines = this.pending
      this.pending = []
      await this.handle.appendFile(lines.join(''), 'utf8')
      this.dirty = true
    }).catch((error: unknown) => this.log(`could not write to ${this.file}: ${(error as Error).message}`))
  }

  append(event: E): void {
    if (this.closed)
      return
    this.writeLine(JSON.stringify(event))
  }

  /** Waits for every event handed over so far to be written (tests, close). */
  async flushed(): Promise<void> {
    await this.writes
  }

  private async sync(): Promise<void> {
    if (!this.dirty)
      return
    this.dirty = false
    await this.handle.datasync().catch((error: unknown) => this.log(`could not flush ${this.file}: ${(error as Error).message}`))
  }

  async close(): Promise<void> {
    if (this.closed)
      return
    this.closed = true
    clearInterval(this.timer)
    await this.writes
    await this.sync()
    await this.handle.close()
  }
}

/**
 * Hands each replayed event to `apply` (a board's), logging each one that does
 * not fit (what `apply` returns) and skipping it; returns how many were applied.
 */
export function replay<E>(store: EventStore<E>, events: readonly E[], apply: (event: E) => string | undefined, log: (line: string) => void): number {
  let applied = 0
  for (const event of events) {
    const problem = apply(event)
    if (problem)
      log(`${store.file}: an event that does not fit (${problem}), skipped`)
    else
      applied++
  }
  return applied
}

/** The questions' store: `dir/questions.jsonl`. */
export type QuestionStore = EventStore<QuestionEvent>
// eslint-disable-next-line ts/no-redeclare -- the store's type and its opener under one name, as QuestionStore always was
export const QuestionStore = {
  open: (dir: string, log: (line: string) => void, syncMs = DEFAULT_SYNC_MS): Promise<{ store: QuestionStore, events: QuestionEvent[] }> =>
    EventStore.openFile<QuestionEvent>(dir, QUESTIONS_FILE, 'questions', readEvent, log, syncMs),
}

/** The polls' store: `dir/polls.jsonl`. */
export type PollStore = EventStore<PollEvent>
// eslint-disable-next-line ts/no-redeclare -- the same pairing as QuestionStore's
export const PollStore = {
  open: (dir: string, log: (line: string) => void, syncMs = DEFAULT_SYNC_MS): Promise<{ store: PollStore, events: PollEvent[] }> =>
    EventStore.openFile<PollEvent>(dir, POLLS_FILE, 'poll votes', readPollEvent, log, syncMs),
}
