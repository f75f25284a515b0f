import type { WebSocket } from 'ws'
import type { Change, Question, QuestionEvent } from './questions'
import type { RunningServer } from './serve'
import type { Message } from './test-channel'
import { Buffer } from 'node:buffer'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { GuessLimiter } from './auth'
import { POLICY_VIOLATION } from './hub'
import { csvCell, exportQuestions, JOIN_LIST_LENGTH, MAX_QUESTIONS, QuestionBoard, QuestionLimiter, questionsCsv, readEvent, readExportedQuestions } from './questions'
import { startServer } from './serve'
import { QUESTIONS_FILE } from './store'
import { openChannel, provedPresenter } from './test-channel'

const SECRET = 'a-secret-for-the-question-tests'
const DEVICE = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'
const OTHER = 'ffffffffffffffffffffffffffffffff'
let dist: string
const servers: RunningServer[] = []
const sockets: WebSocket[] = []
const dirs: string[] = []

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'deck-dist-'))
  writeFileSync(join(dist, 'index.html'), '<!DOCTYPE html><html><head><title>Deck</title></head><body></body></html>')
  dirs.push(dist)
})

afterEach(async () => {
  vi.useRealTimers()
  for (const socket of sockets.splice(0))
    socket.terminate()
  await Promise.all(servers.splice(0).map(server => server.close()))
})

afterEach(() => {
  for (const dir of dirs.splice(1))
    rmSync(dir, { recursive: true, force: true })
})

async function serve(options: { log?: string[], dataDir?: string, limiter?: GuessLimiter } = {}) {
  const { log, ...rest } = options
  const server = await startServer({ dir: dist, base: '/talk/', secret: SECRET, port: 0, host: 'localhost', ...rest, log: line => log?.push(line) })
  servers.push(server)
  return server
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deck-data-'))
  dirs.push(dir)
  return dir
}

/** A deck's connection (./test-channel.ts). */
function connect(server: RunningServer, headers: Record<string, string> = {}) {
  return openChannel(`ws://localhost:${server.port}${server.base}sync`, headers, sockets)
}

const isRefusal = (message: Message) => message.t === 'refused' && message.about === 'questions'

const presenter = (server: RunningServer) => provedPresenter(connect(server), SECRET)

/** A board whose questions count as saved once asked, as the hub's are once the store has them. */
class SavedBoard extends QuestionBoard {
  override ask(device: string, text: string, slide?: number): ReturnType<QuestionBoard['ask']> {
    const result = super.ask(device, text, slide)
    if (!('refused' in result))
      result.saved?.()
    return result
  }
}

