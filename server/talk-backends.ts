/**
 * Where a hosted talk keeps its state (./backend.ts), chosen once at start:
 * embedded (this process, and the data directory's journals when there is
 * one: the default) or Redis (`--redis URL`: every instance of the talk
 * shares it). The hub and the exports see only the backends.
 */
import type { AudienceBackend, GuessBudget, PaceBackend, PollsBackend, PositionBackend, QuestionsBackend, RateBudgets, RemoteBackend } from './backend'
import type { PollDefinition, PollEvent, PollLimits } from './polls'
import type { QuestionEvent, QuestionLimits } from './questions'
import type { DataDir } from './redis-import'
import type { JournalOptions } from './store'
import { GuessLimiter } from './auth'
import { EmbeddedBudgets, EmbeddedGuesses, EmbeddedPace, EmbeddedPolls, EmbeddedQuestions, EmbeddedRemote } from './backend'
import { redactedUrl, RedisAudience, RedisBudgets, RedisGuesses, RedisPolls, RedisPosition, RedisRemote, RedisTalk } from './backend-redis'
import { NOT_SHARED_REASON, RedisPace } from './backend-redis-pace'
import { RedisQuestions } from './backend-redis-questions'
import { lockDataDir } from './data-lock'
import { NOT_SAVED } from './hub-feature'
import { PollBoard, PollLimiter, readPollEvent } from './polls'
import { QuestionBoard, QuestionLimiter, readEvent } from './questions'
import { importDataDir } from './redis-import'
import { RehearsalFile } from './rehearsals'
import { readRemoteState, RemoteKeys, RemoteStateFile } from './remote'
import { Journal, POLLS_FILE, QUESTIONS_FILE } from './store'

/** What a deck is told when its question, upvote, vote or rehearsal could not be kept in Redis. */
export const NOT_SHARED = `Not saved: ${NOT_SHARED_REASON}`

export interface TalkBackends {
  position?: PositionBackend
  audienceCount?: AudienceBackend
  guesses: GuessBudget
  questions: QuestionsBackend
  polls: PollsBackend
  budgets: RateBudgets
  remote: RemoteBackend
  /** The presenter's timer and the rehearsals. */
  pace: PaceBackend
  /** What a deck is told when what it sent could not be kept. */
  notSaved: string
  /** Where the room's questions and votes are kept, for the start-up banner. */
  where: string
  /**
   * Tells the hub of the stores' health: `saving` when a store cannot save
   * (the disk), `shared` when the talk's shared store cannot be reached.
   */
  watch: (hub: { setSaving: (store: string, problem: string | undefined) => void, setShared: (problem: string | undefined) => void }) => void
  /** Closes the stores (once the hub is closed): what is held is written, the data directory freed. */
  close: () => Promise<void>
}

export interface BackendOptions {
  secret: string
  polls: readonly PollDefinition[]
  questionLimits?: Partial<QuestionLimits>
  pollLimits?: Partial<PollLimits>
  limiter?: GuessLimiter
  log: (line: string) => void
}

export interface EmbeddedOptions extends BackendOptions {
  /** The data directory; without it everything is kept in memory until the server stops. */
  dataDir?: string
  journalFiles?: JournalOptions<unknown>['files']
  compactBytes?: number
}

/** The two journals of a data directory, once opened into their boards. */
export interface OpenedJournals {
  questions: Journal<QuestionEvent>
  polls: Journal<PollEvent>
}

/**
 * Opens the data directory's questions and polls journals into `questions`
 * and `polls` (boards with nothing in them yet): each snapshot restored, each
 * journal replayed, a line saying what was read logged for each. Closes what
 * it opened when the second cannot be opened.
 */
export async function openJournals(questions: QuestionBoard, polls: PollBoard, options: { dir: string, log: (line: string) => void, files?: JournalOptions<unknown>['files'], compactBytes?: number }): Promise<OpenedJournals> {
  const journal = { dir: options.dir, log: options.log, files: options.files, compactBytes: options.compactBytes }
  const openedQuestions = await Journal.open<QuestionEvent>({ ...journal, name: QUESTIONS_FILE, what: 'questions', read: readEvent, restore: state => questions.restore(state), apply: event => questions.apply(event), snapshot: () => questions.snapshot() })
  const store = openedQuestions.journal
  options.log(`questions: ${questions.questions.size} from ${store.file}${openedQuestions.opened.fromSnapshot ? ' and its snapshot' : ''} (${openedQuestions.opened.replayed} events replayed)`)
  try {
    const openedPolls = await Journal.open<PollEvent>({ ...journal, name: POLLS_FILE, what: 'poll votes', read: readPollEvent, restore: (state, report) => polls.restore(state, report), apply: event => polls.apply(event), snapshot: () => polls.snapshot() })
    const pollStore = openedPolls.journal
    options.log(`polls: ${polls.polls.size} in the deck, ${openedPolls.opened.replayed} events replayed from ${pollStore.file}${openedPolls.opened.fromSnapshot ? ' and its snapshot' : ''}`)
    return { questions: store, polls: pollStore }
  }
  catch (error) {
    await store.close()
    throw error
  }
}

