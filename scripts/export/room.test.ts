/**
 * The room's edition from a hosted talk's data: tests/fixtures/room/data/ is
 * a server's data directory (a questions snapshot written before slides were
 * kept, journals after it), and tests/fixtures/room/export/ the same talk as
 * the server's api/ exported it. The talk: answered questions on slides 2, 9,
 * 11 and 52, one answered question without a slide (and one in the snapshot,
 * from before slides were kept), a hidden answered one, one answered then
 * unanswered, one never answered, upvotes, and votes in both polls (one
 * changed) from six devices whose ids start `fixture-dev-`.
 */
import type { RoomData } from './room'
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { OTHER_QUESTIONS_TITLE } from '../../setup/handout/room-edition'
import { deckPolls } from '../../shared/polls'
import { loadDeck } from '../lib/deck'
import { EXPORT_USAGE, exportArgs } from './export-room'
import { handoutOutline } from './print-handout'
import { JOURNAL_FILES, readRoom } from './read-room'
import { roomEdition, roomTalk } from './room'

const DATA = 'tests/fixtures/room/data'
const EXPORT = 'tests/fixtures/room/export'
const deck = await loadDeck()
const polls = deckPolls(deck.slides)
const dirs: string[] = []

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'room-test-'))
  dirs.push(dir)
  return dir
}

afterAll(() => {
  for (const dir of dirs)
    rmSync(dir, { recursive: true, force: true })
})

/** Every file of a folder with its bytes. */
function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map(name => [name, readFileSync(join(dir, name), 'base64')]))
}

