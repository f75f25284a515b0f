/**
 * The audience's questions in Redis, shared by every instance of a talk
 * (./backend-redis.ts): each question a hash (`question:ID`: text, when it
 * was asked, the slide shown then, votes, answered, hidden, and `rev`, its
 * number of changes), its
 * upvoters a set (one upvote per device, held by SADD), the ids a set, and the
 * number the audience can see a counter. Each change is one Lua script, so
 * the rules (the box's caps, one upvote per device, moderation) hold across
 * instances; the script publishes the question as it left it, and every
 * instance keeps the questions it has heard, the latest `rev` of each, to
 * list and export them without asking Redis.
 *
 * The keys are built inside the scripts from the talk's prefix: a single
 * Redis (or one with replicas), not a Redis Cluster.
 */
import type { Moderation, QuestionView } from '../shared/sync-protocol'
import type { Outcome, QuestionChange, QuestionsBackend } from './backend'
import type { RedisTalk } from './backend-redis'
import type { ExportedQuestion, QuestionState } from './questions'
import { MAX_QUESTION_ID, sortQuestions } from '../shared/sync-protocol'
import { exportQuestions, MAX_QUESTIONS, MAX_STORED_QUESTIONS, viewOf } from './questions'

/** A question with its number of changes: of two states heard, the later is kept. */
type Held = QuestionState & { rev: number }

/** The Lua that every script starts with: the question's state as JSON, and its publication. */
const PRELUDE = `
local p = ARGV[1]
local function state(id)
  local q = redis.call('HMGET', p .. 'question:' .. id, 'text', 'askedAt', 'votes', 'answered', 'hidden', 'rev', 'slide')
  return cjson.encode({ id = tonumber(id), text = q[1], askedAt = q[2], votes = tonumber(q[3]), answered = q[4] == '1', hidden = q[5] == '1', rev = tonumber(q[6]), slide = tonumber(q[7]) })
end
local function tell(id, whole, justHidden)
  local s = state(id)
  redis.call('PUBLISH', p .. 'questions-changed', cjson.encode({ instance = ARGV[2], whole = whole, justHidden = justHidden, q = cjson.decode(s) }))
  return s
end
`

/** A new question (ARGV: prefix, instance, text, device, time, the caps, the slide shown or ''): its state, or why it is refused. */
const ASK = `${PRELUDE}
local shown = tonumber(redis.call('GET', p .. 'questions:shown') or '0')
if shown >= tonumber(ARGV[6]) or redis.call('SCARD', p .. 'questions:ids') >= tonumber(ARGV[7]) then return { 'full' } end
local next = tonumber(redis.call('GET', p .. 'questions:next') or '0') + 1
if next > tonumber(ARGV[8]) then return { 'closed' } end
redis.call('SET', p .. 'questions:next', next)
redis.call('HSET', p .. 'question:' .. next, 'text', ARGV[3], 'device', ARGV[4], 'askedAt', ARGV[5], 'votes', 0, 'answered', 0, 'hidden', 0, 'rev', 1)
if ARGV[9] ~= '' then redis.call('HSET', p .. 'question:' .. next, 'slide', ARGV[9]) end
redis.call('SADD', p .. 'questions:ids', next)
redis.call('INCR', p .. 'questions:shown')
return { 'ok', tell(next, true, false) }
`

/** An upvote (ARGV: prefix, instance, id, device): one per device, on a question the audience can see. */
const UPVOTE = `${PRELUDE}
local key = p .. 'question:' .. ARGV[3]
if redis.call('EXISTS', key) == 0 or redis.call('HGET', key, 'hidden') == '1' then return { 'none' } end
if redis.call('SADD', key .. ':voters', ARGV[4]) == 0 then return { 'again' } end
redis.call('HINCRBY', key, 'votes', 1)
redis.call('HINCRBY', key, 'rev', 1)
return { 'ok', tell(ARGV[3], false, false) }
`

/** The presenter's moderation (ARGV: prefix, instance, id, action, the box's size): nothing when it is so already. */
const MODERATE = `${PRELUDE}
local key = p .. 'question:' .. ARGV[3]
if redis.call('EXISTS', key) == 0 then return { 'none' } end
local action = ARGV[4]
local field = (action == 'answered' or action == 'unanswered') and 'answered' or 'hidden'
local value = (action == 'answered' or action == 'hidden') and '1' or '0'
if redis.call('HGET', key, field) == value then return { 'same', state(ARGV[3]) } end
if field == 'hidden' then
  if value == '0' and tonumber(redis.call('GET', p .. 'questions:shown') or '0') >= tonumber(ARGV[5]) then return { 'full' } end
  redis.call('INCRBY', p .. 'questions:shown', value == '1' and -1 or 1)
end
redis.call('HSET', key, field, value)
redis.call('HINCRBY', key, 'rev', 1)
return { 'ok', tell(ARGV[3], true, action == 'hidden') }
`

