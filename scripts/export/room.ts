/**
 * The room's edition of the handout, worked out from a hosted talk's
 * questions and votes (read by ./read-room.ts) for the handout page
 * (setup/handout/room-edition.ts): each poll's votes before and after at the
 * slide that first asked it (the page shows counts and shares as the slide
 * does, components/polls.ts); the questions the presenter marked answered,
 * not hidden, with their votes, at the slide shown when they were asked, or
 * among the other questions when that slide is not known; the talk's date
 * and event. Only what is printed is kept.
 */
import type { ExportedPoll } from '../../server/polls'
import type { ExportedQuestion } from '../../server/questions'
import type { RoomEdition, RoomPoll, RoomQuestion } from '../../setup/handout/room-edition'
import type { PollDefinition } from '../../shared/polls'
import { sortQuestions } from '../../shared/sync-protocol'

/** What a hosted talk left: its questions and its polls, as the server exports them. */
export interface RoomData {
  questions: ExportedQuestion[]
  polls: ExportedPoll[]
}

/** The talk's day and event, printed on every page of the room's edition. */
export interface RoomTalk {
  date: string
  event?: string
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** A day as YYYY-MM-DD, from a string of that form or a date (YAML reads `date: 2026-12-02` as one); undefined otherwise. */
function dayOf(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return value.toISOString().slice(0, 10)
  if (typeof value === 'string' && DAY.test(value.trim()) && !Number.isNaN(Date.parse(value.trim())))
    return value.trim()
  return undefined
}

/**
 * The talk's day: `--date` if given, else the headmatter's `date:`, else the
 * day (UTC) the first question was asked; its event: `--event` if given,
 * else the headmatter's `event:`. Throws when no day can be found, or
 * `--date` is not a day.
 */
export function roomTalk(given: { date?: string, event?: string }, headmatter: Record<string, unknown>, questions: readonly ExportedQuestion[]): RoomTalk {
  let date: string | undefined
  if (given.date !== undefined) {
    date = dayOf(given.date)
    if (!date)
      throw new Error(`--date must be a day, YYYY-MM-DD, not ${JSON.stringify(given.date)}`)
  }
  date ??= dayOf(headmatter.date)
  const first = questions.map(question => question.askedAt).sort((a, b) => Date.parse(a) - Date.parse(b))[0]
  date ??= first === undefined ? undefined : new Date(first).toISOString().slice(0, 10)
  if (!date)
    throw new Error('No day for the talk: no question was asked, and the headmatter has no date:. Give it with --date YYYY-MM-DD.')
  const event = [given.event, headmatter.event].find((value): value is string => typeof value === 'string' && value.trim() !== '')?.trim()
  return { date, ...(event ? { event } : {}) }
}

/**
 * The edition from the talk's data. `polls` are the deck's (their slides, and
 * which poll asks again to compare with which): a poll another compares with
 * is printed with both, before and after, at its own slide; one that compares
 * with another is printed there only; a poll with no votes at all is left out.
 * The questions kept are those answered and not hidden, each at the slide it
 * came up on when the deck has that slide, else among the other questions.
 */
export function roomEdition(data: RoomData, deck: { slides: ReadonlyArray<{ no: number }> }, polls: ReadonlyArray<PollDefinition & { slide: number }>, talk: RoomTalk, log: (line: string) => void = () => {}): RoomEdition {
  const results = new Map(data.polls.map(poll => [poll.id, poll]))
  for (const poll of data.polls) {
    if (!polls.some(definition => definition.id === poll.id))
      log(`poll "${poll.id}" is not in this deck: its ${poll.votes} votes are left out`)
  }
  const printed: RoomPoll[] = []
  for (const definition of polls) {
    const before = results.get(definition.id)
    if (!before || definition.compare !== undefined)
      continue
    const again = polls.find(other => other.compare === definition.id)
    const after = again && results.get(again.id)
    if (before.votes + (after?.votes ?? 0) === 0)
      continue
    printed.push({
      id: definition.id,
      question: before.question,
      options: before.options.map(option => option.option),
      slide: definition.slide,
      counts: before.options.map(option => option.votes),
      ...(again && after ? { again: { id: again.id, slide: again.slide, counts: after.options.map(option => option.votes) } } : {}),
    })
  }

  const slides = new Set(deck.slides.map(slide => slide.no))
  const bySlide: Record<number, RoomQuestion[]> = {}
  const other: RoomQuestion[] = []
  for (const question of sortQuestions(data.questions)) {
    if (!question.answered || question.hidden)
      continue
    const kept: RoomQuestion = { id: question.id, text: question.text, votes: question.votes }
    if (question.slide !== null && slides.has(question.slide))
      (bySlide[question.slide] ??= []).push(kept)
    else
      other.push(kept)
  }
  return { ...talk, polls: printed, bySlide, other }
}
