/**
 * Audience questions: the board the hub keeps (every question, its votes, who
 * voted, answered or hidden), built from events, the same events the store
 * (./store.ts) writes one per line and replays at start. The limits on asking
 * and upvoting, per device and per address, and the export (JSON, CSV) for the
 * presenter after the talk are here too.
 */
import type { Moderation, QuestionView, RefusalCode } from '../shared/sync-protocol'
import type { Limited } from './limits'
import { isDeviceId, isQuestionId, MAX_PAGE, MAX_QUESTION_ID, MAX_QUESTION_LENGTH, sortQuestions } from '../shared/sync-protocol'
import { eventFields, isEventTime } from './event-fields'
import { RoomBudgets } from './limits'

/**
 * One change to the board, as the store writes it (one JSON line) and the hub
 * makes it. A question records `slide`, the slide the presenter showed when it
 * was asked; a journal written before it did has none (the slide is unknown).
 */
export type QuestionEvent
  = | { e: 'asked', id: number, text: string, device: string, at: string, slide?: number }
    | { e: 'upvoted', id: number, device: string, at: string }
    | { e: 'answered', id: number, at: string }
    | { e: 'hidden', id: number, at: string }
    | { e: 'unanswered', id: number, at: string }
    | { e: 'shown', id: number, at: string }

/** The most questions the audience can see at once; beyond it every question is refused ("the question box is full"). Hidden ones do not count. */
export const MAX_QUESTIONS = 2000
/** The most questions kept, hidden ones included: hiding frees a place in the box, not in memory. */
export const MAX_STORED_QUESTIONS = 10 * MAX_QUESTIONS

/** A joining deck is sent the top of the list (and how many there are), not the whole board. */
export const JOIN_LIST_LENGTH = 50

export interface Question {
  id: number
  text: string
  votes: number
  answered: boolean
  hidden: boolean
  askedAt: string
  /** The slide the presenter showed when it was asked; undefined when no presenter had shown one, or it was not recorded. */
  slide?: number
  /** The devices that upvoted it, by their number in the board's `DeviceIds`. */
  voters: Set<number>
  /** Asked and not saved yet: no deck is sent it until it is (`Change.saved`). */
  pending?: true
}

/** A question as decks and the export see it, wherever it is kept: no voters, nothing pending. */
export type QuestionState = Omit<Question, 'voters' | 'pending'>

/**
 * Device ids by number: a device that upvotes or votes a hundred times is
 * kept once, and each vote is a small number (two million upvotes fit in
 * tens of megabytes, not hundreds).
 */
export class DeviceIds {
  private readonly numbers = new Map<string, number>()
  readonly ids: string[] = []

  number(device: string): number {
    let number = this.numbers.get(device)
    if (number === undefined) {
      number = this.ids.length
      this.ids.push(device)
      this.numbers.set(device, number)
    }
    return number
  }

  /** The number of a device seen before, or undefined. */
  known(device: string): number | undefined {
    return this.numbers.get(device)
  }

  /** Fills an empty table from a snapshot's list; what is wrong with it, if anything. */
  restore(ids: unknown): string | undefined {
    if (!Array.isArray(ids) || !ids.every(isDeviceId))
      return 'a list of device ids'
    if (this.ids.length > 0)
      return 'devices known before the snapshot'
    for (const id of ids)
      this.number(id)
    return this.ids.length === ids.length ? undefined : 'a device listed twice'
  }
}

/** The questions' snapshot: the next id, the devices, and every question with the numbers of its voters. */
export interface QuestionSnapshot {
  nextId: number
  devices: string[]
  questions: Array<{ id: number, text: string, answered: boolean, hidden: boolean, askedAt: string, slide?: number, voters: number[] }>
}

/** A change made to the board: the event to save, how to take it back if it cannot be saved, and what to do once it is. */
export interface Change<E, T> {
  event: E
  undo: () => void
  saved?: () => void
  question: T
}

/**
 * A stored question's text: acknowledged once under the rules of its day, so
 * kept whatever today's rules on a new question say (a later version may be
 * stricter), as long as it is a line of text of a sane length.
 */
function storedText(value: unknown): { ok: true, text: string } | { ok: false, reason: string } {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4 * MAX_QUESTION_LENGTH)
    return { ok: false, reason: 'no question text' }
  return { ok: true, text: value }
}

/** A slide number as a question records it: a whole number from 1 to MAX_PAGE. */
export function isSlideNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PAGE
}

