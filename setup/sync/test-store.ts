/** The hosted store for the panels' tests (./*.test.ts): real, with the channel's sends recorded and a storage in memory. */
import type { PollMessage, QuestionMessage, RemotesMessage, SyncStatus } from './socket-sync'
import type { HostedActions, View } from './store'
import { vi } from 'vitest'
import { nextTick } from 'vue'
import { createHostedState, createHostedStore, receivePolls, receiveQuestions, receiveRemotes } from './store'

export const audience: SyncStatus = { connection: 'open', role: 'audience', following: true, browsing: false }
export const presenter: SyncStatus = { ...audience, role: 'presenter', following: false }
export const slides: View = { route: 'play', printing: false }
export const presenterView: View = { route: 'presenter', printing: false }

export function testStore(stored: Record<string, string> = {}, overrides: Partial<HostedActions> = {}) {
  const storage = new Map(Object.entries(stored))
  let now = 0
  const actions = {
    ask: vi.fn(() => true),
    upvote: vi.fn(() => true),
    moderate: vi.fn(() => true),
    vote: vi.fn(() => true),
    setPollOpen: vi.fn(() => true),
    pairRemote: vi.fn(() => true),
    revokeRemotes: vi.fn(() => true),
    backToLive: vi.fn(),
  }
  const kept: HostedActions['storage'] = { getItem: key => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) }
  const state = createHostedState(kept)
  const hosted = createHostedStore(state, { ...actions, storage: kept, now: () => now, ...overrides })
  /** What the server says, into the store, as ./connect.ts has the channel do it. */
  const receive = {
    questions: (message: QuestionMessage) => receiveQuestions(state.questions, message, kept),
    polls: (message: PollMessage) => receivePolls(state.polls, message, kept),
    remotes: (message: RemotesMessage) => receiveRemotes(state.remotes, message, now),
  }
  /** Where the deck is and what the channel says, as ./connect.ts sets them. */
  async function show(status: SyncStatus, view: View, page?: number): Promise<void> {
    hosted.state.status = status
    hosted.state.view = view
    hosted.state.page = page
    await nextTick()
  }
  return { hosted, actions, storage, show, receive, advance: (ms: number) => (now += ms) }
}