describe('the board', () => {
  it('counts one upvote per device, hides from the audience only, and stops at the cap', () => {
    const board = new SavedBoard()
    const first = board.ask(DEVICE, 'first')
    const second = board.ask(DEVICE, 'second')
    expect('question' in first && 'question' in second).toBe(true)
    expect(board.upvote(OTHER, 2)).toMatchObject({ question: { votes: 1 } })
    expect(board.upvote(OTHER, 2)).toEqual({ refused: 'you have upvoted this question already', code: 'already-upvoted' })
    expect(board.upvote(DEVICE, 9)).toEqual({ refused: 'there is no question 9', code: 'unknown' })
    expect(board.list(false).map(q => q.text)).toEqual(['second', 'first'])
    board.moderate(1, 'hidden')
    expect(board.list(false).map(q => q.id)).toEqual([2])
    expect(board.list(true)).toEqual([{ id: 2, text: 'second', votes: 1, answered: false }, { id: 1, text: 'first', votes: 0, answered: false, hidden: true }])
    expect(board.upvote(OTHER, 1)).toEqual({ refused: 'there is no question 1', code: 'unknown' })
    // Moderating twice stores nothing new.
    expect(board.moderate(1, 'hidden')).not.toHaveProperty('event')
    // Hidden ones do not count toward the cap: question 1 leaves a place.
    for (let i = board.visible; i < MAX_QUESTIONS; i++)
      board.ask(DEVICE, `q${i}`)
    expect(board.questions.size).toBe(MAX_QUESTIONS + 1)
    expect(board.ask(DEVICE, 'one too many')).toEqual({ refused: `The question box is full (${MAX_QUESTIONS} questions).`, code: 'box-full' })
    // Hiding one frees a place; showing one again in a full box is refused.
    board.moderate(2, 'hidden')
    expect(board.ask(DEVICE, 'in the freed place')).toHaveProperty('event')
    expect(board.moderate(1, 'shown')).toEqual({ refused: `The question box is full (${MAX_QUESTIONS} questions shown): hide one first.`, code: 'box-full' })
  })

  it('checks the cap against what it holds, not the largest id: a question numbered a million leaves the box open', () => {
    const board = new SavedBoard()
    expect(board.apply({ e: 'asked', id: 1_000_000, text: 'far', device: DEVICE, at: '2026-12-02T10:00:00.000Z' })).toBeUndefined()
    expect(board.ask(DEVICE, 'next')).toMatchObject({ question: { id: 1_000_001 } })
  })

  it('undoes what could not be saved, last first: a question\'s id is handed out again, an upvote and a moderation are taken back', () => {
    const board = new SavedBoard()
    const asked = board.ask(DEVICE, 'saved?') as Change<QuestionEvent, Question>
    const upvoted = board.upvote(OTHER, 1) as Change<QuestionEvent, Question>
    const answered = board.moderate(1, 'answered') as Change<QuestionEvent, Question>
    const hidden = board.moderate(1, 'hidden') as Change<QuestionEvent, Question>
    expect(board.visible).toBe(0)
    for (const change of [hidden, answered, upvoted])
      change.undo()
    expect(board.list(true)).toEqual([{ id: 1, text: 'saved?', votes: 0, answered: false }])
    expect(board.visible).toBe(1)
    // The same device may upvote again: its upvote was never saved.
    expect(board.upvote(OTHER, 1)).toHaveProperty('event')
    asked.undo()
    expect(board.questions.size).toBe(0)
    expect(board.visible).toBe(0)
    expect(board.ask(DEVICE, 'again')).toMatchObject({ question: { id: 1 } })
  })

  it('saves its state as a snapshot and restores it: questions, votes per device, moderation and the next id', () => {
    const board = new SavedBoard()
    board.ask(DEVICE, 'one')
    board.ask(DEVICE, 'two')
    board.upvote(OTHER, 2)
    board.upvote(DEVICE, 2)
    board.moderate(1, 'hidden')
    board.moderate(2, 'answered')
    const restored = new SavedBoard()
    expect(restored.restore(JSON.parse(JSON.stringify(board.snapshot())))).toBeUndefined()
    expect(restored.list(true)).toEqual(board.list(true))
    expect(restored.visible).toBe(1)
    expect(restored.upvote(OTHER, 2)).toEqual({ refused: 'you have upvoted this question already', code: 'already-upvoted' })
    expect(restored.ask(OTHER, 'three')).toMatchObject({ question: { id: 3 } })
    expect(new SavedBoard().restore({ nextId: 1, devices: [], questions: [{ id: 1, text: '', answered: false, hidden: false, askedAt: 'x', voters: [] }] })).toMatch(/not whole/)
    expect(new SavedBoard().restore({ nextId: 2, devices: [], questions: [{ id: 1, text: 'a', answered: false, hidden: false, askedAt: '2026-12-02T10:00:00.000Z', voters: [0] }] })).toMatch(/not devices/)
  })

  it('lists no question before it is saved', () => {
    const board = new QuestionBoard()
    const asked = board.ask(DEVICE, 'saving?') as Change<QuestionEvent, Question>
    expect(board.list(true)).toEqual([])
    asked.saved!()
    expect(board.list(false)).toEqual([{ id: 1, text: 'saving?', votes: 0, answered: false }])
  })

  it('sends a joining deck the top of the list, not the whole board', () => {
    const board = new SavedBoard()
    for (let i = 0; i < 80; i++)
      board.ask(DEVICE, `q${i}`)
    board.upvote(OTHER, 70)
    expect(board.list(false, JOIN_LIST_LENGTH)).toHaveLength(JOIN_LIST_LENGTH)
    expect(board.list(false, JOIN_LIST_LENGTH)[0]!.id).toBe(70)
  })
})

