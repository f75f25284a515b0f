/**
 * Where a hosted talk's shared state lives, one small interface per concern,
 * so the hub's features (./hub-feature.ts) do not know whether it is this
 * process alone or several instances of one talk. The embedded backends here
 * are the default: everything in this process (and, for what is saved, the
 * data directory's journals, ./store.ts). Another backend shares the same
 * concerns across instances; the features and their tests do not change.
 *
 * Every method a change goes through answers once the change is kept as its
 * backend keeps changes (for the embedded one: in the journal, fdatasynced),
 * so what a deck is told was taken is taken.
 */
import type { Rehearsal } from '../shared/rehearsal'
import type { Moderation, PollResult, PollView, Position, QuestionView, RefusalCode, RemoteRefusal } from '../shared/sync-protocol'
import type { GuessLimiter } from './auth'
import type { Limited } from './limits'
import type { PollBoard, PollEvent, PollLimiter } from './polls'
import type { Change, ExportedQuestion, Question, QuestionBoard, QuestionEvent, QuestionLimiter, QuestionState } from './questions'
import type { RehearsalFile } from './rehearsals'
import type { RemoteKeys } from './remote'
import { checkRehearsal } from '../shared/rehearsal'
import { samePosition } from '../shared/sync-protocol'
import { exportQuestions } from './questions'
import { NotSaved } from './store'

/** A move of the talk: its position, and its number in the talk's order of moves (a later move has a larger one). */
export interface Move {
  position: Position
  seq: number
  /** Made by the phone remote. */
  by?: 'remote'
}

/** The presenter's position: the talk's latest move, and the moves as they are made. */
export interface PositionBackend {
  /** The talk's latest move; undefined until a presenter has sent a position. */
  current: () => Move | undefined
  /** When the first position arrived: the talk's start, for the remote's elapsed time. */
  startedAt: () => number | undefined
  /**
   * Makes `position` the talk's; false when the talk is there already. Every
   * listener hears the move, with `origin` (the deck that made it, which is not
   * sent its own move back).
   */
  move: (position: Position, by?: 'remote', origin?: object) => boolean
  onMove: (listener: (move: Move, origin: object | undefined) => void) => void
}

/** How many follow the talk: each instance reports its own decks, and hears the talk's total. */
export interface AudienceBackend {
  /** This instance's audience is `count` now. */
  report: (count: number) => void
  /** The talk's audience. */
  total: () => number
  /** Hears that the total changed elsewhere than in `report` (another instance's decks). */
  onChange: (listener: () => void) => void
}

/** The budget for wrong presenter secrets, the talk's whole: a guesser cannot spread guesses over instances. */
export interface GuessBudget {
  /** Counts a wrong guess from `network`: 0 when the budget allowed it, else milliseconds until it allows the next. */
  fail: (network: string) => Promise<number>
  /** Forgets the networks whose budget has refilled. */
  prune: () => void
}

/**
 * What a change came to: taken (with what it changed, `changed` false when
 * there was nothing to change), refused by the rules (`refused`, said to the
 * deck as it is), or not kept (`unsaved`, why, for the log): undone, and the
 * deck told to try again.
 */
export type Outcome<T> = (T & { changed: boolean }) | { refused: string, code: RefusalCode } | { unsaved: string }

/** The polls: one vote per device per poll, changeable while the poll is open; the presenter closes and reopens them. */
export interface PollsBackend {
  /** Every poll with its results, in the deck's order: what a deck gets on connecting, and the export. */
  list: () => PollView[]
  result: (poll: string) => PollResult | undefined
  vote: (device: string, poll: string, option: number) => Promise<Outcome<{ result: PollResult }>>
  setOpen: (poll: string, open: boolean) => Promise<Outcome<{ result: PollResult }>>
  /**
   * Hears results that changed other than by an answer of this backend's:
   * another instance's votes, or a change undone once it could not be kept
   * (the decks may have been sent it with another change's results).
   */
  onResult: (listener: (result: PollResult) => void) => void
}

/** A question changed other than by an answer of the backend's: sent again whole (`whole`), or as its upvotes. */
export interface QuestionChange {
  question: QuestionState
  /** Hidden by this change: the audience drops it. */
  justHidden: boolean
  whole: boolean
}

