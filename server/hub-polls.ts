/**
 * The audience's polls on the channel (./hub-feature.ts; the rules are the
 * board's, ./polls.ts, kept by a polls backend, ./backend.ts): a vote from a
 * device, or the presenter closing or reopening a poll. A vote is answered
 * "voted", and every deck hears the new results, once it is kept; results are
 * held together in a busy room (./coalesce.ts): the first change after a
 * quiet spell goes at once, later ones at most once a window.
 */
import type { ClientMessage, PollResult, RefusalCode } from '../shared/sync-protocol'
import type { Outcome, PollsBackend, RateBudgets } from './backend'
import type { Feature, Peer, Room } from './hub-feature'
import { Coalescer } from './coalesce'

export interface PollsOptions {
  /** The deck's polls and their votes; without them every vote is refused. */
  backend?: PollsBackend
  /** The audience's budgets; without them nothing is limited. */
  budgets?: RateBudgets
  /** After a poll's results go to every deck, further changes are held this long and sent together. */
  windowMs: number
}

export class Polls implements Feature<'vote' | 'poll-open'> {
  readonly handles = ['vote', 'poll-open'] as const
  private readonly results: Coalescer<string, PollResult>

  constructor(private readonly room: Room, private readonly options: PollsOptions) {
    this.results = new Coalescer(options.windowMs, (changes) => {
      for (const poll of changes.values())
        this.room.broadcast({ t: 'poll', poll }, () => true)
    })
    options.backend?.onResult(result => this.results.add(result.id, result))
  }

  /** Every poll of the deck with its results, on connecting (nothing when the deck has none). */
  joined(peer: Peer): void {
    const polls = this.options.backend?.list() ?? []
    if (polls.length > 0)
      this.room.send(peer, { t: 'polls', polls })
  }

  close(): void {
    this.results.close()
  }

  receive(peer: Peer, message: Extract<ClientMessage, { t: 'vote' | 'poll-open' }>): void {
    const backend = this.options.backend
    const refuse = (code: RefusalCode, reason: string) => this.room.send(peer, { t: 'refused', code, reason, about: 'polls', poll: message.poll })
    if (!backend)
      return refuse('not-offered', 'this server takes no votes')
    if (message.t === 'poll-open') {
      if (!peer.presenter) {
        refuse('not-presenter', 'only the presenter closes and reopens polls')
        return this.room.strike(peer, 'poll-open without the secret')
      }
      // Closed or reopened: every deck hears it now, with the latest count.
      return this.answer(backend.setOpen(message.poll, message.open), () => {}, refuse, true)
    }
    peer.device ??= message.device
    if (peer.device !== message.device) {
      refuse('one-device', 'one device id per connection')
      return this.room.strike(peer, 'a second device id on one connection')
    }
    const budgets = this.options.budgets
    const limited = budgets ? budgets.take('vote', message.device, peer.network, peer.loopback) : Promise.resolve(undefined)
    void limited.then((limit) => {
      if (limit) {
        this.room.logLine('limited votes', `refused a vote from ${peer.address}: over the limit`)
        return refuse('too-many', `Too many votes from this device or network: try again in ${Math.ceil(limit.wait / 1000)} s`)
      }
      const voted = () => this.room.send(peer, { t: 'voted', poll: message.poll, option: message.option })
      // Not kept, it took nothing from the budgets: "try again" means it.
      this.answer(backend.vote(message.device, message.poll, message.option), voted, (code, reason) => {
        if (code === 'not-saved')
          budgets?.refund('vote', message.device, peer.network, peer.loopback)
        refuse(code, reason)
      })
    }, (error: unknown) => {
      // The budgets cannot be counted (the shared store is away): refused as not kept, never taken uncounted.
      this.room.logLine('unsaved polls', `could not count the budget for a vote: ${(error as Error).message}`)
      refuse('not-saved', this.room.notSaved)
    })
  }

  /**
   * Once a change is kept: `done` (the voter's answer), and every deck hears
   * the results (`urgent`: at once, outside the window), after the answers to
   * every vote kept with it: a room's results go to a thousand decks, which
   * must not hold up the voters' answers. Nothing changed: `done` alone.
   * Refused, or not kept (undone by the backend), the deck is told.
   */
  private answer(outcome: Promise<Outcome<{ result: PollResult }>>, done: () => void, refuse: (code: RefusalCode, reason: string) => void, urgent = false): void {
    void outcome.then((taken) => {
      if ('refused' in taken)
        return refuse(taken.code, taken.refused)
      if ('unsaved' in taken) {
        this.room.logLine('unsaved polls', `could not save the polls' change: ${taken.unsaved}`)
        return refuse('not-saved', this.room.notSaved)
      }
      done()
      if (taken.changed) {
        const result = taken.result
        setImmediate(() => {
          this.results.add(result.id, result)
          if (urgent)
            this.results.flushNow()
        })
      }
    })
  }
}
