/**
 * The sync channel's messages, shared by the server (`server/hub.ts`) and the
 * deck (`setup/sync/`). Every message is one small JSON object with a `t`
 * (type) field; anything else is refused by `parseClientMessage`. The deck
 * loads this module in the browser, so it uses nothing from Node (a lint rule
 * for shared/ in eslint.config.js enforces that).
 */
import type { Rehearsal } from './rehearsal'
import { MAX_CLICKS, MAX_PAGE } from './deck-bounds'
import { checkRehearsal } from './rehearsal'

/** Where the channel lives, under the deck's base path: `${base}sync`. */
export const SYNC_PATH = 'sync'

/** Upper bounds for a position (./deck-bounds.ts). */
export { MAX_CLICKS, MAX_PAGE } from './deck-bounds'

/**
 * No message of this protocol is longer; a longer one is refused unread. A
 * question of `MAX_QUESTION_LENGTH` UTF-16 units is at most 3 bytes a unit in
 * UTF-8 (a pair of units, 4 bytes), or 2 for an escaped `"` or `\\`, plus the
 * envelope: 1 KiB holds the longest.
 */
export const MAX_MESSAGE_BYTES = 1024

/** A question's length after trimming, in UTF-16 units (what a text field's `maxlength` counts). */
export const MAX_QUESTION_LENGTH = 280

/** A device id: random, made by the deck and kept in its localStorage; best effort, not identity. */
export const DEVICE_ID_PATTERN = /^[\w-]{16,64}$/

/** The largest question id the server hands out: ids are never reused, and a talk asks far fewer. */
export const MAX_QUESTION_ID = 2 ** 31 - 1

/** Control characters (C0, DEL, C1), and the line and paragraph separators: none may be in a question. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/

/**
 * What shows nothing, or nothing that reads, on screen: white space, format
 * characters (zero-width space and joiners, the byte order mark, direction
 * marks), combining marks with nothing to sit on (Khmer's inherent vowels
 * among them), the letters drawn blank (Hangul fillers, the Braille blank),
 * code points no font has (unassigned, private use, lone surrogates), the
 * object replacement character and the musical null notehead. A question
 * needs something else.
 */
const INVISIBLE = /[\s\p{Cf}\p{Mn}\p{Me}\p{Cn}\p{Co}\p{Cs}\u115F\u1160\u2800\u3164\uFFA0\uFFFC\u{1D159}]/gu

/** The longest secret the server compares. */
export const MAX_SECRET_LENGTH = 256

export { SYNC_META } from './sync-meta'

/** The longest the presenter's timer may say: a day, in milliseconds. */
export const MAX_CLOCK_MS = 24 * 60 * 60 * 1000

/** Where the presenter is: Slidev's `page`, `clicks` and `clicksTotal`. */
export interface Position {
  page: number
  clicks: number
  clicksTotal: number
}

/** Whether two positions are the same slide, click and click total. */
export function samePosition(a: Position, b: Position): boolean {
  return a.page === b.page && a.clicks === b.clicks && a.clicksTotal === b.clicksTotal
}

/** The sync channel's WebSocket address for a deck built for `base` (Vite's BASE_URL), opened from `pageHref`. */
export function syncSocketUrl(base: string, pageHref: string): string {
  const url = new URL(`${base}${SYNC_PATH}`, pageHref)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.href
}

/** A poll's id: kebab-case, as a slide's `<Poll id="…">` gives it (./polls.ts checks the deck's). */
export const POLL_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
export const MAX_POLL_ID_LENGTH = 40
/** A poll has 2 to `MAX_POLL_OPTIONS` options, each at most `MAX_POLL_OPTION_LENGTH` characters. */
export const MAX_POLL_OPTIONS = 6
export const MAX_POLL_OPTION_LENGTH = 40
export const MAX_POLL_QUESTION_LENGTH = 120

/** A poll as the server knows it from the build (dist/deck-polls.json), with its results: what every deck is sent. */
export interface PollView {
  id: string
  question: string
  options: string[]
  /** The slide (1-based) the poll is on. */
  slide: number
  /** The id of the poll this one is compared with ("before" and "now"). */
  compare?: string
  open: boolean
  /** Votes per option, in the options' order. */
  counts: number[]
}