/** This process alone: the boards in memory, saved to the data directory's journals (./store.ts) when there is one. */
export async function embeddedBackends(options: EmbeddedOptions): Promise<TalkBackends & DataDir> {
  const { log } = options
  // One server per data directory: taken before anything in it is read (./data-lock.ts).
  const lock = options.dataDir === undefined ? undefined : await lockDataDir(options.dataDir, log)
  const questions = new QuestionBoard()
  const polls = new PollBoard(options.polls)
  let store: Journal<QuestionEvent> | undefined
  let pollStore: Journal<PollEvent> | undefined
  let remoteFile: RemoteStateFile | undefined
  let remoteKeys = new RemoteKeys({ secret: options.secret })
  try {
    if (options.dataDir !== undefined) {
      const opened = await openJournals(questions, polls, { dir: options.dataDir, log, files: options.journalFiles, compactBytes: options.compactBytes })
      store = opened.questions
      pollStore = opened.polls
      remoteKeys = new RemoteKeys({ secret: options.secret, state: await readRemoteState(options.dataDir, log) })
      remoteFile = new RemoteStateFile(options.dataDir, remoteKeys, log)
    }
  }
  catch (error) {
    await store?.close()
    await lock?.release()
    throw error
  }
  return {
    questionBoard: questions,
    pollBoard: polls,
    remoteKeys,
    guesses: new EmbeddedGuesses(options.limiter ?? new GuessLimiter()),
    questions: new EmbeddedQuestions(questions, store && (event => store.append(event))),
    polls: new EmbeddedPolls(polls, pollStore && (event => pollStore.append(event))),
    budgets: new EmbeddedBudgets(new QuestionLimiter(options.questionLimits), new PollLimiter(options.pollLimits)),
    // Without a data directory the pairing codes used and the revocation hold until the server stops.
    remote: new EmbeddedRemote(remoteKeys, remoteFile && (() => remoteFile.save())),
    // Without one, no rehearsal is saved.
    pace: await EmbeddedPace.open(options.dataDir === undefined ? undefined : new RehearsalFile(options.dataDir), log),
    notSaved: NOT_SAVED,
    where: store ? `saved in ${store.file}` : 'NOT saved (kept in memory until the server stops)',
    watch: (hub) => {
      store?.onHealth(problem => hub.setSaving('questions', problem))
      pollStore?.onHealth(problem => hub.setSaving('polls', problem))
      remoteFile?.onHealth(problem => hub.setSaving('remote', problem))
    },
    close: async () => {
      await store?.close()
      await pollStore?.close()
      await remoteFile?.settled()
      await lock?.release()
    },
  }
}

export interface RedisOptions extends BackendOptions {
  /** redis://host:6379/0 */
  url: string
  /** The talk's name: its keys are `deck:NAME:…`, shared by every instance given the same name. */
  talk: string
  /** A data directory of the embedded server to take into the talk first, once (./redis-import.ts). */
  importDir?: string
}

/** Every instance of the talk on one Redis (./backend-redis.ts); rejects when Redis cannot be reached at start. */
export async function redisBackends(options: RedisOptions): Promise<TalkBackends & { talk: RedisTalk }> {
  const { log } = options
  const talk = await RedisTalk.connect(options.url, options.talk, log)
  try {
    if (options.importDir !== undefined) {
      const embedded = await embeddedBackends({ ...options, dataDir: options.importDir })
      try {
        const imported = await importDataDir(talk, options.importDir, embedded, options)
        log(`import: ${imported.questions} questions (${imported.upvotes} upvotes), ${imported.votes} votes in ${imported.polls} polls and ${imported.rehearsals} rehearsals from ${options.importDir} into the talk "${options.talk}"`)
      }
      finally {
        await embedded.close()
      }
    }
    const audience = await RedisAudience.open(talk, log)
    const backends = {
      talk,
      position: await RedisPosition.open(talk, log),
      audienceCount: audience,
      guesses: new RedisGuesses(talk),
      questions: await RedisQuestions.open(talk, log),
      polls: await RedisPolls.open(talk, options.polls),
      budgets: new RedisBudgets(talk, options.questionLimits, options.pollLimits, log),
      // Every instance signs with the key from the same secret: a phone's session from one is good on another.
      remote: await RedisRemote.open(talk, new RemoteKeys({ secret: options.secret }), log),
      pace: await RedisPace.open(talk, log),
      notSaved: NOT_SHARED,
      where: `in Redis (${redactedUrl(options.url)}), talk "${options.talk}"`,
      watch: (hub: Parameters<TalkBackends['watch']>[0]) => talk.onHealth(problem => hub.setShared(problem)),
      close: async () => {
        audience.close()
        await talk.close()
      },
    }
    return backends
  }
  catch (error) {
    await talk.close()
    throw error
  }
}