/** Reads one stored event; returns what is wrong with it instead when it is not one. */
export function readEvent(value: unknown): QuestionEvent | string {
  const event = eventFields(value)
  if (!event)
    return 'not a JSON object'
  if (!isQuestionId(event.id))
    return 'no valid question id'
  if (!isEventTime(event.at))
    return 'no valid time'
  switch (event.e) {
    case 'asked': {
      const text = storedText(event.text)
      if (!text.ok)
        return text.reason
      if (!isDeviceId(event.device))
        return 'no valid device id'
      if (event.slide !== undefined && !isSlideNumber(event.slide))
        return 'no valid slide'
      return { e: 'asked', id: event.id, text: text.text, device: event.device, at: event.at, ...(event.slide === undefined ? {} : { slide: event.slide }) }
    }
    case 'upvoted':
      return isDeviceId(event.device) ? { e: 'upvoted', id: event.id, device: event.device, at: event.at } : 'no valid device id'
    case 'answered':
    case 'hidden':
    case 'unanswered':
    case 'shown':
      return { e: event.e, id: event.id, at: event.at }
    default:
      return `unknown event ${JSON.stringify(event.e)?.slice(0, 40) ?? 'none'}`
  }
}

/** A question for a deck: the audience never sees hidden ones, presenters see them marked. */
export function viewOf(question: QuestionState, presenter: boolean): QuestionView | undefined {
  if (question.hidden && !presenter)
    return undefined
  const view: QuestionView = { id: question.id, text: question.text, votes: question.votes, answered: question.answered }
  return question.hidden ? { ...view, hidden: true } : view
}

export class QuestionBoard {
  readonly questions = new Map<number, Question>()
  readonly devices = new DeviceIds()
  private nextId = 1
  /** Questions the audience can see: the box is full at `MAX_QUESTIONS` of them. */
  private shown = 0

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Applies an event (a new one, or one replayed from the store); returns what is wrong with it, or undefined once applied. */
  apply(event: QuestionEvent): string | undefined {
    if (event.e === 'asked') {
      if (this.questions.has(event.id))
        return `question ${event.id} was asked already`
      if (this.questions.size >= MAX_STORED_QUESTIONS)
        return `over the cap of ${MAX_STORED_QUESTIONS} questions kept`
      this.questions.set(event.id, { id: event.id, text: event.text, votes: 0, answered: false, hidden: false, askedAt: event.at, ...(event.slide === undefined ? {} : { slide: event.slide }), voters: new Set() })
      this.shown++
      this.nextId = Math.max(this.nextId, event.id + 1)
      return undefined
    }
    const question = this.questions.get(event.id)
    if (!question)
      return `no question ${event.id}`
    switch (event.e) {
      case 'upvoted': {
        const device = this.devices.number(event.device)
        if (question.voters.has(device))
          return `device ${event.device} upvoted question ${event.id} already`
        question.voters.add(device)
        question.votes++
        return undefined
      }
      case 'answered':
      case 'unanswered':
        question.answered = event.e === 'answered'
        return undefined
      case 'hidden':
      case 'shown':
        this.setHidden(question, event.e === 'hidden')
        return undefined
    }
  }

  private setHidden(question: Question, hidden: boolean): void {
    if (question.hidden !== hidden)
      this.shown += hidden ? -1 : 1
    question.hidden = hidden
  }

  /** How many questions the audience can see now. */
  get visible(): number {
    return this.shown
  }

  /** A new question from `device`, asked while the presenter showed `slide` (if any): the event to save, or why it is refused. */
  ask(device: string, text: string, slide?: number): Change<QuestionEvent, Question> | { refused: string, code: RefusalCode } {
    if (this.shown >= MAX_QUESTIONS || this.questions.size >= MAX_STORED_QUESTIONS)
      return { refused: `The question box is full (${MAX_QUESTIONS} questions).`, code: 'box-full' }
    if (this.nextId > MAX_QUESTION_ID)
      return { refused: 'The question box is full.', code: 'box-full' }
    const event: QuestionEvent = { e: 'asked', id: this.nextId, text, device, at: this.now().toISOString(), ...(slide === undefined ? {} : { slide }) }
    this.apply(event)
    const question = this.questions.get(event.id)!
    question.pending = true
    return {
      event,
      question,
      saved: () => {
        delete question.pending
      },
      undo: () => {
        // Never saved, so never acknowledged: its id may be handed out again.
        if (this.questions.delete(event.id))
          this.shown -= question.hidden ? 0 : 1
        if (this.nextId === event.id + 1)
          this.nextId = event.id
      },
    }
  }

  /** An upvote from `device`: one per device and question, on a question the audience can see. */
  upvote(device: string, id: number): Change<QuestionEvent, Question> | { refused: string, code: RefusalCode } {
    const question = this.questions.get(id)
    if (!question || question.hidden)
      return { refused: `there is no question ${id}`, code: 'unknown' }
    const known = this.devices.known(device)
    if (known !== undefined && question.voters.has(known))
      return { refused: 'you have upvoted this question already', code: 'already-upvoted' }
    const event: QuestionEvent = { e: 'upvoted', id, device, at: this.now().toISOString() }
    this.apply(event)
    const number = this.devices.number(device)
    return {
      event,
      question,
      undo: () => {
        if (question.voters.delete(number))
          question.votes--
      },
    }
  }