/** The questions: one upvote per device per question; the presenter marks them answered, hides and shows them. */
export interface QuestionsBackend {
  /** Every question a deck may see, most votes first; the first `limit` when given. A question not yet kept is in no list. */
  list: (presenter: boolean, limit?: number) => QuestionView[]
  /** How many questions the audience can see. */
  visible: () => number
  /** A new question; `slide`, the slide the presenter shows (if any), is kept with it. */
  ask: (device: string, text: string, slide?: number) => Promise<Outcome<{ question: QuestionState }>>
  upvote: (device: string, id: number) => Promise<Outcome<{ question: QuestionState }>>
  moderate: (id: number, action: Moderation) => Promise<Outcome<{ question: QuestionState }>>
  /** Every question, hidden ones too, for the presenter's export. */
  exported: () => ExportedQuestion[]
  /** Hears questions that changed other than by an answer of this backend's (another instance's, or a change undone). */
  onChange: (listener: (change: QuestionChange) => void) => void
}

/** What the audience spends a budget on. */
export type RateKind = 'ask' | 'upvote' | 'vote'

/**
 * The audience's budgets for questions, upvotes and votes, per device, per
 * network and for the room (./questions.ts, ./polls.ts): the talk's, so a
 * device or a network that reaches several instances has one budget, not one
 * an instance.
 */
export interface RateBudgets {
  /**
   * Takes one `kind` for `device` from `network` (`loopback`: this machine,
   * no network budget): undefined when every budget allows it, else which
   * refused and the milliseconds until it allows another (nothing is taken).
   * Rejects when the budgets cannot be counted.
   */
  take: (kind: RateKind, device: string, network: string, loopback: boolean) => Promise<Limited | undefined>
  /** Gives back what `take` took for something that could not be kept: "try again" then works. */
  refund: (kind: RateKind, device: string, network: string, loopback: boolean) => void
  /** Forgets the devices and networks whose budgets have refilled. */
  prune: () => void
}

/** What a phone's token came to (RemoteBackend.redeem). */
export type Redeemed = { session: RemoteSession, paired: boolean } | { refused: RemoteRefusal } | { unsaved: string }

/**
 * Redeems a phone's token against `keys`, the rules every remote backend
 * shares: a refused token is refused; a session is a session; a pairing code
 * is `keep`t as used (by the backend's own means: undefined once kept, else
 * why not), then refused if the presenter revoked every phone meanwhile, else
 * it opens a new session.
 */
export async function redeemWith(keys: RemoteKeys, token: string, keep: (pairing: { issuedAt: number, expiresAt: number, undo: () => void }) => Promise<{ refused: RemoteRefusal } | { unsaved: string } | undefined>): Promise<Redeemed> {
  const checked = keys.check(token)
  if ('refused' in checked)
    return checked
  if (checked.kind === 'session')
    return { session: { token, expiresAt: checked.expiresAt }, paired: false }
  const notKept = await keep(checked)
  if (notKept)
    return notKept
  // The presenter may have revoked every phone while the pairing was being kept: the code is refused then too.
  if (checked.issuedAt < keys.revokedBefore)
    return { refused: 'revoked' }
  return { session: keys.issue('session'), paired: true }
}

/** A phone's session: its token, and until when it holds. */
export interface RemoteSession { token: string, expiresAt: number }

/** The phone remote's tokens: pairing codes used once, sessions, and the presenter's revocation of every phone. */
export interface RemoteBackend {
  /** A new pairing code for the presenter's dialog. */
  pairingCode: () => RemoteSession
  /**
   * What a phone's token opens: a session it had (`paired` false), or, for a
   * pairing code used for the first time, a new session (`paired` true), once
   * the code is kept as used (so no other phone, nor this one after a restart,
   * uses it again); else why it is refused, or `unsaved` when the code could
   * not be kept as used (it is good again).
   */
  redeem: (token: string) => Promise<Redeemed>
  /** Refuses every token issued until now, at once; resolves once that is kept (`unsaved`: why it is not). */
  revoke: () => Promise<{ unsaved?: string }>
  /** Hears a revocation made other than by `revoke` here (another instance's): the phones paired here are dropped too. */
  onRevoke: (listener: () => void) => void
}

