/**
 * Audience questions: the board the hub keeps (every question, its votes, who
 * voted, answered or hidden), built from events, the same events the store
 * (./store.ts) writes one per line and replays at start. The limits on asking
 * and upvoting, per device and per address, and the export (JSON, CSV) for the
 * presenter after the talk are here too.
 */
import type { Moderation, QuestionView } from '../shared/sync-protocol'
import { checkQuestionText, isDeviceId, isQuestionId } from '../shared/sync-protocol'
import { eventFields, isEventTime } from './event-fields'
import { isLoopback, KeyedBuckets } from './limits'

/** One change to the board, as the store writes it (one JSON line) and the hub makes it. */
export type QuestionEvent
  = | { e: 'asked', id: number, text: string, device: string, at: string }
    | { e: 'upvoted', id: number, device: string, at: string }
    | { e: 'answered', id: number, at: string }
    | { e: 'hidden', id: number, at: string }
    | { e: 'unanswered', id: number, at: string }
    | { e: 'shown', id: number, at: string }

/** The most questions the board takes; beyond it every question is refused ("the question box is full"). */
export const MAX_QUESTIONS = 2000

export interface Question {
  id: number
  text: string
  votes: number
  answered: boolean
  hidden: boolean
  askedAt: string
  voters: Set<string>
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
      const text = checkQuestionText(event.text)
      if (!text.ok)
        return text.reason
      if (!isDeviceId(event.device))
        return 'no valid device id'
      return { e: 'asked', id: event.id, text: text.text, device: event.device, at: event.at }
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
export function viewOf(question: Question, presenter: boolean): QuestionView | undefined {
  if (question.hidden && !presenter)
    return undefined
  const view: QuestionView = { id: question.id, text: question.text, votes: question.votes, answered: question.answered }
  return question.hidden ? { ...view, hidden: true } : view
}

export class QuestionBoard {
  readonly questions = new Map<number, Question>()
  private nextId = 1

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Applies an event (a new one, or one replayed from the store); returns what is wrong with it, or undefined once applied. */
  apply(event: QuestionEvent): string | undefined {
    if (event.e === 'asked') {
      if (this.questions.has(event.id))
        return `question ${event.id} was asked already`
      if (this.questions.size >= MAX_QUESTIONS)
        return `over the cap of ${MAX_QUESTIONS} questions`
      this.questions.set(event.id, { id: event.id, text: event.text, votes: 0, answered: false, hidden: false, askedAt: event.at, voters: new Set() })
      this.nextId = Math.max(this.nextId, event.id + 1)
      return undefined
    }
    const question = this.questions.get(event.id)
    if (!question)
      return `no question ${event.id}`
    switch (event.e) {
      case 'upvoted':
        if (question.voters.has(event.device))
          return `device ${event.device} upvoted question ${event.id} already`
        question.voters.add(event.device)
        question.votes++
        return undefined
      case 'answered':
        question.answered = true
        return undefined
      case 'hidden':
        question.hidden = true
        return undefined
      case 'unanswered':
        question.answered = false
        return undefined
      case 'shown':
        question.hidden = false
        return undefined
    }
  }

  /** A new question from `device`: the event to store, or why it is refused. */
  ask(device: string, text: string): { event: QuestionEvent, question: Question } | { refused: string } {
    if (this.questions.size >= MAX_QUESTIONS)
      return { refused: `the question box is full (${MAX_QUESTIONS} questions)` }
    if (this.nextId > 1_000_000)
      return { refused: 'the question box is full' }
    const event: QuestionEvent = { e: 'asked', id: this.nextId, text, device, at: this.now().toISOString() }
    this.apply(event)
    return { event, question: this.questions.get(event.id)! }
  }

  /** An upvote from `device`: one per device and question, on a question the audience can see. */
  upvote(device: string, id: number): { event: QuestionEvent, question: Question } | { refused: string } {
    const question = this.questions.get(id)
    if (!question || question.hidden)
      return { refused: `there is no question ${id}` }
    if (question.voters.has(device))
      return { refused: 'you have upvoted this question already' }
    const event: QuestionEvent = { e: 'upvoted', id, device, at: this.now().toISOString() }
    this.apply(event)
    return { event, question }
  }