describe('the slide a question was asked on', () => {
  const AT = '2026-12-02T10:00:00.000Z'

  it('is read from its event when there, unknown in a journal written before it was kept, and refused when it is no slide number', () => {
    expect(readEvent({ e: 'asked', id: 1, text: 'q?', device: DEVICE, at: AT, slide: 7 })).toEqual({ e: 'asked', id: 1, text: 'q?', device: DEVICE, at: AT, slide: 7 })
    expect(readEvent({ e: 'asked', id: 1, text: 'q?', device: DEVICE, at: AT })).toEqual({ e: 'asked', id: 1, text: 'q?', device: DEVICE, at: AT })
    for (const slide of [0, 1.5, '3', null, 1001])
      expect(readEvent({ e: 'asked', id: 1, text: 'q?', device: DEVICE, at: AT, slide }), JSON.stringify(slide)).toBe('no valid slide')
  })

  it('is kept by the board, its snapshot and its export (null when unknown), and read back from a downloaded export', () => {
    const board = new SavedBoard()
    board.ask(DEVICE, 'before the talk')
    board.ask(DEVICE, 'on the architecture slide', 6)
    expect([...board.questions.values()].map(q => q.slide)).toEqual([undefined, 6])
    expect(board.snapshot().questions.map(q => q.slide)).toEqual([undefined, 6])
    const restored = new SavedBoard()
    expect(restored.restore(JSON.parse(JSON.stringify(board.snapshot())))).toBeUndefined()
    const exported = exportQuestions(restored.questions.values())
    expect(exported.map(q => [q.text, q.slide])).toEqual([['before the talk', null], ['on the architecture slide', 6]])
    // The decks' view never carries it.
    expect(restored.list(true)[1]).not.toHaveProperty('slide')
    expect(new SavedBoard().restore({ nextId: 2, devices: [], questions: [{ id: 1, text: 'a', answered: false, hidden: false, askedAt: AT, slide: 0, voters: [] }] })).toMatch(/not whole/)

    expect(readExportedQuestions(JSON.parse(JSON.stringify(exported)))).toEqual(exported)
    // An export from before the slide was kept: unknown.
    expect(readExportedQuestions([{ id: 3, text: 'old', votes: 2, answered: true, hidden: false, askedAt: AT }])).toEqual([{ id: 3, text: 'old', votes: 2, answered: true, hidden: false, askedAt: AT, slide: null }])
    expect(readExportedQuestions({ questions: [] })).toBe('not a list of questions')
    expect(readExportedQuestions([{ id: 3, text: 'no votes', answered: true, hidden: false, askedAt: AT }])).toBe('question 3 is not whole')
    expect(readExportedQuestions([{ id: 4, text: 'bad slide', votes: 0, answered: true, hidden: false, askedAt: AT, slide: 'two' }])).toBe('question 4 is not whole')
  })
})

describe('undoing a moderation', () => {
  it('takes back answered and hidden, stores each undo as an event, and replays them', () => {
    const board = new SavedBoard()
    board.ask(DEVICE, 'Is a container a VM?')
    const events = [board.moderate(1, 'answered'), board.moderate(1, 'hidden'), board.moderate(1, 'unanswered'), board.moderate(1, 'shown'), board.moderate(1, 'shown')]
    expect(events.map(result => 'refused' in result ? 'refused' : result.event?.e)).toEqual(['answered', 'hidden', 'unanswered', 'shown', undefined])
    expect(board.list(false)).toEqual([{ id: 1, text: 'Is a container a VM?', votes: 0, answered: false }])
    const replayed = new SavedBoard()
    for (const line of [{ e: 'asked', id: 1, text: 'q?', device: DEVICE, at: '2026-12-02T10:00:00.000Z' }, { e: 'hidden', id: 1, at: '2026-12-02T10:00:01.000Z' }, { e: 'shown', id: 1, at: '2026-12-02T10:00:02.000Z' }]) {
      const event = readEvent(line)
      expect(typeof event).toBe('object')
      replayed.apply(event as Exclude<typeof event, string>)
    }
    expect(replayed.list(false)).toHaveLength(1)
  })
})