/** A change to one poll's results. */
export interface PollResult {
  id: string
  open: boolean
  counts: number[]
}

/** What the presenter may do with a question: mark it answered or hide it, and undo either. */
export type Moderation = 'answered' | 'hidden' | 'unanswered' | 'shown'
const MODERATIONS: readonly string[] = ['answered', 'hidden', 'unanswered', 'shown']

/**
 * From a deck to the server, every kind there is:
 * - `auth`: the presenter's secret, answered by `auth`;
 * - `nav`: the presenter's position, which the server passes on as `state`;
 * - `ping`: the heartbeat, answered by `pong`;
 * - `ask` and `upvote`: an audience question and an upvote, each with the sending device's id;
 * - `moderate`: the presenter marks a question answered or hides it (or undoes either);
 * - `vote`: a device's vote in a poll; `poll-open`: the presenter closes or reopens a poll;
 * - `pair` and `revoke-remotes`: the presenter asks for a phone remote's pairing token, or unpairs every phone;
 * - `remote`: a phone proves its pairing token or session; `step`: a paired phone steps the talk from where it shows it;
 * - `clock`: the presenter's timer started, paused or was reset (`elapsed`: its time in ms), for the phone remote's pace.
 */
export type ClientMessage
  = | { t: 'auth', secret: string }
    | ({ t: 'nav' } & Position)
    | { t: 'ping' }
    | { t: 'ask', device: string, text: string }
    | { t: 'upvote', device: string, id: number }
    | { t: 'moderate', id: number, action: Moderation }
    | { t: 'vote', device: string, poll: string, option: number }
    | { t: 'poll-open', poll: string, open: boolean }
    | { t: 'pair' }
    | { t: 'revoke-remotes' }
    | { t: 'remote', token: string }
    | { t: 'step', direction: 1 | -1, page: number, clicks: number }
    | { t: 'clock', running: boolean, elapsed: number }

/** A phone remote's token (server/remote.ts): letters, digits, `-`, `_` and `.`, at most this long. */
export const MAX_REMOTE_TOKEN_LENGTH = 120
const REMOTE_TOKEN = /^[\w.-]+$/

/** Why the server refused a remote's token. */
export type RemoteRefusal = 'malformed' | 'wrong' | 'expired' | 'revoked' | 'used' | 'unsaved'
const REMOTE_REFUSALS: readonly string[] = ['malformed', 'wrong', 'expired', 'revoked', 'used', 'unsaved']

/** Questions in the order everyone sees them: most votes first, then the earliest asked (the lower id). */
export function sortQuestions<T extends { id: number, votes: number }>(questions: Iterable<T>): T[] {
  return [...questions].sort((a, b) => b.votes - a.votes || a.id - b.id)
}

/** A question as decks see it; `hidden` only ever goes to presenters. */
export interface QuestionView {
  id: number
  text: string
  votes: number
  answered: boolean
  hidden?: true
}

/**
 * Why the server refused a message: the code the deck acts on. A refusal's
 * `reason` says the same for people; no code reads it.
 * - `not-presenter`: only the presenter does that (move the talk, moderate, close a poll, pair a phone);
 * - `not-offered`: this server does not take it (no questions, no polls, no phone remote);
 * - `malformed`: the message broke the protocol's rules (a question too long, a control character);
 * - `one-device`: a second device id on one connection;
 * - `too-many`: over this device's or network's budget; `room-busy`: over the room's;
 * - `not-saved`: the server could not save it (try again);
 * - `unknown`: no such question, poll, option or slide;
 * - `already-upvoted`: this device upvoted this question before;
 * - `poll-closed`: the poll takes no votes now;
 * - `box-full`: the question box is full;
 * - `not-paired`: a step from a phone that is not paired;
 * - `no-clicks`: the server does not know the deck's clicks (it was not built with npm run build).
 */
export const REFUSAL_CODES = ['not-presenter', 'not-offered', 'malformed', 'one-device', 'too-many', 'room-busy', 'not-saved', 'unknown', 'already-upvoted', 'poll-closed', 'box-full', 'not-paired', 'no-clicks'] as const
export type RefusalCode = typeof REFUSAL_CODES[number]

