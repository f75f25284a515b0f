/**
 * The presenter's rehearsals (shared/rehearsal.ts), one JSON line each in
 * `rehearsals.jsonl` of a data directory: the hosted server's (`--data`), or
 * the project's `data/` when `npm run dev` saves them (scripts/vite/rehearsals.ts).
 * `npm run rehearsals` reads them back.
 *
 * Saved means on disk: `save` resolves once the line is written and
 * `fdatasync`ed (and, for a new file, its directory synced), and rejects
 * with `NotSaved` when it is not. A write that fails part way is cut back
 * off; a line a crash cut short stays, unreadable, and the next line starts
 * on a line of its own. Saves go one after another. Rehearsals are few and
 * small: the file is read whole.
 */
import type { FileHandle } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DeckShape, Rehearsal } from '../shared/rehearsal.ts'
import type { JournalFiles } from './store.ts'
import { Buffer } from 'node:buffer'
import { constants } from 'node:fs'
import { mkdir, open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { checkRehearsal, MAX_REHEARSAL_BYTES, parseRehearsal, REHEARSALS_FILE, REHEARSALS_PATH, rehearsalTotal } from '../shared/rehearsal.ts'
import { diskFiles, NotSaved, syncDirectory, writeProblem } from './store.ts'

export { REHEARSALS_FILE }

/** A line of the file that is not a rehearsal, by its 1-based number. */
export interface Unreadable {
  line: number
  reason: string
}

/** Every rehearsal in `text`, oldest first, and the lines that are not one. */
export function parseRehearsals(text: string): { rehearsals: Rehearsal[], unreadable: Unreadable[] } {
  const rehearsals: Rehearsal[] = []
  const unreadable: Unreadable[] = []
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '')
      continue
    let value: unknown
    try {
      value = JSON.parse(line)
    }
    catch {
      unreadable.push({ line: index + 1, reason: 'not JSON (a line cut short?)' })
      continue
    }
    const checked = checkRehearsal(value)
    if (checked.ok)
      rehearsals.push(checked.rehearsal)
    else
      unreadable.push({ line: index + 1, reason: checked.reason })
  }
  return { rehearsals, unreadable }
}

/** The rehearsals in `file`; none when there is no file yet. */
export async function readRehearsals(file: string): Promise<{ rehearsals: Rehearsal[], unreadable: Unreadable[] }> {
  try {
    return parseRehearsals(await readFile(file, 'utf8'))
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { rehearsals: [], unreadable: [] }
    throw error
  }
}

/** Where the rehearsals' address keeps them: a data directory's file, or the talk's pace (../server/backend.ts `PaceBackend`). */
export interface RehearsalStore {
  /** Resolves once `rehearsal` is kept; rejects (`NotSaved`, why) when it is not. */
  save: (rehearsal: Rehearsal) => Promise<void>
  /** The last rehearsal kept, if any. */
  last: () => Promise<Rehearsal | undefined>
  /** Where, for the log. */
  readonly where: string
}

/** The rehearsals file of `dir`: saves one at a time, durably. */
export class RehearsalFile implements RehearsalStore {
  readonly file: string
  private queue: Promise<unknown> = Promise.resolve()

  /** `files`: the disk calls, for a test that makes them fail as a full disk would. */
  constructor(readonly dir: string, private readonly files: Pick<JournalFiles, 'write' | 'sync' | 'truncate'> = diskFiles) {
    this.file = join(dir, REHEARSALS_FILE)
  }

  get where(): string {
    return this.file
  }

  /** Appends `rehearsal` as one line; resolves once it is on disk, rejects with `NotSaved` when it is not. */
  save(rehearsal: Rehearsal): Promise<void> {
    const saved = this.queue.then(() => this.append(`${JSON.stringify(rehearsal)}\n`))
    this.queue = saved.catch(() => {})
    return saved
  }

  /** The last rehearsal in the file that can be read, if any. */
  async last(): Promise<Rehearsal | undefined> {
    return (await readRehearsals(this.file)).rehearsals.at(-1)
  }

  private async append(line: string): Promise<void> {
    let handle: FileHandle | undefined
    let size = 0
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 })
      handle = await open(this.file, constants.O_RDWR | constants.O_CREAT | constants.O_APPEND, 0o600)
      size = (await handle.stat()).size
      // A line a crash cut short: this one starts on a line of its own.
      const tail = Buffer.alloc(1)
      const after = size > 0 && (await handle.read(tail, 0, 1, size - 1)).bytesRead === 1 && tail[0] !== 10 ? '\n' : ''
      const data = Buffer.from(after + line, 'utf8')
      try {
        await this.files.write(handle, data, size)
        await this.files.sync(handle)
      }
      catch (error) {
        await this.files.truncate(handle, size).catch(() => {})
        throw error
      }
      if (size === 0)
        await syncDirectory(this.dir)
    }
    catch (error) {
      throw new NotSaved(`not saved: ${writeProblem(error)}`)
    }
    finally {
      await handle?.close().catch(() => {})
    }
  }
}

