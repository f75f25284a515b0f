/**
 * The audience's polls on the channel (./hub-feature.ts; the rules are the
 * board's, ./polls.ts): a vote from a device, or the presenter closing or
 * reopening a poll. A vote is answered "voted", and every deck hears the new
 * results, once it is saved; results are held together in a busy room
 * (./coalesce.ts): the first change after a quiet spell goes at once, later
 * ones at most once a window.
 */
import type { ClientMessage, PollResult } from '../shared/sync-protocol'
import type { Feature, Peer, Room } from './hub-feature'
import type { PollBoard, PollEvent, PollLimiter } from './polls'
import { Coalescer } from './coalesce'
import { NOT_SAVED } from './hub-feature'

export interface PollsOptions {
  /** The deck's polls; without a board every vote is refused. */
  board?: PollBoard
  limiter?: PollLimiter
  /** Saves a poll event: resolves once it is on disk. Without it, events are kept in memory only. */
  save?: (event: PollEvent) => Promise<void>
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
  }

  /** Every poll of the deck with its results, on connecting (nothing when the deck has none). */
  joined(peer: Peer): void {
    const polls = this.options.board?.list() ?? []
    if (polls.length > 0)
      this.room.send(peer, { t: 'polls', polls })
  }

  sweep(): void {
    this.options.limiter?.prune()
  }

  close(): void {
    this.results.close()
  }

  receive(peer: Peer, message: Extract<ClientMessage, { t: 'vote' | 'poll-open' }>): void {
    const board = this.options.board
    const refuse = (reason: string) => this.room.send(peer, { t: 'refused', reason, about: 'polls', poll: message.poll })
    if (!board)
      return refuse('this server takes no votes')
    if (message.t === 'poll-open') {
      if (!peer.presenter) {
        refuse('only the presenter closes and reopens polls')
        return this.room.strike(peer, 'poll-open without the secret')
      }
      const result = board.setOpen(message.poll, message.open)
      if ('refused' in result)
        return refuse(result.refused)
      // Closed or reopened: every deck hears it now, with the latest count.
      return this.save(board, message.poll, result, () => this.results.flushNow(), refuse)
    }
    peer.device ??= message.device
    if (peer.device !== message.device) {
      refuse('one device id per connection')
      return this.room.strike(peer, 'a second device id on one connection')
    }
    const wait = this.options.limiter?.take(message.device, peer.network, peer.loopback) ?? 0
    if (wait > 0) {
      this.room.logLine('limited votes', `refused a vote from ${peer.address}: over the limit`)
      return refuse(`Too many votes from this device or network: try again in ${Math.ceil(wait / 1000)} s`)
    }
    const result = board.vote(message.device, message.poll, message.option)
    if ('refused' in result)
      return refuse(result.refused)
    const voted = () => this.room.send(peer, { t: 'voted', poll: message.poll, option: message.option })
    // Not saved, it took nothing from the budgets: "try again" means it.
    this.save(board, message.poll, result, voted, (reason) => {
      this.options.limiter?.refund(message.device, peer.network, peer.loopback)
      refuse(reason)
    })
  }

  /**
   * Saves a change (nothing to save: `done` at once); once saved, `done` and
   * every deck hears the results. Not saved, it is undone, the decks get the
   * counts again (another change's results may have carried it out meanwhile)
   * and the deck is told.
   */
  private save(board: PollBoard, poll: string, change: { event?: PollEvent, undo?: () => void }, done: () => void, refuse: (reason: string) => void): void {
    const { event, undo } = change
    if (!event || !undo)
      return done()
    const save = this.options.save
    const results = () => this.results.add(poll, board.result(poll)!)
    this.room.saved(save && (() => save(event)), () => {
      results()
      done()
    }, () => {
      undo()
      // Once every change refused with this one is undone: the counts sent then are true.
      setImmediate(results)
      refuse(NOT_SAVED)
    }, 'polls')
  }
}
