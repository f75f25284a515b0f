/**
 * The hosted deck's state, in one reactive store: the channel's status, the
 * view the deck shows, the audience's questions, the polls and the phone
 * remote. The sync channel (./socket-sync.ts) writes what the server says
 * into it; the panels (./HostedLayer.vue and its parts) and the slides'
 * <Poll> (components/Poll.vue, through components/live-polls.ts) read it and
 * act through it. Nothing here touches the page: the store and its rules are
 * tested on their own (./store.test.ts).
 */
import type { LivePolls, PanelRole } from '../../components/live-polls'
import type { Moderation, PollView, QuestionView } from '../../shared/sync-protocol'
import type { PollMessage, QuestionMessage, RemotesMessage, SocketSync, SocketSyncOptions, SyncStatus } from './socket-sync'
import { reactive } from 'vue'

/** Where the deck is: the route's name (`play`, `presenter`, …), and Slidev's print mode (`?print`). */
export interface View {
  route: string
  printing: boolean
}

/** A line a panel says, and whether it is a problem (shown as one). */
export interface Note {
  text: string
  problem: boolean
}

/** What the store sends through the channel (the sync's own sends: each is false when the channel is not open). */
export type HostedActions = Pick<SocketSync, 'ask' | 'upvote' | 'moderate' | 'vote' | 'setPollOpen' | 'pairRemote' | 'revokeRemotes' | 'backToLive'> & {
  /** Where this device remembers its upvotes and votes (localStorage in the deck). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>
  now?: () => number
}

export interface HostedState {
  status: SyncStatus
  view: View
  /** The slide the deck shows; undefined off the slides. */
  page: number | undefined
  questions: {
    byId: Map<number, QuestionView>
    /** How many the audience can see, when the server sent only the top of the list. */
    total: number | undefined
    /** The questions this device upvoted, as the server confirmed. */
    voted: Set<number>
    /** Upvotes sent, not yet answered. */
    pending: Set<number>
    /** A question sent, not yet answered. */
    asking: boolean
    /** Bumped when a question is saved: the field empties. */
    asked: number
    note: Note | undefined
  }
  polls: {
    byId: Record<string, PollView>
    mine: Record<string, number>
    notes: Record<string, Note>
  }
  remotes: {
    count: number
    /** The pairing code shown, and when it expires (on this device's clock). */
    code: { token: string, expiresAt: number } | undefined
    /** The code shown paired a phone: it is spent. */
    used: boolean
    /** A revocation sent, the count not heard back yet. */
    revoking: boolean
    note: string | undefined
  }
}

const VOTED_KEY = 'deck-questions-voted'
const MINE_KEY = 'deck-poll-votes'
const NOT_CONNECTED = 'Not connected: try again in a moment.'

/**
 * Who the panels serve on this deck: the audience on the slides, the
 * presenter on the presenter view once the secret is proved, nobody on paper,
 * off the slides, or on a presenter view without the secret.
 */
export function panelRole(status: SyncStatus, view: View): PanelRole {
  if (view.printing)
    return 'none'
  if (view.route === 'presenter')
    return status.role === 'presenter' ? 'presenter' : 'none'
  return view.route === 'play' ? 'audience' : 'none'
}

/** The poll on slide `page`, if it has one. */
export function pollOnSlide(polls: Iterable<PollView>, page: number | undefined): PollView | undefined {
  return page === undefined ? undefined : [...polls].find(poll => poll.slide === page)
}

function readStored<T>(storage: HostedActions['storage'], key: string, fallback: T): T {
  try {
    return JSON.parse(storage?.getItem(key) ?? 'null') as T ?? fallback
  }
  catch {
    return fallback
  }
}

function store(storage: HostedActions['storage'], key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value))
  }
  catch {}
}

/** Keeps `total` right as questions come (one not listed yet is new to the room) and go. */
function recount(questions: HostedState['questions'], id: number, change: 1 | -1): void {
  if (questions.total !== undefined && (change === -1 || !questions.byId.has(id)))
    questions.total = Math.max(0, questions.total + change)
}