describe('the limits', () => {
  it('5 questions and 60 upvotes a minute per device; a network, a room behind NAT, gets more; loopback has no network limit', () => {
    let now = 0
    const limiter = new QuestionLimiter({}, () => now)
    const asks = Array.from({ length: 6 }, () => limiter.take('ask', DEVICE, '203.0.113.9'))
    expect(asks.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined])
    expect(asks[5]).toEqual({ by: 'device', wait: 12_000 })
    // Another device from the same network may still ask.
    expect(limiter.take('ask', OTHER, '203.0.113.9')).toBeUndefined()
    now = 12_000
    expect(limiter.take('ask', DEVICE, '203.0.113.9')).toBeUndefined()
    const upvotes = Array.from({ length: 61 }, () => limiter.take('upvote', DEVICE, '203.0.113.9'))
    expect(upvotes.filter(limited => limited === undefined)).toHaveLength(60)
    expect(upvotes[60]).toEqual({ by: 'device', wait: 1000 })
    // Thirty devices' worth from one network, then the network is limited whatever the device.
    const devices = Array.from({ length: 40 }, (_, i) => `device-${String(i).padStart(12, '0')}`)
    const fromOneNetwork = devices.map(device => limiter.take('ask', device, '198.51.100.1'))
    expect(fromOneNetwork.filter(limited => limited === undefined)).toHaveLength(30)
    expect(fromOneNetwork[30]).toMatchObject({ by: 'network' })
    expect(devices.map(device => limiter.take('ask', `${device}x`, '127.0.0.1', true)).every(limited => limited === undefined)).toBe(true)
    now = 3_600_000
    limiter.prune()
  })

  it('the whole room asks at most so many questions a minute, however many networks it comes from', () => {
    let now = 0
    const limiter = new QuestionLimiter({ askPerRoom: { burst: 10, perSecond: 1 } }, () => now)
    const fromManyNetworks = Array.from({ length: 12 }, (_, i) => limiter.take('ask', `device-${String(i).padStart(12, '0')}`, `198.51.100.${i}`))
    expect(fromManyNetworks.filter(limited => limited === undefined)).toHaveLength(10)
    expect(fromManyNetworks[10]).toEqual({ by: 'room', wait: 1000 })
    // Upvotes are not questions: the room's budget leaves them alone.
    expect(limiter.take('upvote', DEVICE, '198.51.100.99')).toBeUndefined()
    // Loopback too counts toward the room's budget.
    expect(limiter.take('ask', DEVICE, '127.0.0.1', true)).toMatchObject({ by: 'room' })
    now = 1000
    expect(limiter.take('ask', DEVICE, '127.0.0.1', true)).toBeUndefined()
  })
})

describe('the CSV export', () => {
  it('quotes per RFC 4180 and guards against formulas', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a, b')).toBe('"a, b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"')
    expect(csvCell('+1')).toBe('\'+1')
    expect(csvCell('-2+3')).toBe('\'-2+3')
    expect(csvCell('@SUM(A1)')).toBe('\'@SUM(A1)')
    expect(csvCell('\tcell')).toBe('\'\tcell')
    expect(csvCell('a=b')).toBe('a=b')
    expect(csvCell(3)).toBe('3')
    expect(csvCell(false)).toBe('false')
    expect(questionsCsv([{ id: 1, text: '=1+1, "x"', votes: 2, answered: true, hidden: false, askedAt: '2026-12-02T01:00:00.000Z', slide: 4 }, { id: 2, text: 'b', votes: 0, answered: false, hidden: false, askedAt: '2026-12-02T01:00:00.000Z', slide: null }]))
      .toBe('id,text,votes,answered,hidden,askedAt,slide\r\n1,"\'=1+1, ""x""",2,true,false,2026-12-02T01:00:00.000Z,4\r\n2,b,0,false,false,2026-12-02T01:00:00.000Z,\r\n')
  })
})

