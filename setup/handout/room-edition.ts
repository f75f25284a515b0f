/**
 * The room's edition of the handout (`npm run export -- --room DIR`): what
 * the handout page prints besides each slide once a hosted talk is over. The
 * export works it out from the talk's questions and votes
 * (scripts/export/room.ts) and hands it to the page before it loads, as
 * `window.__ROOM_EDITION__`; the page prints it as text. It holds only what
 * is printed: the talk's date and event, each poll's votes per answer, and
 * the questions the presenter marked answered, not hidden, with their votes.
 * No device ids, no hidden or unanswered question.
 */
import type { LivePolls } from '../../components/live-polls'
import type { PollView } from '../../shared/sync-protocol'

/**
 * A poll as the room answered it, printed beside the slide that first asked
 * it: its votes per answer, and those of the poll that asked it again to
 * compare with it, when the deck has one.
 */
export interface RoomPoll {
  id: string
  question: string
  options: string[]
  /** The slide that asked it (the opening poll's, for a poll asked again). */
  slide: number
  /** Each answer's votes, in the options' order. */
  counts: number[]
  /** The poll that asked it again, comparing with it: its id, slide and votes. */
  again?: { id: string, slide: number, counts: number[] }
}

/** A question the room asked and the presenter marked answered: its text as asked, and its upvotes. */
export interface RoomQuestion {
  id: number
  text: string
  votes: number
}

export interface RoomEdition {
  /** The day of the talk, YYYY-MM-DD. */
  date: string
  /** The event it was given at, when known. */
  event?: string
  polls: RoomPoll[]
  /** By slide number, the answered questions that came up on that slide, most votes first. */
  bySlide: Record<number, RoomQuestion[]>
  /** Answered questions whose slide is not known (asked before a slide was shown, or kept before slides were recorded). */
  other: RoomQuestion[]
}

declare global {
  interface Window {
    /** Set by the export before the handout page loads: the page is then the room's edition. */
    __ROOM_EDITION__?: RoomEdition
  }
}

/** The anchor of the room's other questions, after the last slide. */
export const OTHER_QUESTIONS_ANCHOR = 'room-other-questions'

/** The title of the page of other questions: its heading and its bookmark. */
export const OTHER_QUESTIONS_TITLE = 'Other questions the room asked'

/** The stamp of the room's edition: `Room edition · Platform meetup · 2026-12-02 · Edition 0.1.0 · 1a2b3c4 · 2026-12-03`. */
export function roomEditionLabel(room: Pick<RoomEdition, 'date' | 'event'>, edition: string): string {
  return ['Room edition', room.event, room.date, edition].filter(Boolean).join(' · ')
}

/** The line atop the first page: which talk, and what this edition adds to the handout. */
export function roomIntro(room: Pick<RoomEdition, 'date' | 'event'>): string {
  const talk = room.event ? `${room.event}, ${room.date}` : room.date
  return `The room's edition (${talk}): beside the opening poll, the room's answers before and after; after each slide, the questions the room asked on it that were answered in the talk.`
}

/**
 * The room's votes as the slides' <Poll> reads them in the hosted talk
 * (components/live-polls.ts): on paper the poll slides then show the room's
 * bars and counts, every poll closed, instead of their placeholders.
 */
export function roomLivePolls(room: RoomEdition): LivePolls {
  const polls: Record<string, PollView> = {}
  for (const poll of room.polls) {
    polls[poll.id] = { id: poll.id, question: poll.question, options: poll.options, slide: poll.slide, open: false, counts: poll.counts }
    if (poll.again)
      polls[poll.again.id] = { id: poll.again.id, question: poll.question, options: poll.options, slide: poll.again.slide, compare: poll.id, open: false, counts: poll.again.counts }
  }
  return { role: 'none', polls, mine: {}, vote: () => {} }
}
