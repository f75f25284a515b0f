import type { QuestionEvent } from './questions'
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { QuestionBoard } from './questions'
import { parseEvents, QUESTIONS_FILE, QuestionStore } from './store'

const DEVICE = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'
const OTHER = 'ffffffffffffffffffffffffffffffff'
const AT = '2026-12-02T01:00:00.000Z'
let dir: string
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-store-'))
  file = join(dir, QUESTIONS_FILE)
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const line = (event: object) => `${JSON.stringify(event)}\n`

describe('the question store', () => {
  it('appends one line per event as it happens, and a restart replays them', async () => {
    const log: string[] = []
    const first = await QuestionStore.open(dir, line => log.push(line))
    expect(first.events).toEqual([])
    const board = new QuestionBoard(() => new Date(AT))
    const asked = board.ask(DEVICE, 'Why, <b>why</b>?')
    if ('refused' in asked)
      throw new Error(asked.refused)
    first.store.append(asked.event)
    await first.store.flushed()
    // Written before close: a crash now loses nothing.
    expect(readFileSync(file, 'utf8')).toBe(line({ e: 'asked', id: 1, text: 'Why, <b>why</b>?', device: DEVICE, at: AT }))
    const upvoted = board.upvote(OTHER, 1)
    const answered = board.moderate(1, 'answered')
    if ('refused' in upvoted || 'refused' in answered || !answered.event)
      throw new Error('the upvote and the answer should be taken')
    first.store.append(upvoted.event)
    first.store.append(answered.event)
    await first.store.close()
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4)

    const second = await QuestionStore.open(dir, line => log.push(line))
    const replayed = new QuestionBoard()
    for (const event of second.events)
      expect(replayed.apply(event)).toBeUndefined()
    expect(replayed.list(false)).toEqual([{ id: 1, text: 'Why, <b>why</b>?', votes: 1, answered: true }])
    // The same device may not upvote again after a restart.
    expect(replayed.upvote(OTHER, 1)).toEqual({ refused: 'you have upvoted this question already' })
    // The next question gets the next id.
    expect((replayed.ask(DEVICE, 'Next?') as { question: { id: number } }).question.id).toBe(2)
    await second.store.close()
    expect(log).toEqual([])
  })

  it('a room at once: 2,000 events handed over in one go are all written, in order', async () => {
    const { store } = await QuestionStore.open(dir, () => {})
    const board = new QuestionBoard(() => new Date(AT))
    const asked = board.ask(DEVICE, 'Busy?') as { event: QuestionEvent }
    store.append(asked.event)
    const devices = Array.from({ length: 2000 }, (_, i) => `device-${String(i).padStart(12, '0')}`)
    for (const device of devices)
      store.append((board.upvote(device, 1) as { event: QuestionEvent }).event)
    await store.flushed()
    const written = readFileSync(file, 'utf8').trim().split('\n').map(text => JSON.parse(text) as { e: string, device: string })
    expect(written).toHaveLength(2001)
    expect(written.slice(1).map(event => event.device)).toEqual(devices)
    await store.close()
  })

  it('reports a garbage middle line and a last line cut short by their numbers, skips them, keeps the rest, and truncates nothing', async () => {
    const good = [
      line({ e: 'asked', id: 1, text: 'First?', device: DEVICE, at: AT }),
      'this is not JSON\n',
      line({ e: 'upvoted', id: 1, device: OTHER, at: AT }),
      line({ e: 'asked', id: 2, text: 'x'.repeat(281), device: DEVICE, at: AT }),
      line({ e: 'asked', id: 3, text: 'Third?', device: DEVICE, at: AT }),
    ].join('')
    const cut = '{"e":"upvoted","id":3,"dev'
    writeFileSync(file, good + cut)
    const log: string[] = []
    const { store, events } = await QuestionStore.open(dir, line => log.push(line))
    expect(log).toEqual([
      `${file}:2: not JSON, skipped`,
      `${file}:4: a question may be at most 280 characters long, not 281, skipped`,
      `${file}:6: cut short (no line break after it: a write interrupted by a crash?), skipped`,
    ])
    expect(events.map(event => `${event.e} ${event.id}`)).toEqual(['asked 1', 'upvoted 1', 'asked 3'])
    // The next event starts a line of its own, after the cut line, which stays as it was.
    store.append({ e: 'answered', id: 3, at: AT })
    await store.close()
    const after = readFileSync(file, 'utf8')
    expect(after.startsWith(good + cut)).toBe(true)
    expect(after.slice((good + cut).length)).toBe(`\n${line({ e: 'answered', id: 3, at: AT })}`)

    // Again: the same lines are reported (the cut one now ends with a line break, so it is a line that is not JSON), the new event is read.
    const again: string[] = []
    const reopened = await QuestionStore.open(dir, line => again.push(line))
    expect(again).toEqual([...log.slice(0, 2), `${file}:6: not JSON, skipped`])
    expect(reopened.events.map(event => `${event.e} ${event.id}`)).toEqual(['asked 1', 'upvoted 1', 'asked 3', 'answered 3'])
    await reopened.store.close()
  })

  it('refuses to start on a file it cannot read, rather than starting empty', async () => {
    mkdirSync(file)
    await expect(QuestionStore.open(dir, () => {})).rejects.toThrow(/cannot read the questions/)
  })

  it('reads events whatever their number, and skips blank lines', () => {
    const problems: string[] = []
    const text = `${line({ e: 'asked', id: 1, text: 'a', device: DEVICE, at: AT })}\n${line({ e: 'jumped', id: 1, at: AT })}${line({ e: 'hidden', id: 1, at: 'not a time' })}`
    const { events } = parseEvents(text, (n, problem) => problems.push(`${n}: ${problem}`))
    expect(events).toHaveLength(1)
    expect(problems).toEqual(['3: unknown event "jumped", skipped', '4: no valid time, skipped'])
  })

  it('a write appended by another hand in between is kept too', async () => {
    const { store } = await QuestionStore.open(dir, () => {})
    store.append({ e: 'asked', id: 1, text: 'a', device: DEVICE, at: AT })
    await store.flushed()
    appendFileSync(file, line({ e: 'hidden', id: 1, at: AT }))
    store.append({ e: 'answered', id: 1, at: AT })
    await store.close()
    expect(readFileSync(file, 'utf8').trim().split('\n').map(text => (JSON.parse(text) as { e: string }).e)).toEqual(['asked', 'hidden', 'answered'])
  })
})
