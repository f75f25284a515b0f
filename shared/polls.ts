/**
 * Polls the audience answers on their phones in the hosted talk: what a poll
 * is, for the deck and the server alike. A slide declares one:
 * `<Poll id="lightweight-vms" question="…" :options="['…', '…']" />` (a
 * `compare="other-id"` poll shows the other poll's results beside its own:
 * "before" and "now"). The rules here are checked by tests/deck.test.ts over
 * the deck's sources, again when `npm run build` writes the deck's polls for
 * the server (scripts/lib/write-polls.ts), and by the server when it reads
 * them (server/polls.ts), which takes votes only for those polls. The
 * results' arithmetic is the slide's (components/polls.ts).
 */
import { MAX_POLL_ID_LENGTH, MAX_POLL_OPTION_LENGTH, MAX_POLL_OPTIONS, MAX_POLL_QUESTION_LENGTH, POLL_ID_PATTERN } from './sync-protocol'

export interface PollDefinition {
  id: string
  question: string
  options: string[]
  /** The poll whose results this one shows beside its own. */
  compare?: string
}

/** Reads a JavaScript array of single- or double-quoted strings as written in a `:options="[…]"` attribute; undefined when it is not one. */
export function readStringArray(source: string): string[] | undefined {
  const inner = source.trim()
  if (!inner.startsWith('[') || !inner.endsWith(']'))
    return undefined
  const items: string[] = []
  const item = /\s*'((?:[^'\\]|\\.)*)'\s*(,|$)|\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y
  const body = inner.slice(1, -1).trim().replace(/,$/, '')
  if (body === '')
    return []
  item.lastIndex = 0
  while (item.lastIndex < body.length) {
    const match = item.exec(body)
    if (!match)
      return undefined
    items.push((match[1] ?? match[3] ?? '').replace(/\\(.)/g, '$1'))
    if (match[2] === '' || match[4] === '')
      break
  }
  return item.lastIndex >= body.length ? items : undefined
}

/** The `<Poll … />` tags in a slide's markdown, each with what is wrong with how it is written. */
export function pollTags(content: string): Array<PollDefinition | { problem: string }> {
  return [...content.matchAll(/<Poll\b([^>]*?)\/?>/g)].map((match) => {
    const attrs = match[1] ?? ''
    const text = (name: string): string | undefined => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1]
    const id = text('id')
    const question = text('question')
    const optionsSource = /(?:^|\s):options="([^"]*)"/.exec(attrs)?.[1]
    const options = optionsSource === undefined ? undefined : readStringArray(optionsSource)
    if (id === undefined)
      return { problem: 'a <Poll> has no id="…"' }
    if (question === undefined)
      return { problem: `poll "${id}" has no question="…"` }
    if (options === undefined)
      return { problem: `poll "${id}" has no :options="['…', '…']" of quoted strings` }
    const compare = text('compare')
    return { id, question, options, ...(compare !== undefined ? { compare } : {}) }
  })
}

/** What is wrong with one poll, each as a sentence naming it. */
export function pollProblems(poll: PollDefinition): string[] {
  const problems: string[] = []
  const name = `poll "${poll.id}"`
  if (!POLL_ID_PATTERN.test(poll.id) || poll.id.length > MAX_POLL_ID_LENGTH)
    problems.push(`${name}: the id must be kebab-case (a-z, 0-9, single dashes), at most ${MAX_POLL_ID_LENGTH} characters`)
  if (poll.question.trim() === '')
    problems.push(`${name}: the question is empty`)
  if (poll.question.length > MAX_POLL_QUESTION_LENGTH)
    problems.push(`${name}: the question is over ${MAX_POLL_QUESTION_LENGTH} characters`)
  if (poll.options.length < 2 || poll.options.length > MAX_POLL_OPTIONS)
    problems.push(`${name}: ${poll.options.length} options, not 2 to ${MAX_POLL_OPTIONS}`)
  poll.options.forEach((option, index) => {
    if (option.trim() === '')
      problems.push(`${name}: option ${index + 1} is empty`)
    if (option.length > MAX_POLL_OPTION_LENGTH)
      problems.push(`${name}: option "${option}" is over ${MAX_POLL_OPTION_LENGTH} characters`)
    if (poll.options.findIndex(other => other.trim().toLowerCase() === option.trim().toLowerCase()) !== index)
      problems.push(`${name}: option "${option}" is there twice`)
  })
  return problems
}

/** What is wrong with a deck's polls together: each poll's problems, ids used twice, comparisons with polls that do not match. */
export function deckPollProblems(polls: readonly PollDefinition[]): string[] {
  const problems = polls.flatMap(pollProblems)
  const ids = polls.map(poll => poll.id)
  for (const [index, id] of ids.entries()) {
    if (ids.indexOf(id) !== index)
      problems.push(`poll "${id}": the id is used by two polls`)
  }
  for (const poll of polls) {
    if (poll.compare === undefined)
      continue
    const other = polls.find(p => p.id === poll.compare)
    if (!other || other === poll)
      problems.push(`poll "${poll.id}": compare="${poll.compare}" names no other poll`)
    else if (other.options.join('\n') !== poll.options.join('\n'))
      problems.push(`poll "${poll.id}": compared with "${other.id}", whose options differ`)
    else if (polls.indexOf(other) > polls.indexOf(poll))
      problems.push(`poll "${poll.id}": compared with "${other.id}", which comes later in the deck`)
  }
  return problems
}

export class PollDefinitionError extends Error {
  override name = 'PollDefinitionError'
}

/** Every poll of the deck's slides, with the slide it is on; throws naming every problem (a poll written wrong, a rule broken). */
export function deckPolls(slides: ReadonlyArray<{ no: number, content: string }>): Array<PollDefinition & { slide: number }> {
  const found = slides.flatMap(slide => pollTags(slide.content).map(tag => ({ slide: slide.no, tag })))
  const problems = found.flatMap(({ slide, tag }) => 'problem' in tag ? [`slide ${slide}: ${tag.problem}`] : [])
  const polls = found.flatMap(({ slide, tag }) => 'problem' in tag ? [] : [{ ...tag, slide }])
  problems.push(...deckPollProblems(polls))
  if (problems.length > 0)
    throw new PollDefinitionError(`The deck's polls:\n${problems.join('\n')}`)
  return polls
}
