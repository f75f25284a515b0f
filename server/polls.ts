/**
 * Audience polls: the polls the deck declares (its slides' `<Poll>` tags,
 * written into the built deck by scripts/lib/write-polls.ts as deck-polls.json,
 * read here at start), each one's votes (one per device, changeable while the
 * poll is open) and whether the presenter has closed it. Built from events,
 * the same events the store (./store.ts) writes one per line to polls.jsonl
 * and replays at start. The limits on voting, per device and per address, and
 * the export (JSON, CSV) for the presenter are here too.
 */
import type { PollResult, PollView, RefusalCode } from '../shared/sync-protocol'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { deckPollProblems } from '../shared/polls'
import { isDeviceId, isOptionIndex, isPollId, MAX_PAGE } from '../shared/sync-protocol'
import { eventFields, isEventTime } from './event-fields'
import { RoomBudgets } from './limits'
import { csvCell, DeviceIds } from './questions'

export const POLLS_DEFINITIONS_FILE = 'deck-polls.json'

/** A poll as the build writes it for the server. */
export interface PollDefinition {
  id: string
  question: string
  options: string[]
  slide: number
  compare?: string
}

/** One change to the polls, as the store writes it (one JSON line) and the hub makes it. */
export type PollEvent
  = | { e: 'voted', poll: string, option: number, device: string, at: string }
    | { e: 'closed', poll: string, at: string }
    | { e: 'reopened', poll: string, at: string }

/** Reads one stored event; returns what is wrong with it instead when it is not one. */
export function readPollEvent(value: unknown): PollEvent | string {
  const event = eventFields(value)
  if (!event)
    return 'not a JSON object'
  if (!isPollId(event.poll))
    return 'no valid poll id'
  if (!isEventTime(event.at))
    return 'no valid time'
  switch (event.e) {
    case 'voted':
      if (!isOptionIndex(event.option))
        return 'no valid option'
      return isDeviceId(event.device) ? { e: 'voted', poll: event.poll, option: event.option, device: event.device, at: event.at } : 'no valid device id'
    case 'closed':
    case 'reopened':
      return { e: event.e, poll: event.poll, at: event.at }
    default:
      return `unknown event ${JSON.stringify(event.e)?.slice(0, 40) ?? 'none'}`
  }
}

/** The file's text: `{"polls":[…]}`, in the deck's order. */
export function formatPollDefinitions(polls: readonly PollDefinition[]): string {
  return `${JSON.stringify({ polls })}\n`
}

/** The polls in the file's text, or what is wrong with them. */
export function parsePollDefinitions(text: string): PollDefinition[] | string {
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch {
    return 'not JSON'
  }
  const polls = (value as { polls?: unknown } | null)?.polls
  if (!Array.isArray(polls))
    return 'no list of polls'
  const read: PollDefinition[] = []
  for (const poll of polls as unknown[]) {
    const p = (poll ?? {}) as Record<string, unknown>
    if (typeof p.id !== 'string' || typeof p.question !== 'string' || !Array.isArray(p.options) || !p.options.every(option => typeof option === 'string'))
      return 'a poll without an id, a question and options'
    if (typeof p.slide !== 'number' || !Number.isInteger(p.slide) || p.slide < 1 || p.slide > MAX_PAGE)
      return `poll "${p.id}" has no slide number`
    if (p.compare !== undefined && typeof p.compare !== 'string')
      return `poll "${p.id}" compares with no poll id`
    read.push({ id: p.id, question: p.question, options: p.options as string[], slide: p.slide, ...(typeof p.compare === 'string' ? { compare: p.compare } : {}) })
  }
  const problems = deckPollProblems(read)
  return problems.length > 0 ? problems.join('; ') : read
}

/** The deck's polls from `dir`; none, with a line in the log saying why, when there are none to trust (every vote is then refused). */
export async function readPollDefinitions(dir: string, log: (line: string) => void): Promise<PollDefinition[]> {
  const file = join(dir, POLLS_DEFINITIONS_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  }
  catch {
    log(`no ${file} (npm run build writes it): the deck's polls take no votes`)
    return []
  }
  const polls = parsePollDefinitions(text)
  if (typeof polls === 'string') {
    log(`${file}: ${polls}: the deck's polls take no votes`)
    return []
  }
  return polls
}

export interface Poll {
  definition: PollDefinition
  open: boolean
  /** Each device's vote (the device by its number in the board's `DeviceIds`): the option's index. */
  votes: Map<number, number>
}

/** The polls' snapshot: the devices, and each poll's state and votes as `[device, option]` pairs. */
export interface PollSnapshot {
  devices: string[]
  polls: Array<{ id: string, open: boolean, votes: Array<[number, number]> }>
}

export class PollBoard {
  readonly polls = new Map<string, Poll>()
  readonly devices = new DeviceIds()
  /** Polls a snapshot holds that this build of the deck does not: kept as they are, for a build that has them again. */
  private carried: PollSnapshot['polls'] = []