describe('reading the room', () => {
  it('reads a data directory with the server\'s own readers, leaving it as it is, and a downloaded export to the same questions and polls', async () => {
    const before = filesOf(DATA)
    const fromData = await readRoom(DATA, polls)
    expect(filesOf(DATA)).toEqual(before)
    const fromExport = await readRoom(EXPORT, polls)
    expect(fromData.from).toBe('data directory')
    expect(fromExport.from).toBe('downloaded export')
    expect(fromExport.questions).toEqual(fromData.questions)
    expect(fromExport.polls).toEqual(fromData.polls)
    expect(fromData.questions.map(question => [question.id, question.slide])).toEqual([[5, 9], [1, null], [8, 11], [6, 9], [2, null], [4, 2], [9, 29], [3, null], [7, 11], [10, 52]])
    expect(JSON.stringify(fromData)).not.toContain('fixture-dev-')
  })

  it('says what the server would say of a damaged line, keeping the copy it read for a look', async () => {
    const dir = temp()
    cpSync(DATA, dir, { recursive: true })
    appendFileSync(join(dir, 'questions.jsonl'), 'not a question\n')
    const before = filesOf(dir)
    const log: string[] = []
    const room = await readRoom(dir, polls, line => log.push(line))
    expect(room.questions).toHaveLength(10)
    expect(filesOf(dir)).toEqual(before)
    expect(log[0]).toMatch(/questions\.jsonl:31: not JSON, skipped/)
    const kept = /kept in (\S+);/.exec(log.at(-1)!)?.[1]
    expect(kept).toBeDefined()
    dirs.push(kept!)
    expect(readdirSync(kept!)).toEqual(expect.arrayContaining(['questions.jsonl', 'questions.damaged']))
  })

  it('refuses a folder that is neither, and an export missing one of its files or not whole', async () => {
    await expect(readRoom(temp(), polls)).rejects.toThrow(/holds neither the server's journals \(questions\.jsonl, questions\.snapshot\.json, polls\.jsonl, polls\.snapshot\.json\) nor an export downloaded from api\/ \(questions\.json, polls\.json\)/)
    const half = temp()
    cpSync(join(EXPORT, 'questions.json'), join(half, 'questions.json'))
    await expect(readRoom(half, polls)).rejects.toThrow(/polls\.json is missing: download it/)
    writeFileSync(join(half, 'polls.json'), JSON.stringify([{ id: 'lightweight-vms', slide: 2, question: 'Q', open: false, votes: 9, options: [{ option: 'Yes', votes: 1 }] }]))
    await expect(readRoom(half, polls)).rejects.toThrow(/poll "lightweight-vms" counts 9 votes where its options have 1/)
    expect(JOURNAL_FILES).toContain('polls.snapshot.json')
  })
})

describe('the room\'s edition', () => {
  let data: RoomData
  it('puts each poll\'s votes before and after at the slide that first asked it', async () => {
    data = await readRoom(DATA, polls)
    const room = roomEdition(data, deck, polls, { date: '2026-05-14' })
    expect(room.polls).toEqual([{
      id: 'lightweight-vms',
      question: 'Are containers just lightweight VMs?',
      options: ['Yes, lightweight VMs', 'Sort of', 'No, something else'],
      slide: 2,
      counts: [3, 1, 1],
      again: { id: 'lightweight-vms-again', slide: 52, counts: [1, 1, 4] },
    }])
  })

  it('keeps the answered questions that are not hidden, with their votes, at the slide they came up on, most votes first; the others at the end', () => {
    const room = roomEdition(data, deck, polls, { date: '2026-05-14', event: 'Platform engineering meetup' })
    const texts = (questions: Array<{ text: string, votes: number }>) => questions.map(question => `${question.text} (${question.votes})`)
    expect(Object.fromEntries(Object.entries(room.bySlide).map(([slide, questions]) => [slide, texts(questions)]))).toEqual({
      2: ['Can I change my vote once the poll is closed? (1)'],
      9: ['Do containers share the host kernel, always? (4)', '<b>bold</b> claim: a container is <i>just</i> a process? (2)'],
      11: ['Where does the hypervisor run on a Mac? (0)'],
      52: ['Which answer did the room move to? (0)'],
    })
    expect(texts(room.other)).toEqual(['How much memory does an idle container use, next to an idle VM? (3)', 'Will the slides be online after the talk? (0)'])
    const printed = JSON.stringify(room)
    for (const absent of ['HIDDEN-QUESTION', 'UNANSWERED-QUESTION', 'Is gVisor a VM?', 'fixture-dev-', 'askedAt'])
      expect(printed).not.toContain(absent)
    expect(room).toMatchObject({ date: '2026-05-14', event: 'Platform engineering meetup' })
  })

  it('puts a question on a slide this deck does not have among the others, leaves out a poll it does not have, and one nobody voted in', () => {
    const log: string[] = []
    const room = roomEdition({
      questions: [{ id: 1, text: 'From a longer deck', votes: 0, answered: true, hidden: false, askedAt: '2026-05-14T18:00:00.000Z', slide: 400 }],
      polls: [
        { id: 'lightweight-vms', slide: 2, question: 'Q', open: false, votes: 0, options: [{ option: 'a', votes: 0 }, { option: 'b', votes: 0 }, { option: 'c', votes: 0 }] },
        { id: 'gone', slide: 3, question: 'Q', open: false, votes: 2, options: [{ option: 'a', votes: 2 }, { option: 'b', votes: 0 }] },
      ],
    }, deck, polls, { date: '2026-05-14' }, line => log.push(line))
    expect(room.other.map(question => question.text)).toEqual(['From a longer deck'])
    expect(room.bySlide).toEqual({})
    expect(room.polls).toEqual([])
    expect(log).toEqual(['poll "gone" is not in this deck: its 2 votes are left out'])
  })
})

it('bookmarks the page of other questions after the last slide\'s', () => {
  const small = { slot: 'full' as const, title: 'T', author: 'A', exportFilename: 't', info: '', keywords: [], slides: [1, 2].map(no => ({ no, title: `Slide ${no}`, level: 1, clicks: 0, note: '', content: '', file: 'slides.md', contentLine: 1, frontmatter: {} })) }
  const pages = ['Slide 1 1 / 2', 'Slide 2 2 / 2', 'more of slide 2', `${OTHER_QUESTIONS_TITLE} When?`]
  expect(handoutOutline(small, pages, { other: [{ id: 1, text: 'When?', votes: 0 }] }).at(-1)).toEqual({ page: 4, level: 1, title: OTHER_QUESTIONS_TITLE })
  expect(handoutOutline(small, pages, { other: [] })).toHaveLength(2)
  expect(() => handoutOutline(small, pages.slice(0, 3), { other: [{ id: 1, text: 'When?', votes: 0 }] })).toThrow(`no page "${OTHER_QUESTIONS_TITLE}"`)
})

describe('the talk\'s day and event', () => {
  const asked = [{ id: 1, text: 'q', votes: 0, answered: true, hidden: false, askedAt: '2026-05-14T23:30:00.000-02:00', slide: null }]

  it('takes --date and --event first, then the headmatter\'s date: and event:, then the day (UTC) of the first question', () => {
    expect(roomTalk({ date: '2026-06-01', event: 'KubeCon' }, { date: '2026-05-01', event: 'Meetup' }, asked)).toEqual({ date: '2026-06-01', event: 'KubeCon' })
    expect(roomTalk({}, { date: '2026-05-01', event: 'Meetup' }, asked)).toEqual({ date: '2026-05-01', event: 'Meetup' })
    // YAML reads a bare date as a date.
    expect(roomTalk({}, { date: new Date('2026-05-02T00:00:00Z') }, asked)).toEqual({ date: '2026-05-02' })
    expect(roomTalk({}, { event: '  ' }, asked)).toEqual({ date: '2026-05-15' })
  })

  it('asks for --date when there is no day to take, and refuses one that is not a day', () => {
    expect(() => roomTalk({}, {}, [])).toThrow('Give it with --date YYYY-MM-DD')
    expect(() => roomTalk({ date: '14/05/2026' }, {}, asked)).toThrow('--date must be a day, YYYY-MM-DD, not "14/05/2026"')
  })
})

it('has fixtures that hold device ids, so a test that finds none in the output means something', () => {
  for (const name of ['questions.jsonl', 'questions.snapshot.json', 'polls.jsonl'])
    expect(readFileSync(join(DATA, name), 'utf8')).toContain('fixture-dev-')
})

describe('npm run export -- --room DIR', () => {
  it('takes --event and --date only with --room, and says how to call it', () => {
    expect(exportArgs(['--room', 'data', '--event', 'KubeCon', '--date', '2026-05-14'])).toEqual({ room: 'data', event: 'KubeCon', date: '2026-05-14' })
    expect(exportArgs([])).toEqual({})
    expect(exportArgs(['--help'])).toBe('help')
    expect(() => exportArgs(['--date', '2026-05-14'])).toThrow('--event and --date name the talk of a room\'s edition: give --room DIR too.')
    expect(() => exportArgs(['--rooms', 'x'])).toThrow(/--rooms/)
    expect(EXPORT_USAGE).toContain('npm run export -- --room DIR')
  })
})
