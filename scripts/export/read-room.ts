/**
 * What `npm run export -- --room DIR` reads of a hosted talk. DIR is either
 * - the server's data directory (`npm run serve -- --data DIR`): its questions
 *   and polls journals and their snapshots, read by the server's own code
 *   (server/talk-backends.ts `openJournals`, server/store.ts) on a copy, so
 *   the directory is left as it is and a server still running on it is not
 *   disturbed (reading a journal may cut a torn last line, keep unreadable
 *   lines aside or write a snapshot);
 * - or a folder holding `questions.json` and `polls.json` as downloaded from
 *   the server's `api/` (read by server/questions.ts and server/polls.ts).
 * Either way the result is the server's export: every question with its
 * votes, state and slide, every poll with its votes per answer; no device id.
 */
import type { PollDefinition } from '../../server/polls'
import type { RoomData } from './room'
import { existsSync } from 'node:fs'
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exportPolls, PollBoard, readExportedPolls } from '../../server/polls'
import { exportQuestions, QuestionBoard, readExportedQuestions } from '../../server/questions'
import { POLLS_FILE, QUESTIONS_FILE, snapshotFile } from '../../server/store'
import { openJournals } from '../../server/talk-backends'

/** The files of a downloaded export, as api/ names them. */
export const DOWNLOADED = { questions: 'questions.json', polls: 'polls.json' } as const

/** The data directory's files the room's edition reads. */
export const JOURNAL_FILES = [QUESTIONS_FILE, snapshotFile(QUESTIONS_FILE), POLLS_FILE, snapshotFile(POLLS_FILE)] as const

export interface ReadRoom extends RoomData {
  /** What DIR was read as. */
  from: 'data directory' | 'downloaded export'
}

/** Reads DIR as a data directory or a downloaded export (see above); throws saying what DIR lacks or what is wrong in it. */
export async function readRoom(dir: string, polls: readonly PollDefinition[], log: (line: string) => void = () => {}): Promise<ReadRoom> {
  const downloaded = Object.values(DOWNLOADED).filter(name => existsSync(join(dir, name)))
  if (downloaded.length > 0)
    return { from: 'downloaded export', ...await readDownloaded(dir) }
  if (JOURNAL_FILES.some(name => existsSync(join(dir, name))))
    return { from: 'data directory', ...await readDataDir(dir, polls, log) }
  throw new Error(`${dir} holds neither the server's journals (${JOURNAL_FILES.join(', ')}) nor an export downloaded from api/ (${Object.values(DOWNLOADED).join(', ')})`)
}

async function readJson(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  }
  catch {
    throw new Error(`${file} is missing: download it from the server's api/ beside the other (docs/audience.md)`)
  }
  try {
    return JSON.parse(text)
  }
  catch {
    throw new Error(`${file} is not JSON`)
  }
}

async function readDownloaded(dir: string): Promise<RoomData> {
  const questions = readExportedQuestions(await readJson(join(dir, DOWNLOADED.questions)))
  if (typeof questions === 'string')
    throw new Error(`${join(dir, DOWNLOADED.questions)}: ${questions}`)
  const polls = readExportedPolls(await readJson(join(dir, DOWNLOADED.polls)))
  if (typeof polls === 'string')
    throw new Error(`${join(dir, DOWNLOADED.polls)}: ${polls}`)
  return { questions, polls }
}

/**
 * The journals of `dir`, copied aside and opened as the server opens them.
 * What the server would report about them (a damaged line, a vote for a poll
 * this deck does not have) goes to `log`, and the copy is then kept for a look.
 */
async function readDataDir(dir: string, polls: readonly PollDefinition[], log: (line: string) => void): Promise<RoomData> {
  const copy = await mkdtemp(join(tmpdir(), 'room-'))
  const reported: string[] = []
  try {
    for (const name of JOURNAL_FILES) {
      if (existsSync(join(dir, name)))
        await copyFile(join(dir, name), join(copy, name))
    }
    const questionBoard = new QuestionBoard()
    const pollBoard = new PollBoard(polls)
    const opened = await openJournals(questionBoard, pollBoard, {
      dir: copy,
      // The two lines saying what was read are the server's start-up log; anything else is a problem with the files.
      log: line => /^(?:questions|polls): /.test(line) || reported.push(line),
    })
    await opened.questions.close()
    await opened.polls.close()
    return { questions: exportQuestions(questionBoard.questions.values()), polls: exportPolls(pollBoard) }
  }
  finally {
    if (reported.length > 0) {
      for (const line of reported)
        log(line)
      log(`Read from a copy of ${dir}, kept in ${copy}; ${dir} is left as it is.`)
    }
    else {
      await rm(copy, { recursive: true, force: true })
    }
  }
}