  constructor(definitions: readonly PollDefinition[], private readonly now: () => Date = () => new Date()) {
    for (const definition of definitions)
      this.polls.set(definition.id, { definition, open: true, votes: new Map() })
  }

  /** Applies an event (a new one, or one replayed from the store); returns what is wrong with it, or undefined once applied. */
  apply(event: PollEvent): string | undefined {
    const poll = this.polls.get(event.poll)
    if (!poll)
      return `no poll "${event.poll}" in this deck`
    switch (event.e) {
      case 'voted':
        if (event.option >= poll.definition.options.length)
          return `poll "${event.poll}" has no option ${event.option}`
        if (!poll.open)
          return `poll "${event.poll}" was closed`
        poll.votes.set(this.devices.number(event.device), event.option)
        return undefined
      case 'closed':
        poll.open = false
        return undefined
      case 'reopened':
        poll.open = true
        return undefined
    }
  }

  /**
   * A vote from `device`: its first, or a change while the poll is open, with
   * the event to save and how to take it back. Nothing to save when it votes
   * as it already had.
   */
  vote(device: string, id: string, option: number): { event?: PollEvent, undo?: () => void, result: PollResult } | { refused: string, code: RefusalCode } {
    const poll = this.polls.get(id)
    if (!poll)
      return { refused: `there is no poll "${id}"`, code: 'unknown' }
    if (option >= poll.definition.options.length)
      return { refused: `poll "${id}" has no option ${option + 1}`, code: 'unknown' }
    if (!poll.open)
      return { refused: 'This poll is closed.', code: 'poll-closed' }
    const known = this.devices.known(device)
    const before = known === undefined ? undefined : poll.votes.get(known)
    if (before === option)
      return { result: resultOf(poll) }
    const event: PollEvent = { e: 'voted', poll: id, option, device, at: this.now().toISOString() }
    this.apply(event)
    const number = this.devices.number(device)
    return {
      event,
      result: resultOf(poll),
      undo: () => {
        if (before === undefined)
          poll.votes.delete(number)
        else
          poll.votes.set(number, before)
      },
    }
  }

  /** The presenter closes or reopens a poll; nothing to save when it already is. */
  setOpen(id: string, open: boolean): { event?: PollEvent, undo?: () => void, result: PollResult } | { refused: string, code: RefusalCode } {
    const poll = this.polls.get(id)
    if (!poll)
      return { refused: `there is no poll "${id}"`, code: 'unknown' }
    if (poll.open === open)
      return { result: resultOf(poll) }
    const event: PollEvent = { e: open ? 'reopened' : 'closed', poll: id, at: this.now().toISOString() }
    this.apply(event)
    return {
      event,
      result: resultOf(poll),
      undo: () => {
        poll.open = !open
      },
    }
  }

  result(id: string): PollResult | undefined {
    const poll = this.polls.get(id)
    return poll ? resultOf(poll) : undefined
  }

  /** Every poll with its results, in the deck's order: what a deck gets on connecting. */
  list(): PollView[] {
    return [...this.polls.values()].map(poll => ({ ...poll.definition, ...resultOf(poll) }))
  }

  /** The state, for the store's snapshot. */
  snapshot(): PollSnapshot {
    return {
      devices: this.devices.ids,
      polls: [...[...this.polls.values()].map(poll => ({ id: poll.definition.id, open: poll.open, votes: [...poll.votes] })), ...this.carried],
    }
  }

  /**
   * Takes a snapshot's state into a board without votes; what is wrong with
   * it, if anything. A vote for an option this build's poll no longer has is
   * left out and passed to `report`.
   */
  restore(value: unknown, report: (problem: string) => void = () => {}): string | undefined {
    const state = (value ?? {}) as Partial<Record<keyof PollSnapshot, unknown>>
    const devices = this.devices.restore(state.devices)
    if (devices)
      return devices
    if (!Array.isArray(state.polls))
      return 'no list of polls'
    for (const item of state.polls as unknown[]) {
      const p = (item ?? {}) as Record<string, unknown>
      if (!isPollId(p.id) || typeof p.open !== 'boolean' || !Array.isArray(p.votes))
        return `poll ${JSON.stringify(p.id)?.slice(0, 40)} is not whole`
      const votes = p.votes as unknown[]
      if (!votes.every(vote => Array.isArray(vote) && vote.length === 2 && Number.isInteger(vote[0]) && vote[0] >= 0 && vote[0] < this.devices.ids.length && isOptionIndex(vote[1])))
        return `poll "${p.id}" has votes that are not a device's option`
      const poll = this.polls.get(p.id)
      if (!poll) {
        this.carried.push({ id: p.id, open: p.open, votes: votes as Array<[number, number]> })
        continue
      }
      const options = poll.definition.options.length
      const fitting = (votes as Array<[number, number]>).filter(([, option]) => option < options)
      if (fitting.length < votes.length)
        report(`${votes.length - fitting.length} vote(s) in poll "${p.id}" for an option past its ${options}`)
      poll.open = p.open
      poll.votes = new Map(fitting)
    }
    return undefined
  }
}