/** What a request to the rehearsals' address asks: save one (POST `api/rehearsals`) or read the last (GET `api/rehearsals/last`). */
export type RehearsalsRoute = 'save' | 'last'

/** The route `path` (without its query) names under `base`, if any. */
export function rehearsalsRoute(path: string, base: string): RehearsalsRoute | undefined {
  if (path === `${base}${REHEARSALS_PATH}`)
    return 'save'
  return path === `${base}${REHEARSALS_PATH}/last` ? 'last' : undefined
}

export interface RehearsalsEndpoint {
  /** Where rehearsals are saved; without it a save is answered 503. */
  store?: RehearsalStore
  /** The deck a rehearsal must fit, when the server knows it (dist/deck-clicks.json). */
  deck?: DeckShape
  /** Extra response headers (the hosted server's security headers). */
  headers?: Record<string, string>
  log: (line: string) => void
}

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(`${JSON.stringify(body)}\n`)
}

/**
 * Answers a request the caller has let through (the presenter's secret on
 * the hosted server, this machine in dev). A save must be JSON of at most
 * `MAX_REHEARSAL_BYTES`, a rehearsal that fits the deck; it is answered 201
 * `{"saved":true}` once kept (on disk, or in the talk's Redis), 503 with the reason when it cannot be, 400,
 * 413 or 415 when it is not one. The last is `{"rehearsal":…}`, null before
 * the first.
 */
export function answerRehearsals(request: IncomingMessage, response: ServerResponse, route: RehearsalsRoute, endpoint: RehearsalsEndpoint): void {
  const headers = endpoint.headers ?? {}
  const method = route === 'save' ? 'POST' : 'GET'
  if (request.method !== method) {
    response.setHeader('Allow', method)
    return reply(response, 405, { error: `${method} only` }, headers)
  }
  if (route === 'last') {
    const last = endpoint.store ? endpoint.store.last() : Promise.resolve(undefined)
    void last.then(rehearsal => reply(response, 200, { rehearsal: rehearsal ?? null }, headers), (error: unknown) => {
      endpoint.log(`could not read the rehearsals: ${writeProblem(error)}`)
      reply(response, 503, { error: `The rehearsals cannot be read: ${writeProblem(error)}` }, headers)
    })
    return
  }
  if (!/^application\/json(?:;|$)/i.test(request.headers['content-type'] ?? ''))
    return reply(response, 415, { error: 'a rehearsal is sent as application/json' }, headers)
  const declared = Number(request.headers['content-length'] ?? 0)
  const tooLarge = (bytes: number) => reply(response, 413, { error: `a rehearsal of ${bytes} bytes, over ${MAX_REHEARSAL_BYTES}` }, { ...headers, Connection: 'close' })
  if (declared > MAX_REHEARSAL_BYTES) {
    request.resume()
    return tooLarge(declared)
  }
  const chunks: Buffer[] = []
  let bytes = 0
  let over = false
  request.on('data', (chunk: Buffer) => {
    bytes += chunk.byteLength
    if (bytes > MAX_REHEARSAL_BYTES && !over) {
      over = true
      chunks.length = 0
      tooLarge(bytes)
    }
    if (!over)
      chunks.push(chunk)
  })
  request.on('end', () => {
    if (over)
      return
    const body = Buffer.concat(chunks)
    const checked = parseRehearsal(body.toString('utf8'), body.byteLength, endpoint.deck)
    if (!checked.ok)
      return reply(response, 400, { error: checked.reason }, headers)
    if (!endpoint.store)
      return reply(response, 503, { error: 'Not saved: this server keeps no data directory (start it with --data DIR).' }, headers)
    endpoint.store.save(checked.rehearsal).then(() => {
      endpoint.log(`rehearsal of ${Math.round(rehearsalTotal(checked.rehearsal) / 1000)} s saved in ${endpoint.store!.where}`)
      reply(response, 201, { saved: true }, headers)
    }, (error: unknown) => {
      endpoint.log(`could not save a rehearsal in ${endpoint.store!.where}: ${(error as Error).message}`)
      reply(response, 503, { error: `Not saved: ${writeProblem(error).replace(/^not saved: /, '')}` }, headers)
    })
  })
  request.on('error', () => response.destroy())
}