  /** The presenter marks a question answered or hides it, or undoes either; nothing to save when it already is so. */
  moderate(id: number, action: Moderation): Partial<Change<QuestionEvent, Question>> & { question: Question } | { refused: string, code: RefusalCode } {
    const question = this.questions.get(id)
    if (!question)
      return { refused: `there is no question ${id}`, code: 'unknown' }
    const already = { answered: question.answered, unanswered: !question.answered, hidden: question.hidden, shown: !question.hidden }[action]
    if (already)
      return { question }
    if (action === 'shown' && this.shown >= MAX_QUESTIONS)
      return { refused: `The question box is full (${MAX_QUESTIONS} questions shown): hide one first.`, code: 'box-full' }
    const event: QuestionEvent = { e: action, id, at: this.now().toISOString() }
    const before = { answered: question.answered, hidden: question.hidden }
    this.apply(event)
    return {
      event,
      question,
      undo: () => {
        question.answered = before.answered
        this.setHidden(question, before.hidden)
      },
    }
  }

  /** Every question a deck may see, most votes first (then the earliest asked); the first `limit` of them when given. */
  list(presenter: boolean, limit = Number.POSITIVE_INFINITY): QuestionView[] {
    const views: QuestionView[] = []
    for (const question of sortQuestions([...this.questions.values()])) {
      if (views.length >= limit)
        break
      const view = question.pending ? undefined : viewOf(question, presenter)
      if (view)
        views.push(view)
    }
    return views
  }

  /** The state, for the store's snapshot. */
  snapshot(): QuestionSnapshot {
    return {
      nextId: this.nextId,
      devices: this.devices.ids,
      questions: [...this.questions.values()].map(({ id, text, answered, hidden, askedAt, slide, voters }) => ({ id, text, answered, hidden, askedAt, ...(slide === undefined ? {} : { slide }), voters: [...voters] })),
    }
  }

  /** Takes a snapshot's state into an empty board; what is wrong with it, if anything. */
  restore(value: unknown): string | undefined {
    const state = (value ?? {}) as Partial<Record<keyof QuestionSnapshot, unknown>>
    if (!isQuestionId(state.nextId) && state.nextId !== MAX_QUESTION_ID + 1)
      return 'no next id'
    const devices = this.devices.restore(state.devices)
    if (devices)
      return devices
    if (!Array.isArray(state.questions))
      return 'no list of questions'
    for (const item of state.questions as unknown[]) {
      const q = (item ?? {}) as Record<string, unknown>
      const text = storedText(q.text)
      if (!isQuestionId(q.id) || !text.ok || typeof q.answered !== 'boolean' || typeof q.hidden !== 'boolean' || !isEventTime(q.askedAt) || !Array.isArray(q.voters) || (q.slide !== undefined && !isSlideNumber(q.slide)))
        return `question ${JSON.stringify(q.id)?.slice(0, 20)} is not whole`
      const voters = new Set(q.voters as unknown[])
      if (![...voters].every(voter => Number.isInteger(voter) && (voter as number) >= 0 && (voter as number) < this.devices.ids.length))
        return `question ${q.id} has voters that are not devices`
      const problem = this.apply({ e: 'asked', id: q.id, text: text.text, device: '', at: q.askedAt, ...(q.slide === undefined ? {} : { slide: q.slide as number }) })
      if (problem)
        return problem
      const question = this.questions.get(q.id)!
      question.voters = voters as Set<number>
      question.votes = voters.size
      question.answered = q.answered
      this.setHidden(question, q.hidden)
    }
    this.nextId = Math.max(this.nextId, state.nextId as number)
    return undefined
  }
}

export interface QuestionLimits {
  /** Questions one device, and one network, may ask: a burst, then so many a second. */
  askPerDevice: { burst: number, perSecond: number }
  askPerAddress: { burst: number, perSecond: number }
  /** New questions from the whole room, whoever asks: no one network fills the box. */
  askPerRoom: { burst: number, perSecond: number }
  upvotePerDevice: { burst: number, perSecond: number }
  upvotePerAddress: { burst: number, perSecond: number }
  /** Upvotes from the whole room: a bound on the devices and votes a flood from many networks can add. */
  upvotePerRoom: { burst: number, perSecond: number }
}