describe('questions over the channel', () => {
  it('a question goes to every deck as text; an upvote counts once; hidden ones go to presenters only', async () => {
    const server = await serve()
    const lead = await presenter(server)
    const asker = await connect(server)
    const voter = await connect(server)
    asker.send({ t: 'ask', device: DEVICE, text: '  <b>bold</b> claim?  ' })
    expect(await asker.next(message => message.t === 'asked')).toEqual({ t: 'asked', id: 1 })
    const question = { id: 1, text: '<b>bold</b> claim?', votes: 0, answered: false }
    for (const deck of [lead, asker, voter])
      expect(await deck.next(message => message.t === 'question')).toEqual({ t: 'question', question })

    voter.send({ t: 'upvote', device: OTHER, id: 1 })
    await asker.next(message => message.t === 'question' && (message.question as Message).votes === 1)
    voter.send({ t: 'upvote', device: OTHER, id: 1 })
    expect(await voter.next(isRefusal)).toMatchObject({ reason: 'you have upvoted this question already' })

    // The audience may not moderate.
    voter.send({ t: 'moderate', id: 1, action: 'hidden' })
    expect(await voter.next(message => isRefusal(message) && message.reason !== 'you have upvoted this question already')).toMatchObject({ reason: 'only the presenter moderates questions' })

    lead.send({ t: 'moderate', id: 1, action: 'hidden' })
    expect(await lead.next(message => message.t === 'question' && (message.question as Message).hidden === true)).toEqual({ t: 'question', question: { ...question, votes: 1, hidden: true } })
    expect(await asker.next(message => message.t === 'question-gone')).toEqual({ t: 'question-gone', id: 1 })
    // A deck that joins now hears of no question; the presenter's list has it, hidden.
    const late = await connect(server)
    const latePresenter = await presenter(server)
    expect(await latePresenter.next(message => message.t === 'questions')).toEqual({ t: 'questions', questions: [{ ...question, votes: 1, hidden: true }] })
    late.send({ t: 'ping' })
    await late.next(message => message.t === 'pong')
    expect(late.received.filter(message => message.t === 'questions')).toEqual([])
  })

  it('in a busy room, holds the changes of a quarter of a second together: one message per deck, upvotes as counts, hidden ones dropped for the audience', async () => {
    const server = await serve()
    const lead = await presenter(server)
    const asker = await connect(server)
    const watcher = await connect(server)
    asker.send({ t: 'ask', device: DEVICE, text: 'First?' })
    // The first change after a quiet spell goes at once, alone.
    expect(await watcher.next(message => message.t === 'question')).toMatchObject({ question: { id: 1 } })
    asker.send({ t: 'ask', device: DEVICE, text: 'Second?' })
    watcher.send({ t: 'upvote', device: OTHER, id: 1 })
    lead.send({ t: 'moderate', id: 2, action: 'hidden' })
    // Question 1 only gained an upvote: its id and count, not its text again.
    const batch = await watcher.next(message => message.t === 'question-changes')
    expect(batch).toEqual({ t: 'question-changes', questions: [], votes: [[1, 1]], gone: [2] })
    expect(await lead.next(message => message.t === 'question-changes')).toEqual({ t: 'question-changes', questions: [{ id: 2, text: 'Second?', votes: 0, answered: false, hidden: true }], votes: [[1, 1]], gone: [] })
  })

  it('refuses a bad question with its reason, and closes a connection that keeps sending them', async () => {
    const log: string[] = []
    const server = await serve({ log })
    const deck = await connect(server)
    deck.send({ t: 'ask', device: DEVICE, text: 'line\nbreak' })
    expect(await deck.next(isRefusal)).toEqual({ t: 'refused', code: 'malformed', about: 'questions', reason: 'a question may not contain control characters or line breaks' })
    deck.send({ t: 'ask', device: DEVICE, text: 'x'.repeat(281) })
    await deck.next(message => isRefusal(message) && String(message.reason).includes('281'))
    for (let i = 0; i < 3; i++)
      deck.send({ t: 'ask', device: DEVICE, text: '   ' })
    expect(await deck.closed).toBe(POLICY_VIOLATION)
  })

  it('over the limit: a clear refusal with the wait, and one log line, not one per message', async () => {
    const log: string[] = []
    const server = await serve({ log })
    const deck = await connect(server, {})
    for (let i = 0; i < 8; i++)
      deck.send({ t: 'ask', device: DEVICE, text: `question ${i}` })
    const refusal = await deck.next(isRefusal)
    expect(refusal.reason).toMatch(/^Too many questions from this device or network: try again in \d+ s$/)
    await deck.next(message => deck.received.filter(isRefusal).length === 3 && message === deck.received.at(-1))
    expect(deck.received.filter(message => message.t === 'asked')).toHaveLength(5)
    expect(log.filter(line => line.includes('over the limit'))).toHaveLength(1)
    // One connection, one device: another id on it is refused.
    deck.send({ t: 'upvote', device: OTHER, id: 1 })
    await deck.next(message => isRefusal(message) && message.reason === 'one device id per connection')
  })

  it('saves every event in the data directory and has them back after a restart', async () => {
    const dir = dataDir()
    const first = await serve({ dataDir: dir })
    const deck = await connect(first)
    deck.send({ t: 'ask', device: DEVICE, text: 'Still there?' })
    await deck.next(message => message.t === 'asked')
    // Answered "asked": the line is on disk already, before any close.
    expect(readFileSync(join(dir, QUESTIONS_FILE), 'utf8')).toContain('Still there?')
    await first.close()
    expect(readFileSync(join(dir, QUESTIONS_FILE), 'utf8')).toMatch(/^\{"e":"asked","id":1,"text":"Still there\?","device":"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6","at":"[^"]+"\}\n$/)
    const log: string[] = []
    const second = await serve({ dataDir: dir, log })
    const again = await connect(second)
    expect(await again.next(message => message.t === 'questions')).toEqual({ t: 'questions', questions: [{ id: 1, text: 'Still there?', votes: 0, answered: false }], total: 1 })
    expect(log).toContain(`questions: 1 from ${join(dir, QUESTIONS_FILE)} (1 events replayed)`)
  })
})

describe('the slide shown when a question is asked', () => {
  it('is the presenter\'s: kept with the question in the journal, after a restart and in the export; none before the presenter has shown a slide', async () => {
    const dir = dataDir()
    const first = await serve({ dataDir: dir })
    const lead = await presenter(first)
    const deck = await connect(first)
    deck.send({ t: 'ask', device: DEVICE, text: 'Before the talk?' })
    await deck.next(message => message.t === 'asked')
    lead.send({ t: 'nav', page: 5, clicks: 1, clicksTotal: 2 })
    await deck.next(message => message.t === 'state' && message.page === 5)
    deck.send({ t: 'ask', device: DEVICE, text: 'On slide five?' })
    await deck.next(message => message.t === 'asked' && message.id === 2)
    const lines = readFileSync(join(dir, QUESTIONS_FILE), 'utf8').trim().split('\n').map(line => JSON.parse(line) as Message)
    expect(lines.map(line => line.slide)).toEqual([undefined, 5])
    await first.close()
    const second = await serve({ dataDir: dir })
    const headers = { Authorization: `Bearer ${SECRET}` }
    const json = await (await fetch(`http://localhost:${second.port}/talk/api/questions.json`, { headers })).json() as Message[]
    expect(json.map(question => [question.text, question.slide])).toEqual([['Before the talk?', null], ['On slide five?', 5]])
    const csv = (await (await fetch(`http://localhost:${second.port}/talk/api/questions.csv`, { headers })).text()).split('\r\n')
    expect(csv[0]).toBe('id,text,votes,answered,hidden,askedAt,slide')
    expect([csv[1]!.split(',').at(-1), csv[2]!.split(',').at(-1)]).toEqual(['', '5'])
  })
})

describe('the export', () => {
  const exportUrl = (server: RunningServer, format: string) => `http://localhost:${server.port}/talk/api/questions.${format}`

  it('answers 401 without the secret or with a wrong one, and the questions with it', async () => {
    const server = await serve()
    const deck = await connect(server)
    deck.send({ t: 'ask', device: DEVICE, text: '=cmd|" /C calc"!A0' })
    await deck.next(message => message.t === 'asked')
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong-secret' }, { Authorization: SECRET }, { Authorization: `Basic ${SECRET}` }]
    for (const headers of attempts) {
      const response = await fetch(exportUrl(server, 'json'), { headers })
      expect(response.status, JSON.stringify(headers)).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="questions"')
      expect(await response.text()).not.toContain('calc')
    }
    // Not in the address either.
    expect((await fetch(`${exportUrl(server, 'json')}?secret=${SECRET}`)).status).toBe(401)
    const json = await fetch(exportUrl(server, 'json'), { headers: { Authorization: `Bearer ${SECRET}` } })
    expect(json.status).toBe(200)
    expect(json.headers.get('cache-control')).toBe('no-store')
    expect(await json.json()).toEqual([{ id: 1, text: '=cmd|" /C calc"!A0', votes: 0, answered: false, hidden: false, askedAt: expect.any(String), slide: null }])
    const csv = await fetch(exportUrl(server, 'csv'), { headers: { Authorization: `Bearer ${SECRET}` } })
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    expect((await csv.text()).split('\r\n')[1]).toMatch(/^1,"'=cmd\|"" \/C calc""!A0",0,false,false,/)
    expect((await fetch(exportUrl(server, 'csv'), { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } })).status).toBe(405)
  })

  it('takes the secret as the presenter view does: spaces and letters beyond ASCII, sent as UTF-8', async () => {
    const secret = 'ünïcode secret with spaces'
    const server = await startServer({ dir: dist, base: '/talk/', secret, port: 0, host: 'localhost' })
    servers.push(server)
    // fetch sends a header's characters as bytes; the UTF-8 of the secret is what curl and a browser send.
    const utf8AsLatin1 = Buffer.from(secret, 'utf8').toString('latin1')
    expect((await fetch(exportUrl(server, 'json'), { headers: { Authorization: `Bearer ${utf8AsLatin1}` } })).status).toBe(200)
    expect((await fetch(exportUrl(server, 'json'), { headers: { Authorization: 'Bearer ünïcode secret' } })).status).toBe(401)
    // The scheme's name in any case.
    expect((await fetch(exportUrl(server, 'json'), { headers: { Authorization: `bearer ${utf8AsLatin1}` } })).status).toBe(200)
    expect(await provedPresenter(connect(server), secret)).toBeTruthy()
  })

  it('logs wrong export secrets as the channel does: one line, then how many more', async () => {
    const log: string[] = []
    const server = await serve({ log, limiter: new GuessLimiter({ perAddress: { burst: 100, perSecond: 1 }, global: { burst: 100, perSecond: 1 } }) })
    for (let i = 0; i < 5; i++)
      expect((await fetch(exportUrl(server, 'json'), { headers: { Authorization: `Bearer wrong-${i}` } })).status).toBe(401)
    expect(log.filter(line => line.includes('wrong presenter secret for the questions export'))).toHaveLength(1)
    await server.close()
    expect(log).toContain('wrong export secrets: 4 more in the last 10 s, not logged one by one')
  })

  it('wrong secrets count against the guess limits: 429 once they are spent, and the right one still works', async () => {
    const server = await serve({ limiter: new GuessLimiter({ perAddress: { burst: 2, perSecond: 0.001 } }) })
    const statuses = []
    for (let i = 0; i < 3; i++)
      statuses.push((await fetch(exportUrl(server, 'json'), { headers: { Authorization: 'Bearer wrong' } })).status)
    expect(statuses).toEqual([401, 401, 429])
    expect((await fetch(exportUrl(server, 'json'), { headers: { Authorization: `Bearer ${SECRET}` } })).status).toBe(200)
  })
})