/**
 * The presenter's timer as this process holds it: running or not, its time
 * (`elapsed`, ms) at `at`, a time on this process' own clock (Date.now()).
 * A running timer has gone on since: `clockNow`.
 */
export interface PaceClock {
  running: boolean
  elapsed: number
  at: number
}

/** The timer's time at `now` (on the clock `at` is on): a running one has gone on since `at`. */
export function clockNow(clock: PaceClock, now: number): { running: boolean, elapsed: number } {
  return { running: clock.running, elapsed: clock.elapsed + (clock.running ? Math.max(0, now - clock.at) : 0) }
}

/**
 * The talk's pace (./hub-pace.ts): the presenter's timer, and the rehearsals
 * the presenter saved, the last of which is the plan. Both are the talk's:
 * every instance hears the timer set and a rehearsal saved on any of them.
 */
export interface PaceBackend {
  /** The presenter's timer as last set, on this process' clock; undefined until a presenter has sent one. */
  clock: () => PaceClock | undefined
  /** The presenter's timer is `running` with `elapsed` ms now: this instance's listeners hear it at once, the others' as it reaches them. */
  setClock: (running: boolean, elapsed: number) => void
  /** Hears the timer set, on this instance or another. */
  onClock: (listener: (clock: PaceClock) => void) => void
  /** The last rehearsal this instance knows of: the phones' plan. */
  rehearsal: () => Rehearsal | undefined
  /** The talk's last rehearsal, read where it is kept; rejects when it cannot be read. */
  last: () => Promise<Rehearsal | undefined>
  /** Keeps `rehearsal` as the talk's latest; resolves once it is kept, rejects with `NotSaved` (why, for the deck) when it is not. */
  save: (rehearsal: Rehearsal) => Promise<void>
  /** Hears a rehearsal once it is kept, saved through this instance or another. */
  onRehearsal: (listener: (rehearsal: Rehearsal) => void) => void
  /** Where rehearsals are kept, for the log. */
  readonly where: string
}

/** What a deck is told when a server without a data directory is asked to save a rehearsal. */
export const NO_DATA_DIR = 'not saved: this server keeps no data directory (start it with --data DIR).'

/**
 * The pace in this process: the timer in memory, the rehearsals in the data
 * directory's `rehearsals.jsonl` (./rehearsals.ts: saved once written and
 * fdatasynced); without a data directory a save is refused.
 */
export class EmbeddedPace implements PaceBackend {
  protected held: PaceClock | undefined
  protected latest: Rehearsal | undefined
  protected readonly clockListeners: Array<(clock: PaceClock) => void> = []
  protected readonly rehearsalListeners: Array<(rehearsal: Rehearsal) => void> = []

  constructor(private readonly file?: RehearsalFile, rehearsal?: Rehearsal, protected readonly now: () => number = Date.now) {
    this.latest = rehearsal
  }

  /** The pace of `file`'s data directory, its last rehearsal read first (one that cannot be read is logged: the phones' pace follows the slides until one is saved). */
  static async open(file: RehearsalFile | undefined, log: (line: string) => void = () => {}): Promise<EmbeddedPace> {
    const last = await file?.last().catch((error: unknown) => {
      log(`could not read the rehearsals in ${file.file}: ${(error as Error).message}; the phone remote's pace follows the slides until one is saved`)
      return undefined
    })
    return new EmbeddedPace(file, last)
  }

  get where(): string {
    return this.file ? this.file.file : 'nowhere (no data directory)'
  }

  clock(): PaceClock | undefined {
    return this.held
  }

  setClock(running: boolean, elapsed: number): void {
    this.hold({ running, elapsed, at: this.now() })
  }

  onClock(listener: (clock: PaceClock) => void): void {
    this.clockListeners.push(listener)
  }

  rehearsal(): Rehearsal | undefined {
    return this.latest
  }

  async last(): Promise<Rehearsal | undefined> {
    return this.file ? this.file.last() : undefined
  }

  async save(rehearsal: Rehearsal): Promise<void> {
    if (!this.file)
      throw new NotSaved(NO_DATA_DIR)
    const checked = checkRehearsal(rehearsal)
    if (!checked.ok)
      throw new NotSaved(`not saved: ${checked.reason}`)
    await this.file.save(checked.rehearsal)
    this.take(checked.rehearsal)
  }

