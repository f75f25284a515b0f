/**
 * What a slide's <Poll> (./Poll.vue) reads of the hosted talk: the polls'
 * results, this device's votes and who this deck is, from the hosted deck's
 * store (setup/sync/store.ts). The deck provides an empty slot at start
 * (setup/sync/install.ts) that the hosted chunk fills once it has connected.
 * Everywhere else (a static host, the PDFs, the reader edition) nothing is
 * provided, and <Poll> shows the question and its options with a line saying
 * the poll is live only in the hosted talk. Types and a key, nothing from
 * Slidev, so the reader's server renderer can load it.
 */
import type { InjectionKey, ShallowRef } from 'vue'
import type { PollView } from '../shared/sync-protocol'

/** Who a deck is to the hosted panels: the audience votes and asks, the presenter moderates; nobody on paper or off the slides. */
export type PanelRole = 'audience' | 'presenter' | 'none'

export interface LivePolls {
  readonly role: PanelRole
  /** Each poll of the deck with its results, by id, as the server last said. */
  readonly polls: Readonly<Record<string, PollView>>
  /** This device's vote in each poll (an option's index), as the server confirmed it. */
  readonly mine: Readonly<Record<string, number>>
  /** Sends this device's vote (a note says so when it cannot). */
  vote: (poll: string, option: number) => void
}

export const LIVE_POLLS: InjectionKey<ShallowRef<LivePolls | undefined>> = Symbol('live-polls')