/**
 * A refused message, and what it was about: the presenter's position, the
 * questions (`id`: the question an upvote or a moderation named), the polls
 * (`poll`: which one) or the phone remote.
 */
export type Refusal = { t: 'refused', code: RefusalCode, reason: string } & (
  | { about: 'position' }
  | { about: 'questions', id?: number }
  | { about: 'polls', poll?: string }
  | { about: 'remotes' }
)

/**
 * The channel's close codes. The deck closes with `done` when it goes and
 * with `silent` when its heartbeat hears nothing; the server closes with
 * `goingAway` when it stops, `policy` after too many bad messages, and
 * `revoked` for a phone remote the presenter revoked (it does not come back
 * with its session).
 */
export const CLOSE_CODES = { done: 1000, goingAway: 1001, policy: 1008, silent: 4000, revoked: 4001 } as const

/**
 * From the server to a deck, every kind there is:
 * - `state`: the position to follow (`by: 'remote'` when the phone remote moved it);
 * - `auth`: the answer to a secret (`retryAfter` in seconds once an address has failed too often);
 * - `audience`: how many decks follow (to presenters only);
 * - `refused`: a message refused, with its code and what it was about (`Refusal`);
 * - `pong`: the answer to a deck's `ping` (a deck that hears nothing for a while reconnects);
 * - `questions`: the question list (a joining audience deck gets the top of it and `total`, how many there
 *   are; a presenter the whole board, hidden ones too); `question`, `question-gone` and `question-changes`:
 *   changes to it, one or several held together;
 * - `asked`, `upvoted`: a question or an upvote is saved; `voted`: a vote is saved;
 * - `saving`: to presenters, when saving fails and when it works again;
 * - `polls`: every poll of the deck with its results, on connecting; `poll`: one poll's new results;
 * - `pairing`: a phone remote's pairing token, to the presenter who asked; `remotes`: how many phones are paired;
 * - `remote`: the answer to a phone's token (a session to keep, or why it is refused);
 * - `clock` and `rehearsal`: to paired phones, the presenter's timer and the last rehearsal, for the pace.
 */
export type ServerMessage
  = | ({ t: 'state', by?: 'remote' } & Position)
    | { t: 'auth', ok: true }
    | { t: 'auth', ok: false, reason: 'wrong' | 'limited', retryAfter?: number }
    | { t: 'audience', count: number }
    | Refusal
    | { t: 'pong' }
    | { t: 'questions', questions: QuestionView[], total?: number }
    | { t: 'question', question: QuestionView }
    | { t: 'question-gone', id: number }
    | { t: 'question-changes', questions: QuestionView[], votes: [number, number][], gone: number[] }
    | { t: 'asked', id: number }
    | { t: 'upvoted', id: number }
    | { t: 'saving', ok: true }
    | { t: 'saving', ok: false, problem: string }
    | { t: 'shared', ok: true }
    | { t: 'shared', ok: false, problem: string }
    | { t: 'polls', polls: PollView[] }
    | { t: 'poll', poll: PollResult }
    | { t: 'voted', poll: string, option: number }
    | { t: 'pairing', token: string, expiresIn: number }
    | { t: 'remotes', count: number, paired?: true }
    | { t: 'remote', ok: true, session: string, elapsed?: number }
    | { t: 'remote', ok: false, reason: RemoteRefusal }
    | { t: 'clock', running: boolean, elapsed: number }
    | { t: 'rehearsal', rehearsal: Rehearsal }

/** A refusal with `question` set concerns a question, an upvote or a moderation: the deck shows it with the questions. */
export type Parsed
  = | { ok: true, message: ClientMessage }
    | { ok: false, reason: string, question?: true, poll?: true, remote?: true }

/**
 * Checks a question's text as the server stores it: trimmed, 1 to
 * `MAX_QUESTION_LENGTH` characters, no control characters (no line breaks
 * either: a question is one line). Returns the trimmed text, or what is wrong.
 */
