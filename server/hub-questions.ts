/**
 * The audience's questions on the channel (./hub-feature.ts; the rules are
 * the board's, ./questions.ts, kept by a questions backend, ./backend.ts): a
 * question, an upvote, or the presenter's moderation. Each is answered
 * ("asked", "upvoted") and told to the decks once it is kept. A joining audience deck gets the top of the list and how
 * many there are; a presenter, the whole board with the hidden ones.
 */
import type { ClientMessage, RefusalCode, ServerMessage } from '../shared/sync-protocol'
import type { Outcome, QuestionChange, QuestionsBackend, RateBudgets } from './backend'
import type { Feature, Peer, Room } from './hub-feature'
import type { QuestionState } from './questions'
import { Coalescer } from './coalesce'
import { JOIN_LIST_LENGTH, viewOf } from './questions'

export interface QuestionsOptions {
  /** The audience's questions; without them every question is refused. */
  backend?: QuestionsBackend
  /** The audience's budgets; without them nothing is limited. */
  budgets?: RateBudgets
  /** Changes after the first of a quiet spell are held this long and sent together (./coalesce.ts). */
  windowMs: number
  /** The slide the presenter shows now, if any: kept with each new question. */
  slideShown?: () => number | undefined
}

type QuestionMessage = 'ask' | 'upvote' | 'moderate'

export class Questions implements Feature<QuestionMessage> {
  readonly handles = ['ask', 'upvote', 'moderate'] as const
  private readonly changes: Coalescer<number, QuestionChange>

  constructor(private readonly room: Room, private readonly options: QuestionsOptions) {
    // A question hidden within a window stays "just hidden" whatever else happened to it, so the audience drops it;
    // one whose text or state changed is sent whole, one that only gained upvotes as its count.
    this.changes = new Coalescer(options.windowMs, changes => this.sendChanges([...changes.values()]), (held, next) => ({ question: next.question, justHidden: held.justHidden || next.justHidden, whole: held.whole || next.whole }))
    options.backend?.onChange(change => this.changes.add(change.question.id, change))
  }

  joined(peer: Peer): void {
    this.sendList(peer)
  }

  /** The presenter's list holds the hidden questions too. */
  promoted(peer: Peer): void {
    this.sendList(peer)
  }

  close(): void {
    this.changes.close()
  }

  /**
   * The question list, as this deck may see it: on connecting, the top
   * `JOIN_LIST_LENGTH` and how many the audience can see; once a deck proves
   * the secret, the whole board with the hidden ones. Nothing before the first
   * question: a deck starts each connection with an empty list.
   */
  private sendList(peer: Peer): void {
    const backend = this.options.backend
    if (!backend)
      return
    const questions = backend.list(peer.presenter, peer.presenter ? undefined : JOIN_LIST_LENGTH)
    if (questions.length > 0)
      this.room.sendList(peer, { t: 'questions', questions, ...(peer.presenter ? {} : { total: backend.visible() }) })
  }

  private refuse(peer: Peer, code: RefusalCode, reason: string, id?: number): void {
    this.room.send(peer, { t: 'refused', code, reason, about: 'questions', ...(id === undefined ? {} : { id }) })
  }