/** What the server says about questions, into the state. */
export function receiveQuestions(questions: HostedState['questions'], message: QuestionMessage, storage?: HostedActions['storage']): void {
  const remember = (id: number): void => {
    questions.voted.add(id)
    store(storage, VOTED_KEY, [...questions.voted].slice(-2000))
  }
  switch (message.t) {
    case 'questions':
      // A new list (on connecting, or the presenter's with the hidden ones).
      questions.byId.clear()
      for (const question of message.questions)
        questions.byId.set(question.id, question)
      questions.total = message.total
      break
    case 'question':
      recount(questions, message.question.id, 1)
      questions.byId.set(message.question.id, message.question)
      break
    case 'question-gone':
      recount(questions, message.id, -1)
      questions.byId.delete(message.id)
      break
    case 'question-changes':
      // Several changes the server held together (a busy room): a question that only gained upvotes comes as its id and count.
      for (const question of message.questions) {
        recount(questions, question.id, 1)
        questions.byId.set(question.id, question)
      }
      for (const [id, votes] of message.votes) {
        const known = questions.byId.get(id)
        if (known)
          questions.byId.set(id, { ...known, votes })
      }
      for (const id of message.gone) {
        recount(questions, id, -1)
        questions.byId.delete(id)
      }
      break
    case 'upvoted':
      questions.pending.delete(message.id)
      remember(message.id)
      break
    case 'asked':
      questions.asking = false
      questions.asked++
      questions.note = { text: 'Sent. Thank you!', problem: false }
      break
    case 'refused':
      if (message.id !== undefined && questions.pending.delete(message.id) && message.code === 'already-upvoted') {
        // Upvoted before, from this device: the server has it saved.
        remember(message.id)
        break
      }
      if (message.id === undefined)
        questions.asking = false
      questions.note = { text: message.reason, problem: true }
      break
  }
}

/** What the server says about polls, into the state. */
export function receivePolls(polls: HostedState['polls'], message: PollMessage, storage?: HostedActions['storage']): void {
  switch (message.t) {
    case 'polls':
      polls.byId = Object.fromEntries(message.polls.map(poll => [poll.id, poll]))
      break
    case 'poll': {
      const poll = polls.byId[message.poll.id]
      if (poll)
        polls.byId[poll.id] = { ...poll, open: message.poll.open, counts: message.poll.counts }
      if (!message.poll.open)
        delete polls.notes[message.poll.id]
      break
    }
    case 'voted':
      polls.mine[message.poll] = message.option
      delete polls.notes[message.poll]
      store(storage, MINE_KEY, polls.mine)
      break
    case 'refused':
      if (message.poll)
        polls.notes[message.poll] = { text: message.reason, problem: true }
      break
  }
}

/** What the server tells the presenter about the phone remote, into the state. */
export function receiveRemotes(remotes: HostedState['remotes'], message: RemotesMessage, now: number): void {
  switch (message.t) {
    case 'refused':
      remotes.note = message.reason
      break
    case 'remotes':
      // The code shown was used: it paired a phone and is spent. (A phone back by its session changes the count only.)
      if (message.paired && remotes.code)
        remotes.used = true
      remotes.count = message.count
      remotes.revoking = false
      break
    case 'pairing':
      remotes.code = { token: message.token, expiresAt: now + message.expiresIn }
      remotes.used = false
      remotes.note = undefined
      break
  }
}

export type HostedStore = ReturnType<typeof createHostedStore>