export function checkQuestionText(value: unknown): { ok: true, text: string } | { ok: false, reason: string } {
  if (typeof value !== 'string')
    return { ok: false, reason: 'a question must be text' }
  const text = value.trim()
  if (text.length === 0)
    return { ok: false, reason: 'a question cannot be empty' }
  if (text.length > MAX_QUESTION_LENGTH)
    return { ok: false, reason: `a question may be at most ${MAX_QUESTION_LENGTH} characters long, not ${text.length}` }
  if (CONTROL.test(text))
    return { ok: false, reason: 'a question may not contain control characters or line breaks' }
  if (text.replace(INVISIBLE, '') === '')
    return { ok: false, reason: 'a question needs a letter, a digit or a sign that shows' }
  return { ok: true, text }
}

export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID_PATTERN.test(value)
}

export function isRemoteToken(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_REMOTE_TOKEN_LENGTH && REMOTE_TOKEN.test(value)
}

export function isPollId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_POLL_ID_LENGTH && POLL_ID_PATTERN.test(value)
}

export function isOptionIndex(value: unknown): value is number {
  return isCount(value, 0, MAX_POLL_OPTIONS - 1)
}

function readCounts(value: unknown): number[] | undefined {
  if (!Array.isArray(value) || value.length < 2 || value.length > MAX_POLL_OPTIONS)
    return undefined
  return value.every(count => isCount(count, 0, Number.MAX_SAFE_INTEGER)) ? value as number[] : undefined
}

function readPollResult(value: unknown): PollResult | undefined {
  if (typeof value !== 'object' || value === null)
    return undefined
  const p = value as Record<string, unknown>
  const counts = readCounts(p.counts)
  if (!isPollId(p.id) || typeof p.open !== 'boolean' || !counts)
    return undefined
  return { id: p.id, open: p.open, counts }
}

function readPoll(value: unknown): PollView | undefined {
  const result = readPollResult(value)
  if (!result)
    return undefined
  const p = value as Record<string, unknown>
  const options = p.options
  if (typeof p.question !== 'string' || !Array.isArray(options) || options.length !== result.counts.length || !options.every(option => typeof option === 'string'))
    return undefined
  if (!isCount(p.slide, 1, MAX_PAGE) || (p.compare !== undefined && !isPollId(p.compare)))
    return undefined
  return { ...result, question: p.question, options: options as string[], slide: p.slide, ...(typeof p.compare === 'string' ? { compare: p.compare } : {}) }
}

export function isQuestionId(value: unknown): value is number {
  return isCount(value, 1, MAX_QUESTION_ID)
}

function readQuestion(value: unknown): QuestionView | undefined {
  if (typeof value !== 'object' || value === null)
    return undefined
  const q = value as Record<string, unknown>
  if (!isQuestionId(q.id) || typeof q.text !== 'string' || !isCount(q.votes, 0, Number.MAX_SAFE_INTEGER) || typeof q.answered !== 'boolean')
    return undefined
  return { id: q.id, text: q.text, votes: q.votes, answered: q.answered, ...(q.hidden === true ? { hidden: true as const } : {}) }
}

