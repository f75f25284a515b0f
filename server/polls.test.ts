import type { WebSocket } from 'ws'
import type { PollDefinition, PollEvent } from './polls'
import type { RunningServer } from './serve'
import type { Message } from './test-channel'
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { parseClientMessage, parseServerMessage } from '../shared/sync-protocol'
import { countVotes, exportPolls, formatPollDefinitions, parsePollDefinitions, PollBoard, PollLimiter, POLLS_DEFINITIONS_FILE, pollsCsv, readPollEvent } from './polls'
import { startServer } from './serve'
import { damagedFile, Journal, POLLS_FILE } from './store'
import { openChannel } from './test-channel'

const SECRET = 'a-secret-for-the-poll-tests'
const DEVICE = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'
const OTHER = 'ffffffffffffffffffffffffffffffff'
const THIRD = '0123456789abcdef0123456789abcdef'
const AT = '2026-12-02T01:00:00.000Z'
const OPTIONS = ['Yes, lightweight VMs', 'Sort of', 'No, something else']
const DEFINITIONS: PollDefinition[] = [
  { id: 'lightweight-vms', question: 'Are containers just lightweight VMs?', options: OPTIONS, slide: 2 },
  { id: 'lightweight-vms-again', question: 'Are containers just lightweight VMs?', options: OPTIONS, slide: 22, compare: 'lightweight-vms' },
]

let dist: string
const servers: RunningServer[] = []
const sockets: WebSocket[] = []
const dirs: string[] = []

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'deck-dist-'))
  writeFileSync(join(dist, 'index.html'), '<!DOCTYPE html><html><head><title>Deck</title></head><body></body></html>')
  writeFileSync(join(dist, POLLS_DEFINITIONS_FILE), formatPollDefinitions(DEFINITIONS))
  dirs.push(dist)
})

afterEach(async () => {
  vi.useRealTimers()
  for (const socket of sockets.splice(0))
    socket.terminate()
  await Promise.all(servers.splice(0).map(server => server.close()))
  for (const dir of dirs.splice(1))
    rmSync(dir, { recursive: true, force: true })
})

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deck-data-'))
  dirs.push(dir)
  return dir
}