  onRehearsal(listener: (rehearsal: Rehearsal) => void): void {
    this.rehearsalListeners.push(listener)
  }

  /** The timer is `clock` now: every listener hears it. */
  protected hold(clock: PaceClock): void {
    this.held = clock
    for (const listener of this.clockListeners)
      listener(clock)
  }

  /** `rehearsal` is the plan now: every listener hears it. */
  protected take(rehearsal: Rehearsal): void {
    this.latest = rehearsal
    for (const listener of this.rehearsalListeners)
      listener(rehearsal)
  }
}

/**
 * The position in this process: a move is heard at once by this process'
 * decks. A shared backend (./backend-redis.ts) builds on it: its decks hear a
 * move here first, and the moves it hears from elsewhere through `adopt`.
 */
export class EmbeddedPosition implements PositionBackend {
  protected latest: Move | undefined
  protected started: number | undefined
  private readonly listeners: Array<(move: Move, origin: object | undefined) => void> = []

  current(): Move | undefined {
    return this.latest
  }

  startedAt(): number | undefined {
    return this.started
  }

  move(position: Position, by?: 'remote', origin?: object): boolean {
    if (this.latest && samePosition(this.latest.position, position))
      return false
    this.started ??= Date.now()
    return this.adopt({ position, seq: (this.latest?.seq ?? 0) + 1, ...(by ? { by } : {}) }, origin)
  }

  onMove(listener: (move: Move, origin: object | undefined) => void): void {
    this.listeners.push(listener)
  }

  /** Takes a move numbered after the latest (an older one is old news: false); every listener hears it. */
  protected adopt(move: Move, origin: object | undefined): boolean {
    if (this.latest && move.seq <= this.latest.seq)
      return false
    this.latest = move
    for (const listener of this.listeners)
      listener(move, origin)
    return true
  }
}

/** One instance: the talk's audience is this process'. */
export class EmbeddedAudience implements AudienceBackend {
  private count = 0

  report(count: number): void {
    this.count = count
  }

  total(): number {
    return this.count
  }

  onChange(): void {}
}

/** The wrong secrets' budget of this process (./auth.ts). */
export class EmbeddedGuesses implements GuessBudget {
  constructor(private readonly limiter: GuessLimiter) {}

  fail(network: string): Promise<number> {
    return Promise.resolve(this.limiter.fail(network))
  }

  prune(): void {
    void this.limiter.size
  }
}

/** The budgets of this process: the questions' and the polls' limiters. */
export class EmbeddedBudgets implements RateBudgets {
  constructor(private readonly questions: QuestionLimiter, private readonly polls: PollLimiter) {}

  take(kind: RateKind, device: string, network: string, loopback: boolean): Promise<Limited | undefined> {
    if (kind !== 'vote')
      return Promise.resolve(this.questions.take(kind, device, network, loopback))
    const wait = this.polls.take(device, network, loopback)
    return Promise.resolve(wait > 0 ? { by: 'device', wait } : undefined)
  }

  refund(kind: RateKind, device: string, network: string, loopback: boolean): void {
    if (kind === 'vote')
      this.polls.refund(device, network, loopback)
    else
      this.questions.refund(kind, device, network, loopback)
  }

  prune(): void {
    this.questions.prune()
    this.polls.prune()
  }
}

/**
 * The polls in this process (./polls.ts), each change saved with `save` (the
 * data directory's journal: resolves once it is on disk) before it is
 * answered; without `save`, kept in memory until the server stops.
 */
export class EmbeddedPolls implements PollsBackend {
  private readonly listeners: Array<(result: PollResult) => void> = []

  constructor(readonly board: PollBoard, private readonly save?: (event: PollEvent) => Promise<void>) {}

  list(): PollView[] {
    return this.board.list()
  }

  result(poll: string): PollResult | undefined {
    return this.board.result(poll)
  }

  vote(device: string, poll: string, option: number): Promise<Outcome<{ result: PollResult }>> {
    return this.keep(poll, this.board.vote(device, poll, option))
  }

  setOpen(poll: string, open: boolean): Promise<Outcome<{ result: PollResult }>> {
    return this.keep(poll, this.board.setOpen(poll, open))
  }