  /** The presenter marks a question answered or hides it, or undoes either; nothing to store when it already is so. */
  moderate(id: number, action: Moderation): { event?: QuestionEvent, question: Question } | { refused: string } {
    const question = this.questions.get(id)
    if (!question)
      return { refused: `there is no question ${id}` }
    const already = { answered: question.answered, unanswered: !question.answered, hidden: question.hidden, shown: !question.hidden }[action]
    if (already)
      return { question }
    const event: QuestionEvent = { e: action, id, at: this.now().toISOString() }
    this.apply(event)
    return { event, question }
  }

  /** Every question a deck may see, most votes first (then the earliest asked). */
  list(presenter: boolean): QuestionView[] {
    return sortQuestions([...this.questions.values()]).flatMap(question => viewOf(question, presenter) ?? [])
  }
}

/** Most votes first, then the earliest asked (the lower id). */
export function sortQuestions<T extends { id: number, votes: number }>(questions: T[]): T[] {
  return [...questions].sort((a, b) => b.votes - a.votes || a.id - b.id)
}

export interface QuestionLimits {
  /** Questions one device, and one address, may ask: a burst, then so many a second. */
  askPerDevice: { burst: number, perSecond: number }
  askPerAddress: { burst: number, perSecond: number }
  upvotePerDevice: { burst: number, perSecond: number }
  upvotePerAddress: { burst: number, perSecond: number }
}

/**
 * 5 questions and 60 upvotes a minute from one device. An address is often a
 * whole room behind one NAT, so it gets more: 30 questions and 600 upvotes a
 * minute. Loopback (this machine) has no address limit, as for connections.
 */
export const DEFAULT_QUESTION_LIMITS: QuestionLimits = {
  askPerDevice: { burst: 5, perSecond: 5 / 60 },
  askPerAddress: { burst: 30, perSecond: 30 / 60 },
  upvotePerDevice: { burst: 60, perSecond: 1 },
  upvotePerAddress: { burst: 600, perSecond: 10 },
}

/** The limits on asking and upvoting, per device id and per address: both must allow it. */
export class QuestionLimiter {
  private readonly buckets: Record<keyof QuestionLimits, KeyedBuckets>

  constructor(limits: Partial<QuestionLimits> = {}, now: () => number = Date.now) {
    const all = { ...DEFAULT_QUESTION_LIMITS, ...limits }
    this.buckets = Object.fromEntries(Object.entries(all).map(([key, { burst, perSecond }]) => [key, new KeyedBuckets(burst, perSecond, now)])) as Record<keyof QuestionLimits, KeyedBuckets>
  }

  /** Takes one `kind` for `device` from `address`: 0 when allowed, else the milliseconds to wait (and nothing is taken). */
  take(kind: 'ask' | 'upvote', device: string, address: string): number {
    const own = this.buckets[kind === 'ask' ? 'askPerDevice' : 'upvotePerDevice'].get(device)
    const shared = isLoopback(address) ? undefined : this.buckets[kind === 'ask' ? 'askPerAddress' : 'upvotePerAddress'].get(address)
    const wait = Math.max(own.waitMs(), shared?.waitMs() ?? 0)
    if (wait === 0) {
      own.take()
      shared?.take()
    }
    return wait
  }

  /** Forgets the devices and addresses whose limits have refilled. */
  prune(): void {
    for (const buckets of Object.values(this.buckets))
      buckets.prune()
  }
}

/** A question as the export gives it. */
export interface ExportedQuestion {
  id: number
  text: string
  votes: number
  answered: boolean
  hidden: boolean
  askedAt: string
}

export function exportQuestions(board: QuestionBoard): ExportedQuestion[] {
  return sortQuestions([...board.questions.values()]).map(({ id, text, votes, answered, hidden, askedAt }) => ({ id, text, votes, answered, hidden, askedAt }))
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
  const header = ['id', 'text', 'votes', 'answered', 'hidden', 'askedAt']
  const rows = questions.map(q => [q.id, q.text, q.votes, q.answered, q.hidden, q.askedAt].map(csvCell).join(','))
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`
}