describe('the board', () => {
  it('takes one vote per device, changeable while the poll is open; refuses a closed poll, an unknown poll or option', () => {
    const board = new PollBoard(DEFINITIONS, () => new Date(AT))
    expect(board.vote(DEVICE, 'lightweight-vms', 0)).toEqual({ event: { e: 'voted', poll: 'lightweight-vms', option: 0, device: DEVICE, at: AT }, result: { id: 'lightweight-vms', open: true, counts: [1, 0, 0] }, undo: expect.any(Function) })
    board.vote(OTHER, 'lightweight-vms', 0)
    // A device that votes again changes its vote: still one vote each.
    expect(board.vote(DEVICE, 'lightweight-vms', 2)).toMatchObject({ result: { counts: [1, 0, 1] } })
    // The same vote again stores nothing.
    expect(board.vote(DEVICE, 'lightweight-vms', 2)).toEqual({ result: { id: 'lightweight-vms', open: true, counts: [1, 0, 1] } })
    expect(board.vote(DEVICE, 'no-such-poll', 0)).toEqual({ refused: 'there is no poll "no-such-poll"', code: 'unknown' })
    expect(board.vote(DEVICE, 'lightweight-vms', 3)).toEqual({ refused: 'poll "lightweight-vms" has no option 4', code: 'unknown' })
    expect(board.setOpen('lightweight-vms', false)).toMatchObject({ event: { e: 'closed', poll: 'lightweight-vms' }, result: { open: false } })
    expect(board.setOpen('lightweight-vms', false)).not.toHaveProperty('event')
    expect(board.vote(THIRD, 'lightweight-vms', 1)).toEqual({ refused: 'This poll is closed.', code: 'poll-closed' })
    expect(board.vote(DEVICE, 'lightweight-vms', 1)).toEqual({ refused: 'This poll is closed.', code: 'poll-closed' })
    expect(board.result('lightweight-vms')).toEqual({ id: 'lightweight-vms', open: false, counts: [1, 0, 1] })
    // Reopened, it takes votes again; the other poll was never touched.
    board.setOpen('lightweight-vms', true)
    expect(board.vote(THIRD, 'lightweight-vms', 1)).toMatchObject({ result: { counts: [1, 1, 1] } })
    expect(board.list().map(poll => [poll.id, poll.open, poll.counts, poll.slide])).toEqual([['lightweight-vms', true, [1, 1, 1], 2], ['lightweight-vms-again', true, [0, 0, 0], 22]])
  })

  it('undoes a vote, a change of vote and a close that could not be saved, last first', () => {
    const board = new PollBoard(DEFINITIONS, () => new Date(AT))
    const first = board.vote(DEVICE, 'lightweight-vms', 0) as { undo: () => void }
    const change = board.vote(DEVICE, 'lightweight-vms', 2) as { undo: () => void }
    const other = board.vote(OTHER, 'lightweight-vms', 1) as { undo: () => void }
    expect(board.result('lightweight-vms')!.counts).toEqual([0, 1, 1])
    other.undo()
    change.undo()
    expect(board.result('lightweight-vms')!.counts).toEqual([1, 0, 0])
    first.undo()
    expect(board.result('lightweight-vms')!.counts).toEqual([0, 0, 0])
    const closed = board.setOpen('lightweight-vms', false) as { undo: () => void }
    closed.undo()
    expect(board.result('lightweight-vms')!.open).toBe(true)
  })

  it('saves its state as a snapshot and restores it, votes, closes and a poll this build no longer has included', () => {
    const board = new PollBoard(DEFINITIONS, () => new Date(AT))
    board.vote(DEVICE, 'lightweight-vms', 0)
    board.vote(OTHER, 'lightweight-vms', 2)
    board.vote(DEVICE, 'lightweight-vms-again', 1)
    board.setOpen('lightweight-vms', false)
    const snapshot = JSON.parse(JSON.stringify(board.snapshot())) as unknown
    // A build with only the second poll keeps the first's votes aside, and gives them back to a build that has it again.
    const narrower = new PollBoard([DEFINITIONS[1]!])
    expect(narrower.restore(snapshot)).toBeUndefined()
    expect(narrower.list().map(poll => poll.counts)).toEqual([[0, 1, 0]])
    const again = new PollBoard(DEFINITIONS)
    expect(again.restore(JSON.parse(JSON.stringify(narrower.snapshot())))).toBeUndefined()
    expect(again.list().map(poll => [poll.id, poll.open, poll.counts])).toEqual([['lightweight-vms', false, [1, 0, 1]], ['lightweight-vms-again', true, [0, 1, 0]]])
    // The same device still has its vote: voting as before stores nothing.
    expect(again.vote(DEVICE, 'lightweight-vms-again', 1)).not.toHaveProperty('event')
    // A build whose poll lost its last option: those votes are left out and reported, the others kept.
    const fewer = new PollBoard([{ ...DEFINITIONS[0]!, options: OPTIONS.slice(0, 2) }])
    const reported: string[] = []
    expect(fewer.restore(JSON.parse(JSON.stringify(board.snapshot())), line => reported.push(line))).toBeUndefined()
    expect(fewer.list()[0]!.counts).toEqual([1, 0])
    expect(reported).toEqual(['1 vote(s) in poll "lightweight-vms" for an option past its 2'])
    expect(new PollBoard(DEFINITIONS).restore({ devices: ['short'], polls: [] })).toBe('a list of device ids')
    expect(new PollBoard(DEFINITIONS).restore({ devices: [DEVICE], polls: [{ id: 'lightweight-vms', open: true, votes: [[1, 0]] }] })).toMatch(/not a device's option/)
  })

  it('counts each option\'s votes', () => {
    expect(countVotes(3, [0, 2, 2, 1, 2])).toEqual([1, 1, 3])
    expect(countVotes(2, [])).toEqual([0, 0])
  })

  it('replays only events that fit the deck: a poll it no longer has, an option past its last, a vote after a close', () => {
    const board = new PollBoard(DEFINITIONS)
    expect(board.apply({ e: 'voted', poll: 'gone', option: 0, device: DEVICE, at: AT })).toBe('no poll "gone" in this deck')
    expect(board.apply({ e: 'voted', poll: 'lightweight-vms', option: 5, device: DEVICE, at: AT })).toBe('poll "lightweight-vms" has no option 5')
    expect(board.apply({ e: 'closed', poll: 'lightweight-vms', at: AT })).toBeUndefined()
    expect(board.apply({ e: 'voted', poll: 'lightweight-vms', option: 0, device: DEVICE, at: AT })).toBe('poll "lightweight-vms" was closed')
  })

  it('reads stored events, and says what is wrong with one that is not', () => {
    expect(readPollEvent({ e: 'voted', poll: 'a', option: 1, device: DEVICE, at: AT })).toEqual({ e: 'voted', poll: 'a', option: 1, device: DEVICE, at: AT })
    expect(readPollEvent({ e: 'closed', poll: 'a', at: AT })).toEqual({ e: 'closed', poll: 'a', at: AT })
    expect(readPollEvent({ e: 'voted', poll: 'a', option: 9, device: DEVICE, at: AT })).toBe('no valid option')
    expect(readPollEvent({ e: 'voted', poll: 'A B', option: 0, device: DEVICE, at: AT })).toBe('no valid poll id')
    expect(readPollEvent({ e: 'voted', poll: 'a', option: 0, device: 'short', at: AT })).toBe('no valid device id')
    expect(readPollEvent({ e: 'shredded', poll: 'a', at: AT })).toBe('unknown event "shredded"')
    expect(readPollEvent([])).toBe('not a JSON object')
  })
})

describe('the deck\'s polls, as the build writes them', () => {
  it('reads them back, and refuses a file that breaks the rules', () => {
    expect(parsePollDefinitions(formatPollDefinitions(DEFINITIONS))).toEqual(DEFINITIONS)
    expect(parsePollDefinitions('nope')).toBe('not JSON')
    expect(parsePollDefinitions('{"polls":[{"id":"a","question":"Q","options":["x"],"slide":1}]}')).toBe('poll "a": 1 options, not 2 to 6')
    expect(parsePollDefinitions('{"polls":[{"id":"a","question":"Q","options":["x","y"]}]}')).toBe('poll "a" has no slide number')
  })
})

describe('the limits', () => {
  it('20 votes a minute per device; an address, a room behind NAT, gets 600; loopback has no address limit', () => {
    vi.useFakeTimers({ now: 0 })
    const limiter = new PollLimiter()
    const votes = Array.from({ length: 21 }, () => limiter.take(DEVICE, '203.0.113.9'))
    expect(votes.slice(0, 20).every(wait => wait === 0)).toBe(true)
    expect(votes[20]).toBe(3000)
    expect(limiter.take(OTHER, '203.0.113.9')).toBe(0)
    vi.advanceTimersByTime(3000)
    expect(limiter.take(DEVICE, '203.0.113.9')).toBe(0)
    const room = new PollLimiter({ votePerDevice: { burst: 1000, perSecond: 1000 } })
    const fromRoom = Array.from({ length: 601 }, (_, i) => room.take(`device-${String(i).padStart(12, '0')}`, '203.0.113.10'))
    expect(fromRoom.filter(wait => wait === 0)).toHaveLength(600)
    expect(fromRoom.slice(0, 600).every(wait => wait === 0)).toBe(true)
    expect(Array.from({ length: 700 }, (_, i) => room.take(`device-${String(i).padStart(12, '0')}`, '127.0.0.1', true)).every(wait => wait === 0)).toBe(true)
  })
})

describe('the store', () => {
  const open = (dir: string, board: PollBoard, log: string[]) => Journal.open<PollEvent>({ dir, name: POLLS_FILE, what: 'poll votes', read: readPollEvent, restore: state => board.restore(state), apply: event => board.apply(event), snapshot: () => board.snapshot(), log: line => log.push(line) })

  it('saves votes, closes and reopens one line each, replays them at start, and keeps a corrupt line aside', async () => {
    const dir = dataDir()
    const log: string[] = []
    const board = new PollBoard(DEFINITIONS, () => new Date(AT))
    const first = await open(dir, board, log)
    expect(first.opened).toEqual({ replayed: 0, damaged: 0, fromSnapshot: false })
    for (const step of [board.vote(DEVICE, 'lightweight-vms', 0), board.vote(OTHER, 'lightweight-vms', 1), board.vote(DEVICE, 'lightweight-vms', 2), board.setOpen('lightweight-vms', false)]) {
      if ('refused' in step || !step.event)
        throw new Error('each step should be stored')
      await first.journal.append(step.event)
    }
    await first.journal.close()
    const file = join(dir, POLLS_FILE)
    appendFileSync(file, 'not json\n{"e":"voted","poll":"lightweight-vms"')

    const replayed = new PollBoard(DEFINITIONS)
    const second = await open(dir, replayed, log)
    expect(log).toEqual([`${file}:5: not JSON, skipped (kept in ${damagedFile(file)})`, `${file}:6: cut short (no line break after it: a write interrupted by a crash or a full disk), skipped (kept in ${damagedFile(file)})`])
    expect(second.opened).toEqual({ replayed: 4, damaged: 2, fromSnapshot: false })
    expect(replayed.result('lightweight-vms')).toEqual({ id: 'lightweight-vms', open: false, counts: [0, 1, 1] })
    // The closed poll stays closed after the restart.
    expect(replayed.vote(THIRD, 'lightweight-vms', 0)).toEqual({ refused: 'This poll is closed.', code: 'poll-closed' })
    await second.journal.close()
    // The cut line is cut off (the unreadable whole line stays until the next snapshot); both are kept aside, byte for byte.
    expect(readFileSync(file, 'utf8').endsWith('"at":"2026-12-02T01:00:00.000Z"}\nnot json\n')).toBe(true)
    expect(readFileSync(damagedFile(file), 'utf8')).toMatch(/^# \S+ polls\.jsonl:5: not JSON\nnot json\n# \S+ polls\.jsonl:6: cut short[^\n]*\n\{"e":"voted","poll":"lightweight-vms"\n$/)
  })
})

describe('the export', () => {
  it('gives each poll\'s question, state and votes per option, as JSON and as CSV', () => {
    const board = new PollBoard(DEFINITIONS)
    board.vote(DEVICE, 'lightweight-vms', 1)
    board.vote(OTHER, 'lightweight-vms', 1)
    board.setOpen('lightweight-vms', false)
    const exported = exportPolls(board)
    expect(exported[0]).toEqual({ id: 'lightweight-vms', slide: 2, question: 'Are containers just lightweight VMs?', open: false, votes: 2, options: [{ option: 'Yes, lightweight VMs', votes: 0 }, { option: 'Sort of', votes: 2 }, { option: 'No, something else', votes: 0 }] })
    expect(pollsCsv(exported).split('\r\n').slice(0, 3)).toEqual([
      'poll,slide,question,open,option,votes',
      'lightweight-vms,2,Are containers just lightweight VMs?,false,"Yes, lightweight VMs",0',
      'lightweight-vms,2,Are containers just lightweight VMs?,false,Sort of,2',
    ])
  })
})

describe('the protocol', () => {
  it('reads a vote and the presenter\'s close, and refuses malformed ones', () => {
    const parse = (value: object) => parseClientMessage(JSON.stringify(value), JSON.stringify(value).length)
    expect(parse({ t: 'vote', device: DEVICE, poll: 'lightweight-vms', option: 2 })).toEqual({ ok: true, message: { t: 'vote', device: DEVICE, poll: 'lightweight-vms', option: 2 } })
    expect(parse({ t: 'poll-open', poll: 'lightweight-vms', open: false })).toEqual({ ok: true, message: { t: 'poll-open', poll: 'lightweight-vms', open: false } })
    expect(parse({ t: 'vote', device: DEVICE, poll: 'lightweight-vms', option: 6 })).toMatchObject({ ok: false, poll: true })
    expect(parse({ t: 'vote', device: DEVICE, poll: 'Not Kebab', option: 0 })).toMatchObject({ ok: false, poll: true })
    expect(parse({ t: 'vote', device: DEVICE, poll: 'a', option: 0, extra: 1 })).toMatchObject({ ok: false, poll: true })
    expect(parse({ t: 'poll-open', poll: 'a', open: 'yes' })).toMatchObject({ ok: false, poll: true })
    expect(parseServerMessage(JSON.stringify({ t: 'poll', poll: { id: 'a', open: true, counts: [1, 2] } }))).toEqual({ t: 'poll', poll: { id: 'a', open: true, counts: [1, 2] } })
    expect(parseServerMessage(JSON.stringify({ t: 'polls', polls: [{ ...DEFINITIONS[1], open: true, counts: [0, 0, 0] }] }))).toEqual({ t: 'polls', polls: [{ ...DEFINITIONS[1], open: true, counts: [0, 0, 0] }] })
    expect(parseServerMessage(JSON.stringify({ t: 'polls', polls: [{ ...DEFINITIONS[0], open: true, counts: [0, 0] }] }))).toBeUndefined()
    expect(parseServerMessage(JSON.stringify({ t: 'refused', code: 'poll-closed', reason: 'This poll is closed.', about: 'polls', poll: 'a' }))).toEqual({ t: 'refused', code: 'poll-closed', reason: 'This poll is closed.', about: 'polls', poll: 'a' })
  })
})

/** A deck's connection (./test-channel.ts). */
function connect(server: RunningServer) {
  return openChannel(`ws://localhost:${server.port}${server.base}sync`, {}, sockets)
}

const results = (counts: number[], open = true) => (message: Message) => message.t === 'poll' && JSON.stringify(message.poll) === JSON.stringify({ id: 'lightweight-vms', open, counts })

describe('the hub and the server', () => {
  it('sends every deck the polls, takes votes, lets only the presenter close, keeps it all over a restart, and exports it with the secret', async () => {
    const dir = dataDir()
    let server = await startServer({ dir: dist, base: '/talk/', secret: SECRET, port: 0, host: 'localhost', dataDir: dir })
    servers.push(server)
    const audience = await connect(server)
    const listed = await audience.next(message => message.t === 'polls')
    expect((listed.polls as Array<{ id: string }>).map(poll => poll.id)).toEqual(['lightweight-vms', 'lightweight-vms-again'])
    const presenter = await connect(server)
    presenter.send({ t: 'auth', secret: SECRET })
    await presenter.next(message => message.t === 'auth' && message.ok === true)

    audience.send({ t: 'vote', device: DEVICE, poll: 'lightweight-vms', option: 0 })
    await audience.next(message => message.t === 'voted' && message.option === 0)
    await presenter.next(results([1, 0, 0]))
    audience.send({ t: 'vote', device: DEVICE, poll: 'lightweight-vms', option: 2 })
    await presenter.next(results([0, 0, 1]))
    audience.send({ t: 'vote', device: DEVICE, poll: 'no-such-poll', option: 0 })
    await audience.next(message => message.t === 'refused' && message.about === 'polls' && message.reason === 'there is no poll "no-such-poll"')

    // Only the presenter closes a poll.
    audience.send({ t: 'poll-open', poll: 'lightweight-vms', open: false })
    await audience.next(message => message.t === 'refused' && message.reason === 'only the presenter closes and reopens polls')
    presenter.send({ t: 'poll-open', poll: 'lightweight-vms', open: false })
    await audience.next(results([0, 0, 1], false))
    const late = await connect(server)
    late.send({ t: 'vote', device: OTHER, poll: 'lightweight-vms', option: 1 })
    await late.next(message => message.t === 'refused' && message.reason === 'This poll is closed.' && message.poll === 'lightweight-vms')

    await server.close()
    servers.splice(0)
    expect(readFileSync(join(dir, POLLS_FILE), 'utf8').trim().split('\n').map(line => (JSON.parse(line) as { e: string }).e)).toEqual(['voted', 'voted', 'closed'])
    server = await startServer({ dir: dist, base: '/talk/', secret: SECRET, port: 0, host: 'localhost', dataDir: dir })
    servers.push(server)
    const back = await connect(server)
    const again = await back.next(message => message.t === 'polls')
    expect((again.polls as Array<{ id: string, open: boolean, counts: number[] }>)[0]).toMatchObject({ id: 'lightweight-vms', open: false, counts: [0, 0, 1] })

    const url = `http://localhost:${server.port}/talk/api/polls`
    expect((await fetch(`${url}.json`)).status).toBe(401)
    const json = await fetch(`${url}.json`, { headers: { Authorization: `Bearer ${SECRET}` } })
    expect(json.status).toBe(200)
    expect(((await json.json()) as Array<{ votes: number, open: boolean }>)[0]).toMatchObject({ votes: 1, open: false })
    const csv = await fetch(`${url}.csv`, { headers: { Authorization: `Bearer ${SECRET}` } })
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/)
    expect(await csv.text()).toContain('lightweight-vms,2,Are containers just lightweight VMs?,false,"No, something else",1')
  })

  it('limits votes per device', async () => {
    const server = await startServer({ dir: dist, base: '/talk/', secret: SECRET, port: 0, host: 'localhost', pollLimits: { votePerDevice: { burst: 2, perSecond: 1 / 60 } } })
    servers.push(server)
    const deck = await connect(server)
    for (const option of [0, 1])
      deck.send({ t: 'vote', device: DEVICE, poll: 'lightweight-vms', option })
    deck.send({ t: 'vote', device: DEVICE, poll: 'lightweight-vms', option: 2 })
    await deck.next(message => message.t === 'refused' && typeof message.reason === 'string' && message.reason.startsWith('Too many votes from this device or network'))
    expect(server.polls.result('lightweight-vms')?.counts).toEqual([0, 1, 0])
  })

  it('takes no votes without the build\'s deck-polls.json, and says so in the log', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'deck-dist-'))
    dirs.push(bare)
    writeFileSync(join(bare, 'index.html'), '<!DOCTYPE html><html><head><title>Deck</title></head><body></body></html>')
    const log: string[] = []
    const server = await startServer({ dir: bare, base: '/talk/', secret: SECRET, port: 0, host: 'localhost', log: line => log.push(line) })
    servers.push(server)
    expect(log.some(line => line.includes('deck-polls.json (npm run build writes it)'))).toBe(true)
    const deck = await connect(server)
    deck.send({ t: 'vote', device: DEVICE, poll: 'lightweight-vms', option: 0 })
    await deck.next(message => message.t === 'refused' && message.reason === 'there is no poll "lightweight-vms"')
  })
})