  receive(peer: Peer, message: Extract<ClientMessage, { t: QuestionMessage }>): void {
    const backend = this.options.backend
    if (!backend)
      return this.refuse(peer, 'not-offered', 'this server takes no questions')
    if (message.t === 'moderate') {
      if (!peer.presenter) {
        this.refuse(peer, 'not-presenter', 'only the presenter moderates questions')
        return this.room.strike(peer, 'moderate without the secret')
      }
      return this.record(peer, backend.moderate(message.id, message.action), { id: message.id, whole: true, justHidden: message.action === 'hidden' }, () => {})
    }
    // One connection asks and upvotes as one device: changing ids takes a new connection, which the connection limits slow.
    peer.device ??= message.device
    if (peer.device !== message.device) {
      this.refuse(peer, 'one-device', 'one device id per connection')
      return this.room.strike(peer, 'a second device id on one connection')
    }
    const id = message.t === 'upvote' ? message.id : undefined
    const budgets = this.options.budgets
    const limited = budgets ? budgets.take(message.t, message.device, peer.network, peer.loopback) : Promise.resolve(undefined)
    void limited.then((limit) => {
      if (limit) {
        this.room.logLine(`limited ${message.t}s`, `refused ${message.t === 'ask' ? 'a question' : 'an upvote'} from ${peer.address}: ${limit.by === 'room' ? 'over the room\'s budget' : 'over the limit'}`)
        const wait = Math.ceil(limit.wait / 1000)
        if (limit.by === 'room')
          return this.refuse(peer, 'room-busy', `The room is asking faster than the talk can take: try again in ${wait} s`)
        const what = message.t === 'ask' ? 'questions' : 'upvotes'
        return this.refuse(peer, 'too-many', `Too many ${what} from this device or network: try again in ${wait} s`, id)
      }
      const outcome = message.t === 'ask' ? backend.ask(message.device, message.text, this.options.slideShown?.()) : backend.upvote(message.device, message.id)
      // Not kept, it took nothing from the budgets: "try again" means it.
      const refund = () => budgets?.refund(message.t, message.device, peer.network, peer.loopback)
      this.record(peer, outcome, { id, whole: message.t === 'ask', justHidden: false }, question => this.room.send(peer, message.t === 'ask' ? { t: 'asked', id: question.id } : { t: 'upvoted', id: question.id }), refund)
    }, (error: unknown) => {
      // The budgets cannot be counted (the shared store is away): refused as not kept, never taken uncounted.
      this.room.logLine('unsaved questions', `could not count the budget for ${message.t === 'ask' ? 'a question' : 'an upvote'}: ${(error as Error).message}`)
      this.refuse(peer, 'not-saved', this.room.notSaved, id)
    })
  }

  /**
   * Once a change to the questions is kept, `done` answers the deck and the
   * decks hear of it through the coalescer (at once when the room is quiet).
   * Refused, or not kept (the backend undid it), the deck is told so; a
   * refusal names its question (`id`: a question not kept has no id to name).
   */
  private record(peer: Peer, outcome: Promise<Outcome<{ question: QuestionState }>>, how: { id?: number, whole: boolean, justHidden: boolean }, done: (question: QuestionState) => void, refund = () => {}): void {
    void outcome.then((taken) => {
      if ('refused' in taken)
        return this.refuse(peer, taken.code, taken.refused, how.id)
      if ('unsaved' in taken) {
        this.room.logLine('unsaved questions', `could not save the questions' change: ${taken.unsaved}`)
        refund()
        return this.refuse(peer, 'not-saved', this.room.notSaved, how.id)
      }
      if (!taken.changed)
        return
      done(taken.question)
      this.changes.add(taken.question.id, { question: taken.question, justHidden: how.justHidden, whole: how.whole })
    })
  }

  /**
   * Tells the decks of changed questions: presenters see every question, the
   * audience loses a hidden one. One change goes as `question` (or
   * `question-gone`); several held together as one `question-changes` per deck,
   * where a question that only gained upvotes is its id and count, not its text
   * again (a room upvoting at once would otherwise send every question's text
   * to every deck a few times a second).
   */
  private sendChanges(changes: QuestionChange[]): void {
    let forPresenters: ServerMessage
    let forAudience: ServerMessage | undefined
    if (changes.length === 1) {
      const [{ question, justHidden }] = changes as [QuestionChange]
      const audienceView = viewOf(question, false)
      forPresenters = { t: 'question', question: viewOf(question, true)! }
      forAudience = audienceView ? { t: 'question', question: audienceView } : justHidden ? { t: 'question-gone', id: question.id } : undefined
    }
    else {
      const batch = (presenter: boolean): Extract<ServerMessage, { t: 'question-changes' }> => {
        const shown = changes.filter(change => viewOf(change.question, presenter))
        return {
          t: 'question-changes',
          questions: shown.filter(change => change.whole).map(change => viewOf(change.question, presenter)!),
          votes: shown.filter(change => !change.whole).map(change => [change.question.id, change.question.votes] as [number, number]),
          gone: presenter ? [] : changes.filter(change => change.justHidden && !viewOf(change.question, false)).map(change => change.question.id),
        }
      }
      forPresenters = batch(true)
      const audienceBatch = batch(false)
      forAudience = audienceBatch.questions.length + audienceBatch.votes.length + audienceBatch.gone.length > 0 ? audienceBatch : undefined
    }
    this.room.broadcast(forPresenters, peer => peer.presenter)
    if (forAudience)
      this.room.broadcast(forAudience, peer => !peer.presenter)
  }
}
