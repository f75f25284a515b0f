/**
 * The room's part of `npm run bench:sync` on the deck server: while the
 * presenter steps on, the audience votes in a poll and asks and upvotes
 * questions, each audience socket as one device (the server takes one device
 * id per connection). The votes are spread evenly over the burst (1,000 within
 * one second by default), the questions over its first fifth; the upvotes go
 * once every question has been acknowledged, spread over what is left of the
 * burst. Afterwards the bench reads the server's export and checks that every
 * vote and upvote was counted exactly once.
 */

export interface RoomOptions {
  clients: number
  votes: number
  questions: number
  upvotes: number
  burstMs: number
}

/** The poll the bench's deck declares (its deck-polls.json). */
export const BENCH_POLL = { id: 'bench-poll', question: 'Are containers just lightweight VMs?', options: ['Yes', 'Sort of', 'No'], slide: 1 }

export type RoomMessage
  = | { t: 'vote', device: string, poll: string, option: number }
    | { t: 'ask', device: string, text: string }
    | { t: 'upvote', device: string, id: number }

export interface Planned { atMs: number, socket: number, message: RoomMessage }

/** Audience socket `index`'s device id (16 to 64 letters, digits, - or _). */
export function deviceFor(index: number): string {
  return `bench-device-${String(index).padStart(8, '0')}`
}

/** What is wrong with the room's options for `clients` sockets, if anything. */
export function checkRoom(options: RoomOptions): string | undefined {
  for (const name of ['votes', 'questions', 'upvotes'] as const) {
    if (options[name] > options.clients)
      return `--${name} may be at most --clients (${options.clients}): each socket is one device and sends at most one`
  }
  if (options.upvotes > 0 && options.questions === 0)
    return '--upvotes needs --questions'
  return undefined
}

/** `count` sends from `startMs`, evenly over `spanMs` (all at `startMs` when the span is 0). */
function spread(count: number, startMs: number, spanMs: number): number[] {
  return Array.from({ length: count }, (_, i) => startMs + (count > 1 ? spanMs * i / (count - 1) : 0))
}

/** Votes (socket i votes option i mod 3) and questions (socket i asks question i + 1), from the burst's start. */
export function firstWave(options: RoomOptions): Planned[] {
  const votes = spread(options.votes, 0, options.burstMs).map((atMs, i) => ({ atMs, socket: i, message: { t: 'vote', device: deviceFor(i), poll: BENCH_POLL.id, option: i % BENCH_POLL.options.length } as RoomMessage }))
  const questions = spread(options.questions, 0, options.burstMs / 5).map((atMs, i) => ({ atMs, socket: i, message: { t: 'ask', device: deviceFor(i), text: `Bench question ${i + 1}: what does the kernel share?` } as RoomMessage }))
  return [...votes, ...questions].sort((a, b) => a.atMs - b.atMs)
}

/**
 * Upvotes, once the questions are in (question ids 1 to `questions`, in the
 * order asked): socket i upvotes question (i + 1) mod questions + 1, never its
 * own, from `startMs` to the burst's end.
 */
export function secondWave(options: RoomOptions, startMs: number): Planned[] {
  const span = Math.max(0, options.burstMs - startMs)
  return spread(options.upvotes, startMs, span).map((atMs, i) => ({ atMs, socket: i, message: { t: 'upvote', device: deviceFor(i), id: ((i + 1) % options.questions) + 1 } }))
}

/** The upvotes each question should have: how many sockets picked it. */
export function expectedUpvotes(options: RoomOptions): number[] {
  const counts = Array.from({ length: options.questions }, () => 0)
  for (let i = 0; i < options.upvotes; i++)
    counts[(i + 1) % options.questions]!++
  return counts
}

/** The votes each option should have. */
export function expectedVotes(options: RoomOptions): number[] {
  const counts = BENCH_POLL.options.map(() => 0)
  for (let i = 0; i < options.votes; i++)
    counts[i % counts.length]!++
  return counts
}

/** Compares the server's export with what was sent: each line a difference; none when every vote and upvote was counted once. */
export function countDifferences(options: RoomOptions, polls: Array<{ id: string, options: Array<{ votes: number }> }>, questions: Array<{ id: number, votes: number }>): string[] {
  const problems: string[] = []
  const poll = polls.find(p => p.id === BENCH_POLL.id)
  const votes = poll?.options.map(option => option.votes) ?? []
  const wanted = expectedVotes(options)
  if (votes.join(',') !== wanted.join(','))
    problems.push(`votes per option ${votes.join('/') || 'none'}, sent ${wanted.join('/')}`)
  if (questions.length !== options.questions)
    problems.push(`${questions.length} questions saved, ${options.questions} asked`)
  const upvotes = expectedUpvotes(options)
  const wrong = questions.filter(q => q.votes !== upvotes[q.id - 1])
  if (wrong.length > 0)
    problems.push(`${wrong.length} question(s) with another upvote count than sent, e.g. question ${wrong[0]!.id}: ${wrong[0]!.votes}, sent ${upvotes[wrong[0]!.id - 1] ?? 0}`)
  return problems
}