/**
 * 5 questions and 60 upvotes a minute from one device. A network is often a
 * whole room behind one NAT, so it gets more: 30 questions and 600 upvotes a
 * minute. Loopback (this machine) has no network limit, as for connections.
 * The whole room asks at most 120 questions at once and 60 a minute after:
 * more than a presenter can read, and at that pace 2,000 take half an hour;
 * it upvotes at most 5,000 at once and 1,000 a second after (a room of
 * thousands upvoting at once), which bounds what a flood from many networks
 * can add to the board.
 */
export const DEFAULT_QUESTION_LIMITS: QuestionLimits = {
  askPerDevice: { burst: 5, perSecond: 5 / 60 },
  askPerAddress: { burst: 30, perSecond: 30 / 60 },
  askPerRoom: { burst: 120, perSecond: 1 },
  upvotePerDevice: { burst: 60, perSecond: 1 },
  upvotePerAddress: { burst: 600, perSecond: 10 },
  upvotePerRoom: { burst: 5000, perSecond: 1000 },
}

/** The limits on asking and upvoting, per device id, per network and for the room: all must allow it. */
export class QuestionLimiter {
  private readonly kinds: Record<'ask' | 'upvote', RoomBudgets>

  constructor(limits: Partial<QuestionLimits> = {}, now: () => number = Date.now) {
    const all = { ...DEFAULT_QUESTION_LIMITS, ...limits }
    this.kinds = {
      ask: new RoomBudgets({ device: all.askPerDevice, network: all.askPerAddress, room: all.askPerRoom }, now),
      upvote: new RoomBudgets({ device: all.upvotePerDevice, network: all.upvotePerAddress, room: all.upvotePerRoom }, now),
    }
  }

  /**
   * Takes one `kind` for `device` from `network` (`loopback`: this machine,
   * no network limit): undefined when allowed, else which budget refused and
   * the wait (and nothing is taken).
   */
  take(kind: 'ask' | 'upvote', device: string, network: string, loopback = false): Limited | undefined {
    return this.kinds[kind].take(device, network, loopback)
  }

  /** Gives back what `take` took for something that could not be saved: "try again" then works. */
  refund(kind: 'ask' | 'upvote', device: string, network: string, loopback = false): void {
    this.kinds[kind].refund(device, network, loopback)
  }

  /** Forgets the devices and networks whose limits have refilled. */
  prune(): void {
    this.kinds.ask.prune()
    this.kinds.upvote.prune()
  }
}

/** A question as the export gives it; `slide` null when it is not known (a journal from before it was recorded). */
export interface ExportedQuestion {
  id: number
  text: string
  votes: number
  answered: boolean
  hidden: boolean
  askedAt: string
  slide: number | null
}

export function exportQuestions(questions: Iterable<QuestionState>): ExportedQuestion[] {
  return sortQuestions([...questions]).map(({ id, text, votes, answered, hidden, askedAt, slide }) => ({ id, text, votes, answered, hidden, askedAt, slide: slide ?? null }))
}

/**
 * The export read back (`api/questions.json`, as downloaded): the questions,
 * or what is wrong with it. An export from before the slide was recorded has
 * no `slide`: read as unknown.
 */
export function readExportedQuestions(value: unknown): ExportedQuestion[] | string {
  if (!Array.isArray(value))
    return 'not a list of questions'
  const read: ExportedQuestion[] = []
  for (const item of value as unknown[]) {
    const q = eventFields(item) ?? {}
    const text = storedText(q.text)
    const slide = q.slide ?? null
    if (!isQuestionId(q.id) || !text.ok || !Number.isSafeInteger(q.votes) || (q.votes as number) < 0 || typeof q.answered !== 'boolean' || typeof q.hidden !== 'boolean' || !isEventTime(q.askedAt) || (slide !== null && !isSlideNumber(slide)))
      return `question ${JSON.stringify(q.id)?.slice(0, 20) ?? 'without an id'} is not whole`
    read.push({ id: q.id, text: text.text, votes: q.votes as number, answered: q.answered, hidden: q.hidden, askedAt: q.askedAt, slide })
  }
  return read
}

/**
 * One CSV cell: a cell that a spreadsheet would read as a formula (starting
 * with = + - @, or a tab or carriage return) gets a leading `'`; then, per RFC
 * 4180, a cell with a comma, a quote or a line break is quoted, its quotes doubled.
 */
export function csvCell(value: string | number | boolean): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text))
    text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The export as CSV: a header row, one row per question, CRLF line ends (RFC 4180). */
export function questionsCsv(questions: ExportedQuestion[]): string {
  const header = ['id', 'text', 'votes', 'answered', 'hidden', 'askedAt', 'slide']
  const rows = questions.map(q => [q.id, q.text, q.votes, q.answered, q.hidden, q.askedAt, q.slide ?? ''].map(csvCell).join(','))
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`
}