  onResult(listener: (result: PollResult) => void): void {
    this.listeners.push(listener)
  }

  /** Applied already by the board: saved, or undone when it cannot be. */
  private async keep(poll: string, change: { event?: PollEvent, undo?: () => void, result: PollResult } | { refused: string, code: RefusalCode }): Promise<Outcome<{ result: PollResult }>> {
    if ('refused' in change)
      return change
    const { event, undo, result } = change
    if (!event || !undo)
      return { result, changed: false }
    try {
      await this.save?.(event)
      // The latest counts: other votes may have been saved meanwhile.
      return { result: this.board.result(poll) ?? result, changed: true }
    }
    catch (error) {
      undo()
      // Once every change refused with this one is undone: the counts heard then are true.
      setImmediate(() => {
        const now = this.board.result(poll)!
        for (const listener of this.listeners)
          listener(now)
      })
      return { unsaved: (error as Error).message }
    }
  }
}

/**
 * The questions in this process (./questions.ts), each change saved with
 * `save` (questions.jsonl) before it is answered; without `save`, kept in
 * memory until the server stops.
 */
export class EmbeddedQuestions implements QuestionsBackend {
  private readonly listeners: Array<(change: QuestionChange) => void> = []

  constructor(readonly board: QuestionBoard, private readonly save?: (event: QuestionEvent) => Promise<void>) {}

  list(presenter: boolean, limit?: number): QuestionView[] {
    return this.board.list(presenter, limit)
  }

  visible(): number {
    return this.board.visible
  }

  ask(device: string, text: string, slide?: number): Promise<Outcome<{ question: QuestionState }>> {
    return this.keep(this.board.ask(device, text, slide))
  }

  upvote(device: string, id: number): Promise<Outcome<{ question: QuestionState }>> {
    return this.keep(this.board.upvote(device, id))
  }

  moderate(id: number, action: Moderation): Promise<Outcome<{ question: QuestionState }>> {
    return this.keep(this.board.moderate(id, action))
  }

  exported(): ExportedQuestion[] {
    return exportQuestions(this.board.questions.values())
  }

  onChange(listener: (change: QuestionChange) => void): void {
    this.listeners.push(listener)
  }

  /** Applied already by the board: saved, or undone when it cannot be. */
  private async keep(change: Partial<Change<QuestionEvent, Question>> & { question: Question } | { refused: string, code: RefusalCode }): Promise<Outcome<{ question: QuestionState }>> {
    if ('refused' in change)
      return change
    const { event, undo, question } = change
    if (!event || !undo)
      return { question, changed: false }
    try {
      await this.save?.(event)
      change.saved?.()
      return { question, changed: true }
    }
    catch (error) {
      undo()
      // A change to a question the decks know: they may have been sent it with this change (another one went out
      // meanwhile), so they hear the question again as it is, once every change refused with it is undone. A
      // question never saved was never sent.
      if (event.e !== 'asked') {
        setImmediate(() => {
          for (const listener of this.listeners)
            listener({ question, justHidden: false, whole: true })
        })
      }
      return { unsaved: (error as Error).message }
    }
  }
}

/**
 * The phone remote's tokens in this process (./remote.ts), the codes used and
 * the revocation saved with `save` (remote.json) before they are answered;
 * without `save`, they hold until the server stops.
 */
export class EmbeddedRemote implements RemoteBackend {
  constructor(readonly keys: RemoteKeys, private readonly save?: () => Promise<void>) {}

  pairingCode(): RemoteSession {
    return this.keys.issue('pair')
  }

  redeem(token: string): Promise<Redeemed> {
    // Used once, and that is saved before the phone is told it is paired: a restart does not make the code good again.
    return redeemWith(this.keys, token, async (pairing) => {
      try {
        await this.save?.()
        return undefined
      }
      catch (error) {
        pairing.undo()
        return { unsaved: (error as Error).message }
      }
    })
  }

  async revoke(): Promise<{ unsaved?: string }> {
    this.keys.revoke()
    try {
      await this.save?.()
      return {}
    }
    catch (error) {
      return { unsaved: (error as Error).message }
    }
  }

  onRevoke(): void {}
}
