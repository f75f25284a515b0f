/**
 * The live side of the polls, filled only on a deck that `npm run serve`
 * served (setup/sync/poll-panel.ts sets it from the sync channel). Everywhere
 * else (a static host, the PDFs, the reader edition) it stays as it starts:
 * not hosted, no results, and ./Poll.vue shows the question and its options
 * with a line saying the poll is live only in the hosted talk. Plain Vue
 * reactivity, nothing from Slidev, so the reader's server renderer can load it.
 */
import { reactive } from 'vue'

export interface LiveResult {
  open: boolean
  counts: number[]
}

export interface PollLive {
  /** The deck came from `npm run serve`: the sync channel is there. */
  hosted: boolean
  /** Who this deck is on the channel: the presenter sees results and closes polls, the audience votes. */
  role: 'audience' | 'presenter' | 'none'
  /** Each poll's results, by id, as the server last said. */
  results: Record<string, LiveResult>
  /** This device's vote in each poll (an option's index), as the server confirmed it. */
  mine: Record<string, number>
  /** Sends a vote; false when the channel is not open. Set by the sync layer. */
  vote?: (poll: string, option: number) => boolean
}

export const pollLive: PollLive = reactive({ hosted: false, role: 'none', results: {}, mine: {} })