/** The state before the channel has said anything, with this device's upvotes and votes as kept in `storage`. */
export function createHostedState(storage: HostedActions['storage']): HostedState {
  const voted = readStored<unknown[]>(storage, VOTED_KEY, [])
  const mine = readStored<Record<string, unknown>>(storage, MINE_KEY, {})
  return reactive({
    status: { connection: 'connecting', role: 'audience', following: false, browsing: false },
    view: { route: '', printing: false },
    page: undefined,
    questions: {
      byId: new Map(),
      total: undefined,
      voted: new Set(Array.isArray(voted) ? voted.filter(id => typeof id === 'number') : []),
      pending: new Set(),
      asking: false,
      asked: 0,
      note: undefined,
    },
    polls: {
      byId: {},
      mine: Object.fromEntries(Object.entries(mine ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === 'number')),
      notes: {},
    },
    remotes: { count: 0, code: undefined, used: false, revoking: false, note: undefined },
  }) as HostedState
}

/**
 * The store over `state`: who the panels serve, the poll on the slide shown,
 * and what the panels and the slides do, sent through the channel's `actions`.
 * The channel writes what the server says into `state` with the `receive…`
 * functions above.
 */
export function createHostedStore(state: HostedState, actions: HostedActions) {
  const now = actions.now ?? Date.now

  const hosted = {
    state,
    now,
    get role(): PanelRole {
      return panelRole(state.status, state.view)
    },
    /** The poll on the slide shown, if any. */
    get poll(): PollView | undefined {
      return pollOnSlide(Object.values(state.polls.byId), state.page)
    },
    backToLive: actions.backToLive,
    /** Sends a question (checked by the caller); false, with a note, when it cannot go now. */
    ask(text: string): boolean {
      if (state.questions.asking)
        return false
      if (!actions.ask(text)) {
        state.questions.note = { text: NOT_CONNECTED, problem: true }
        return false
      }
      state.questions.asking = true
      state.questions.note = { text: 'Sending…', problem: false }
      return true
    },
    /** A note the questions panel says (a question refused before it is sent). */
    sayAboutQuestions(note: Note): void {
      state.questions.note = note
    },
    upvote(id: number): void {
      const { voted, pending } = state.questions
      if (voted.has(id) || pending.has(id))
        return
      if (actions.upvote(id))
        pending.add(id)
      else
        state.questions.note = { text: NOT_CONNECTED, problem: true }
    },
    moderate: (id: number, action: Moderation): boolean => actions.moderate(id, action),
    vote(poll: string, option: number): void {
      if (!actions.vote(poll, option))
        state.polls.notes[poll] = { text: 'Not connected: your vote was not sent. Try again in a moment.', problem: true }
    },
    setPollOpen: (poll: string, open: boolean): boolean => actions.setPollOpen(poll, open),
    /** Asks for a fresh pairing code: the one shown goes. */
    requestCode(): void {
      state.remotes.code = undefined
      state.remotes.used = false
      state.remotes.note = actions.pairRemote() ? undefined : 'Not connected to the server: press New code in a moment.'
    },
    /** Unpairs every phone; the code shown was issued before, and is refused now too: a fresh one is asked for. */
    revokeRemotes(): boolean {
      if (!actions.revokeRemotes())
        return false
      hosted.requestCode()
      state.remotes.revoking = true
      return true
    },
  }
  // What a slide's <Poll> reads: the same state, not a copy.
  const live: LivePolls = {
    get role() {
      return hosted.role
    },
    get polls() {
      return state.polls.byId
    },
    get mine() {
      return state.polls.mine
    },
    vote: hosted.vote,
  }
  return Object.assign(hosted, { live })
}

/** What the sync channel tells, written into `state`: its status, the questions, the polls and the phone remote (the deck's and the audience page's channel alike). */
export function receiversOf(state: HostedState, storage?: HostedActions['storage']): Pick<SocketSyncOptions, 'onStatus' | 'onQuestions' | 'onPolls' | 'onRemotes'> {
  return {
    onStatus: (status) => {
      state.status = status
    },
    onQuestions: message => receiveQuestions(state.questions, message, storage),
    onPolls: message => receivePolls(state.polls, message, storage),
    onRemotes: message => receiveRemotes(state.remotes, message, Date.now()),
  }
}