/** The questions in Redis, one talk's, as every instance sees them. */
export class RedisQuestions implements QuestionsBackend {
  private readonly held = new Map<number, Held>()
  private readonly listeners: Array<(change: QuestionChange) => void> = []

  private constructor(private readonly talk: RedisTalk, private readonly log: (line: string) => void, private readonly now: () => Date) {}

  static async open(talk: RedisTalk, log: (line: string) => void = () => {}, now: () => Date = () => new Date()): Promise<RedisQuestions> {
    const questions = new RedisQuestions(talk, log, now)
    await talk.subscriber.subscribe(talk.key('questions-changed'), message => questions.heard(message))
    await questions.read(false)
    // Back after Redis was away, or after a command of this instance's went unanswered (it may have been done): every
    // question is read again, and what changed is told.
    talk.onRecover(() => questions.read(true))
    return questions
  }

  list(presenter: boolean, limit = Number.POSITIVE_INFINITY): QuestionView[] {
    const views: QuestionView[] = []
    for (const question of sortQuestions([...this.held.values()])) {
      if (views.length >= limit)
        break
      const view = viewOf(question, presenter)
      if (view)
        views.push(view)
    }
    return views
  }

  visible(): number {
    let count = 0
    for (const question of this.held.values())
      count += question.hidden ? 0 : 1
    return count
  }

  async ask(device: string, text: string, slide?: number): Promise<Outcome<{ question: QuestionState }>> {
    return this.run(ASK, [text, device, this.now().toISOString(), String(MAX_QUESTIONS), String(MAX_STORED_QUESTIONS), String(MAX_QUESTION_ID), slide === undefined ? '' : String(slide)])
  }

  async upvote(device: string, id: number): Promise<Outcome<{ question: QuestionState }>> {
    return this.run(UPVOTE, [String(id), device], id)
  }

  async moderate(id: number, action: Moderation): Promise<Outcome<{ question: QuestionState }>> {
    return this.run(MODERATE, [String(id), action, String(MAX_QUESTIONS)], id)
  }

  exported(): ExportedQuestion[] {
    return exportQuestions(this.held.values())
  }

  onChange(listener: (change: QuestionChange) => void): void {
    this.listeners.push(listener)
  }

  /** Runs a change's script: the question as the script left it, or what the board's rules say to the deck. */
  private async run(script: string, args: string[], id?: number): Promise<Outcome<{ question: QuestionState }>> {
    let answer: [string, string?]
    try {
      answer = await this.talk.run(script, { arguments: [this.talk.key(''), this.talk.instance, ...args] }) as [string, string?]
    }
    catch (error) {
      return { unsaved: (error as Error).message }
    }
    const [status, state] = answer
    switch (status) {
      case 'full':
        return { refused: id === undefined ? `The question box is full (${MAX_QUESTIONS} questions).` : `The question box is full (${MAX_QUESTIONS} questions shown): hide one first.`, code: 'box-full' }
      case 'closed':
        return { refused: 'The question box is full.', code: 'box-full' }
      case 'none':
        return { refused: `there is no question ${id}`, code: 'unknown' }
      case 'again':
        return { refused: 'you have upvoted this question already', code: 'already-upvoted' }
    }
    return { question: this.take(JSON.parse(state!) as Held), changed: status === 'ok' }
  }

  /** Keeps a question's state unless a later one is held; answers the state held. */
  private take(question: Held): Held {
    const held = this.held.get(question.id)
    if (held && held.rev >= question.rev)
      return held
    this.held.set(question.id, question)
    return question
  }

  /** Another instance's change: taken when it is news, and told to this instance's decks. */
  private heard(message: string): void {
    const { instance, whole, justHidden, q } = JSON.parse(message) as { instance: string, whole: boolean, justHidden: boolean, q: Held }
    if (instance === this.talk.instance)
      return
    if (this.take(q) !== q)
      return
    for (const listener of this.listeners)
      listener({ question: q, justHidden, whole })
  }

  /** Reads every question (`tell`: the listeners hear each that changed since it was last heard). */
  private async read(tell: boolean): Promise<void> {
    const ids = await this.talk.client.sMembers(this.talk.key('questions:ids'))
    const fields = ['text', 'askedAt', 'votes', 'answered', 'hidden', 'rev', 'slide'] as const
    const rows = await Promise.all(ids.map(id => this.talk.client.hmGet(this.talk.key(`question:${id}`), [...fields])))
    rows.forEach((row, index) => {
      const [text, askedAt, votes, answered, hidden, rev, slide] = row
      if (text == null || askedAt == null)
        return
      const question: Held = { id: Number(ids[index]), text, askedAt, votes: Number(votes), answered: answered === '1', hidden: hidden === '1', rev: Number(rev), ...(slide == null ? {} : { slide: Number(slide) }) }
      const before = this.held.get(question.id)
      if (this.take(question) === question && tell) {
        for (const listener of this.listeners)
          listener({ question, justHidden: Boolean(question.hidden && before && !before.hidden), whole: true })
      }
    })
  }
}