/** Each option's votes, in the options' order. */
export function countVotes(options: number, votes: Iterable<number>): number[] {
  const counts = Array.from({ length: options }, () => 0)
  for (const option of votes)
    counts[option]!++
  return counts
}

function resultOf(poll: Poll): PollResult {
  return { id: poll.definition.id, open: poll.open, counts: countVotes(poll.definition.options.length, poll.votes.values()) }
}

export interface PollLimits {
  /** Votes (first ones and changes) one device, and one address, may send: a burst, then so many a second. */
  votePerDevice: { burst: number, perSecond: number }
  votePerAddress: { burst: number, perSecond: number }
  /** Votes from the whole room: a bound on the devices a flood from many networks can add. */
  votePerRoom: { burst: number, perSecond: number }
}

/**
 * 20 votes a minute from one device (changing one's mind a few times is fine,
 * hammering is not). An address is often a whole room behind one NAT: 600 a
 * minute. Loopback has no address limit, as for connections and questions.
 * The whole room votes at most 5,000 times at once and 1,000 a second after.
 */
export const DEFAULT_POLL_LIMITS: PollLimits = {
  votePerDevice: { burst: 20, perSecond: 20 / 60 },
  votePerAddress: { burst: 600, perSecond: 10 },
  votePerRoom: { burst: 5000, perSecond: 1000 },
}

export class PollLimiter {
  private readonly votes: RoomBudgets

  constructor(limits: Partial<PollLimits> = {}, now: () => number = Date.now) {
    const all = { ...DEFAULT_POLL_LIMITS, ...limits }
    this.votes = new RoomBudgets({ device: all.votePerDevice, network: all.votePerAddress, room: all.votePerRoom }, now)
  }

  /** Takes one vote for `device` from `network` (`loopback`: no network limit): 0 when allowed, else the milliseconds to wait (and nothing is taken). */
  take(device: string, network: string, loopback = false): number {
    return this.votes.take(device, network, loopback)?.wait ?? 0
  }

  /** Gives back what `take` took for a vote that could not be saved. */
  refund(device: string, network: string, loopback = false): void {
    this.votes.refund(device, network, loopback)
  }

  prune(): void {
    this.votes.prune()
  }
}

/** A poll as the export gives it: its question, each option with its votes, and whether it is open. */
export interface ExportedPoll {
  id: string
  slide: number
  question: string
  open: boolean
  votes: number
  options: Array<{ option: string, votes: number }>
}

/** `from`: the board, or any backend of the talk's polls (./backend.ts). */
export function exportPolls(from: { list: () => PollView[] }): ExportedPoll[] {
  return from.list().map(poll => ({
    id: poll.id,
    slide: poll.slide,
    question: poll.question,
    open: poll.open,
    votes: poll.counts.reduce((sum, count) => sum + count, 0),
    options: poll.options.map((option, index) => ({ option, votes: poll.counts[index]! })),
  }))
}

/**
 * The export read back (`api/polls.json`, as downloaded): the polls, or what
 * is wrong with it. Each poll's total is its options' votes added up.
 */
export function readExportedPolls(value: unknown): ExportedPoll[] | string {
  if (!Array.isArray(value))
    return 'not a list of polls'
  const read: ExportedPoll[] = []
  const isVotes = (votes: unknown): votes is number => Number.isSafeInteger(votes) && (votes as number) >= 0
  for (const item of value as unknown[]) {
    const p = eventFields(item) ?? {}
    const options = Array.isArray(p.options) ? (p.options as unknown[]).map(option => eventFields(option) ?? {}) : []
    if (!isPollId(p.id) || typeof p.slide !== 'number' || !Number.isInteger(p.slide) || p.slide < 1 || p.slide > MAX_PAGE || typeof p.question !== 'string' || typeof p.open !== 'boolean' || options.length === 0)
      return `poll ${JSON.stringify(p.id)?.slice(0, 40) ?? 'without an id'} is not whole`
    if (!options.every(option => typeof option.option === 'string' && isVotes(option.votes)))
      return `poll "${p.id}" has an option without its votes`
    const votes = options.reduce((sum, option) => sum + (option.votes as number), 0)
    if (p.votes !== votes)
      return `poll "${p.id}" counts ${String(p.votes)} votes where its options have ${votes}`
    read.push({ id: p.id, slide: p.slide, question: p.question, open: p.open, votes, options: options.map(option => ({ option: option.option as string, votes: option.votes as number })) })
  }
  return read
}

/** The export as CSV: one row per poll and option, CRLF line ends (RFC 4180), cells as the questions' export makes them. */
export function pollsCsv(polls: ExportedPoll[]): string {
  const header = ['poll', 'slide', 'question', 'open', 'option', 'votes']
  const rows = polls.flatMap(poll => poll.options.map(({ option, votes }) => [poll.id, poll.slide, poll.question, poll.open, option, votes].map(csvCell).join(',')))
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`
}