function isCount(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

function hasExactKeys(value: object, keys: readonly string[]): boolean {
  const own = Object.keys(value)
  return own.length === keys.length && keys.every(key => own.includes(key))
}

/**
 * Checks a position: `page` a whole number from 1 to `MAX_PAGE`, `clicks` and
 * `clicksTotal` whole numbers from 0 to `MAX_CLICKS`. It does not compare
 * `clicks` with `clicksTotal`: Slidev can report a position before it knows a
 * slide's total, and the audience still follows that position. Returns what is
 * wrong, or undefined for a good position.
 */
export function checkPosition(value: Record<string, unknown>): string | undefined {
  if (!isCount(value.page, 1, MAX_PAGE))
    return `page must be a whole number from 1 to ${MAX_PAGE}`
  if (!isCount(value.clicksTotal, 0, MAX_CLICKS))
    return `clicksTotal must be a whole number from 0 to ${MAX_CLICKS}`
  if (!isCount(value.clicks, 0, MAX_CLICKS))
    return `clicks must be a whole number from 0 to ${MAX_CLICKS}`
  return undefined
}

/**
 * Reads one message from a deck. `byteLength` is the frame's size on the wire;
 * the text is parsed only when that is within `MAX_MESSAGE_BYTES`.
 */
export function parseClientMessage(text: string, byteLength: number): Parsed {
  if (byteLength > MAX_MESSAGE_BYTES)
    return { ok: false, reason: `message of ${byteLength} bytes, over ${MAX_MESSAGE_BYTES}` }
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch {
    return { ok: false, reason: 'not JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'not a JSON object' }
  const message = value as Record<string, unknown>
  switch (message.t) {
    case 'auth':
      if (!hasExactKeys(message, ['t', 'secret']))
        return { ok: false, reason: 'auth takes exactly t and secret' }
      if (typeof message.secret !== 'string' || message.secret.length === 0 || message.secret.length > MAX_SECRET_LENGTH)
        return { ok: false, reason: `secret must be a string of 1 to ${MAX_SECRET_LENGTH} characters` }
      return { ok: true, message: { t: 'auth', secret: message.secret } }
    case 'ping':
      return hasExactKeys(message, ['t']) ? { ok: true, message: { t: 'ping' } } : { ok: false, reason: 'ping takes only t' }
    case 'nav': {
      if (!hasExactKeys(message, ['t', 'page', 'clicks', 'clicksTotal']))
        return { ok: false, reason: 'nav takes exactly t, page, clicks and clicksTotal' }
      const problem = checkPosition(message)
      if (problem)
        return { ok: false, reason: problem }
      const { page, clicks, clicksTotal } = message as unknown as Position
      return { ok: true, message: { t: 'nav', page, clicks, clicksTotal } }
    }
    case 'ask': {
      if (!hasExactKeys(message, ['t', 'device', 'text']))
        return { ok: false, reason: 'ask takes exactly t, device and text', question: true }
      if (!isDeviceId(message.device))
        return { ok: false, reason: 'device must be 16 to 64 letters, digits, - or _', question: true }
      const text = checkQuestionText(message.text)
      if (!text.ok)
        return { ok: false, reason: text.reason, question: true }
      return { ok: true, message: { t: 'ask', device: message.device, text: text.text } }
    }
    case 'upvote':
      if (!hasExactKeys(message, ['t', 'device', 'id']))
        return { ok: false, reason: 'upvote takes exactly t, device and id', question: true }
      if (!isDeviceId(message.device))
        return { ok: false, reason: 'device must be 16 to 64 letters, digits, - or _', question: true }
      if (!isQuestionId(message.id))
        return { ok: false, reason: `id must be a whole number from 1 to ${MAX_QUESTION_ID}`, question: true }
      return { ok: true, message: { t: 'upvote', device: message.device, id: message.id } }
    case 'moderate':
      if (!hasExactKeys(message, ['t', 'id', 'action']))
        return { ok: false, reason: 'moderate takes exactly t, id and action', question: true }
      if (!isQuestionId(message.id))
        return { ok: false, reason: `id must be a whole number from 1 to ${MAX_QUESTION_ID}`, question: true }
      if (typeof message.action !== 'string' || !MODERATIONS.includes(message.action))
        return { ok: false, reason: 'action must be "answered", "hidden", "unanswered" or "shown"', question: true }
      return { ok: true, message: { t: 'moderate', id: message.id, action: message.action as Moderation } }
    case 'vote':
      if (!hasExactKeys(message, ['t', 'device', 'poll', 'option']))
        return { ok: false, reason: 'vote takes exactly t, device, poll and option', poll: true }
      if (!isDeviceId(message.device))
        return { ok: false, reason: 'device must be 16 to 64 letters, digits, - or _', poll: true }
      if (!isPollId(message.poll))
        return { ok: false, reason: `poll must be a kebab-case id of at most ${MAX_POLL_ID_LENGTH} characters`, poll: true }
      if (!isOptionIndex(message.option))
        return { ok: false, reason: `option must be a whole number from 0 to ${MAX_POLL_OPTIONS - 1}`, poll: true }
      return { ok: true, message: { t: 'vote', device: message.device, poll: message.poll, option: message.option } }
    case 'poll-open':
      if (!hasExactKeys(message, ['t', 'poll', 'open']))
        return { ok: false, reason: 'poll-open takes exactly t, poll and open', poll: true }
      if (!isPollId(message.poll))
        return { ok: false, reason: `poll must be a kebab-case id of at most ${MAX_POLL_ID_LENGTH} characters`, poll: true }
      if (typeof message.open !== 'boolean')
        return { ok: false, reason: 'open must be true or false', poll: true }
      return { ok: true, message: { t: 'poll-open', poll: message.poll, open: message.open } }
    case 'pair':
    case 'revoke-remotes':
      return hasExactKeys(message, ['t']) ? { ok: true, message: { t: message.t } } : { ok: false, reason: `${message.t} takes only t`, remote: true }
    case 'remote':
      if (!hasExactKeys(message, ['t', 'token']))
        return { ok: false, reason: 'remote takes exactly t and token', remote: true }
      if (!isRemoteToken(message.token))
        return { ok: false, reason: `token must be 1 to ${MAX_REMOTE_TOKEN_LENGTH} letters, digits, -, _ or .`, remote: true }
      return { ok: true, message: { t: 'remote', token: message.token } }
    case 'step':
      if (!hasExactKeys(message, ['t', 'direction', 'page', 'clicks']))
        return { ok: false, reason: 'step takes exactly t, direction, page and clicks', remote: true }
      if (message.direction !== 1 && message.direction !== -1)
        return { ok: false, reason: 'direction must be 1 or -1', remote: true }
      if (!isCount(message.page, 1, MAX_PAGE) || !isCount(message.clicks, 0, MAX_CLICKS))
        return { ok: false, reason: `page must be a whole number from 1 to ${MAX_PAGE}, clicks from 0 to ${MAX_CLICKS}`, remote: true }
      return { ok: true, message: { t: 'step', direction: message.direction, page: message.page, clicks: message.clicks } }
    case 'clock':
      if (!hasExactKeys(message, ['t', 'running', 'elapsed']))
        return { ok: false, reason: 'clock takes exactly t, running and elapsed' }
      if (typeof message.running !== 'boolean' || !isCount(message.elapsed, 0, MAX_CLOCK_MS))
        return { ok: false, reason: `running must be true or false, elapsed whole milliseconds from 0 to ${MAX_CLOCK_MS}` }
      return { ok: true, message: { t: 'clock', running: message.running, elapsed: message.elapsed } }
    default:
      return { ok: false, reason: `unknown message type ${JSON.stringify(message.t)?.slice(0, 40) ?? 'none'}` }
  }
}

function readRefusal(message: Record<string, unknown>): Refusal | undefined {
  const { code, reason } = message
  if (typeof reason !== 'string' || !(REFUSAL_CODES as readonly unknown[]).includes(code))
    return undefined
  const known = { t: 'refused' as const, code: code as RefusalCode, reason }
  switch (message.about) {
    case 'position':
    case 'remotes':
      return { ...known, about: message.about }
    case 'questions':
      return { ...known, about: 'questions', ...(isQuestionId(message.id) ? { id: message.id } : {}) }
    case 'polls':
      return { ...known, about: 'polls', ...(isPollId(message.poll) ? { poll: message.poll } : {}) }
    default:
      return undefined
  }
}

/** Reads one message from the server, as the deck does; undefined for anything it does not know. */
export function parseServerMessage(text: string): ServerMessage | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null)
    return undefined
  const message = value as Record<string, unknown>
  switch (message.t) {
    case 'state':
      return checkPosition(message) ? undefined : { t: 'state', page: message.page as number, clicks: message.clicks as number, clicksTotal: message.clicksTotal as number, ...(message.by === 'remote' ? { by: 'remote' as const } : {}) }
    case 'auth':
      if (message.ok === true)
        return { t: 'auth', ok: true }
      if (message.reason === 'wrong' || message.reason === 'limited')
        return { t: 'auth', ok: false, reason: message.reason, retryAfter: typeof message.retryAfter === 'number' ? message.retryAfter : undefined }
      return undefined
    case 'audience':
      return isCount(message.count, 0, Number.MAX_SAFE_INTEGER) ? { t: 'audience', count: message.count } : undefined
    case 'refused':
      return readRefusal(message)
    case 'pong':
      return { t: 'pong' }
    case 'questions': {
      if (!Array.isArray(message.questions))
        return undefined
      const questions = message.questions.map(readQuestion)
      if (!questions.every(q => q !== undefined))
        return undefined
      return { t: 'questions', questions: questions as QuestionView[], ...(isCount(message.total, questions.length, Number.MAX_SAFE_INTEGER) ? { total: message.total } : {}) }
    }
    case 'question': {
      const question = readQuestion(message.question)
      return question ? { t: 'question', question } : undefined
    }
    case 'question-gone':
      return isQuestionId(message.id) ? { t: 'question-gone', id: message.id } : undefined
    case 'question-changes': {
      if (!Array.isArray(message.questions) || !Array.isArray(message.gone) || !message.gone.every(isQuestionId) || !Array.isArray(message.votes))
        return undefined
      const votes = message.votes as unknown[]
      if (!votes.every(pair => Array.isArray(pair) && pair.length === 2 && isQuestionId(pair[0]) && isCount(pair[1], 0, Number.MAX_SAFE_INTEGER)))
        return undefined
      const questions = message.questions.map(readQuestion)
      return questions.every(q => q !== undefined) ? { t: 'question-changes', questions: questions as QuestionView[], votes: votes as [number, number][], gone: message.gone as number[] } : undefined
    }
    case 'asked':
    case 'upvoted':
      return isQuestionId(message.id) ? { t: message.t, id: message.id } : undefined
    case 'saving':
    case 'shared':
      if (message.ok === true)
        return { t: message.t, ok: true }
      return message.ok === false && typeof message.problem === 'string' ? { t: message.t, ok: false, problem: message.problem.slice(0, 200) } : undefined
    case 'polls': {
      if (!Array.isArray(message.polls))
        return undefined
      const polls = message.polls.map(readPoll)
      return polls.every(p => p !== undefined) ? { t: 'polls', polls: polls as PollView[] } : undefined
    }
    case 'poll': {
      const poll = readPollResult(message.poll)
      return poll ? { t: 'poll', poll } : undefined
    }
    case 'voted':
      return isPollId(message.poll) && isOptionIndex(message.option) ? { t: 'voted', poll: message.poll, option: message.option } : undefined
    case 'pairing':
      return isRemoteToken(message.token) && isCount(message.expiresIn, 0, Number.MAX_SAFE_INTEGER) ? { t: 'pairing', token: message.token, expiresIn: message.expiresIn } : undefined
    case 'remotes':
      return isCount(message.count, 0, Number.MAX_SAFE_INTEGER) ? { t: 'remotes', count: message.count, ...(message.paired === true ? { paired: true as const } : {}) } : undefined
    case 'remote':
      if (message.ok === true && isRemoteToken(message.session))
        return { t: 'remote', ok: true, session: message.session, ...(isCount(message.elapsed, 0, Number.MAX_SAFE_INTEGER) ? { elapsed: message.elapsed } : {}) }
      return message.ok === false && typeof message.reason === 'string' && REMOTE_REFUSALS.includes(message.reason) ? { t: 'remote', ok: false, reason: message.reason as RemoteRefusal } : undefined
    case 'clock':
      return typeof message.running === 'boolean' && isCount(message.elapsed, 0, MAX_CLOCK_MS) ? { t: 'clock', running: message.running, elapsed: message.elapsed } : undefined
    case 'rehearsal': {
      const checked = checkRehearsal(message.rehearsal)
      return checked.ok ? { t: 'rehearsal', rehearsal: checked.rehearsal } : undefined
    }
    default:
      return undefined
  }
}

/**
 * How long a deck waits before its next try to reconnect, after `attempt`
 * tries: 250 ms, doubling, at most 5 s. The deck's channel uses it, and the
 * tests and the benchmark whose decks come back after a server dies.
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(5000, 250 * 2 ** attempt)
}
