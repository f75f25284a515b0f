/**
 * `npm run serve -- --redis URL --import DIR`: a talk that outgrew one process
 * takes its data directory (the questions and votes journals, the phone
 * remote's used codes and revocation, the rehearsals) into Redis, once. The directory is
 * read as the embedded server reads it (its lock taken, its journals
 * replayed), and written in one MULTI transaction, WATCHed, so an import is
 * whole or not at all; a talk that has questions, votes or an import in Redis
 * already is refused, so importing again does not count anything twice. A
 * revocation the talk holds already is kept if it is the later; rehearsals
 * the talk holds already (rehearsed against it) stay the later ones, the
 * directory's going before them, the last REHEARSALS_KEPT kept. Import with
 * the first instance of the talk, before the others start: an instance
 * already running reads the questions and votes at its start, not again.
 */
import type { RedisTalk } from './backend-redis'
import type { PollBoard, PollDefinition } from './polls'
import type { QuestionBoard } from './questions'
import type { RemoteKeys } from './remote'
import { join } from 'node:path'
import { WatchError } from '@redis/client'
import { REHEARSALS_KEPT } from './backend-redis-pace'
import { readRehearsals, REHEARSALS_FILE } from './rehearsals'

export interface Imported { questions: number, upvotes: number, votes: number, polls: number, rehearsals: number }

/** What a data directory holds, read as the embedded server reads it (./talk-backends.ts). */
export interface DataDir { questionBoard: QuestionBoard, pollBoard: PollBoard, remoteKeys: RemoteKeys }

/** Writes the data directory `dir`, read into `embedded`, into the talk's keys; rejects, changing nothing, when the talk has data already. */
export async function importDataDir(talk: RedisTalk, dir: string, embedded: DataDir, options: { polls: readonly PollDefinition[], log: (line: string) => void }): Promise<Imported> {
  const { client } = talk
  const marker = talk.key('imported')
  // Read as the server reads them (./rehearsals.ts): a line that is not a rehearsal is left out, and said.
  const file = join(dir, REHEARSALS_FILE)
  const read = await readRehearsals(file)
  for (const { line, reason } of read.unreadable)
    options.log(`import: ${file}:${line} skipped, not a rehearsal: ${reason}`)
  const rehearsals = read.rehearsals.slice(-REHEARSALS_KEPT)
  const rehearsalKeys = { list: talk.key('rehearsals'), count: talk.key('rehearsals:n') }
  await client.watch([marker, talk.key('questions:next'), talk.key('questions:ids'), talk.key('revoked-before'), rehearsalKeys.list, rehearsalKeys.count, ...options.polls.map(poll => talk.key(`poll:${poll.id}:votes`))])
  const counts = await Promise.all([client.exists(marker), client.exists(talk.key('questions:next')), ...options.polls.map(poll => client.exists(talk.key(`poll:${poll.id}:votes`)))])
  const held = { revokedBefore: await client.get(talk.key('revoked-before')), rehearsals: await client.lLen(rehearsalKeys.list), rehearsalCount: Number(await client.get(rehearsalKeys.count) ?? 0) }
  if (counts.some(count => count > 0)) {
    await client.unwatch()
    throw new Error(`The talk "${talk.talk}" has questions, votes or an import in Redis already: --import is for a talk new to Redis (give another --talk NAME, or import nothing)`)
  }
  const multi = client.multi()
  const imported: Imported = { questions: 0, upvotes: 0, votes: 0, polls: 0, rehearsals: 0 }

  const questions = embedded.questionBoard.snapshot()
  const devices = questions.devices
  for (const question of questions.questions) {
    const key = talk.key(`question:${question.id}`)
    multi.hSet(key, { text: question.text, device: '', askedAt: question.askedAt, votes: String(question.voters.length), answered: question.answered ? '1' : '0', hidden: question.hidden ? '1' : '0', rev: '1', ...(question.slide === undefined ? {} : { slide: String(question.slide) }) })
    if (question.voters.length > 0)
      multi.sAdd(`${key}:voters`, question.voters.map(voter => devices[voter]!))
    multi.sAdd(talk.key('questions:ids'), String(question.id))
    imported.questions++
    imported.upvotes += question.voters.length
  }
  // The next id continues from the directory's: an id once given is never given again.
  multi.set(talk.key('questions:next'), String(questions.nextId - 1))
  multi.set(talk.key('questions:shown'), String(embedded.questionBoard.visible))

  const polls = embedded.pollBoard.snapshot()
  for (const poll of polls.polls) {
    const definition = options.polls.find(candidate => candidate.id === poll.id)
    // A poll this build does not have stays in the directory: its votes have no question to count for.
    if (!definition) {
      options.log(`import: poll "${poll.id}" is not in this build of the deck; its ${poll.votes.length} votes are left in ${dir}`)
      continue
    }
    const counts = definition.options.map(() => 0)
    const votes: Record<string, string> = {}
    for (const [device, option] of poll.votes) {
      votes[polls.devices[device]!] = String(option)
      counts[option] = (counts[option] ?? 0) + 1
    }
    if (poll.votes.length > 0)
      multi.hSet(talk.key(`poll:${poll.id}:votes`), votes)
    multi.hSet(talk.key(`poll:${poll.id}:counts`), Object.fromEntries(counts.map((count, option) => [String(option), String(count)])))
    if (!poll.open)
      multi.set(talk.key(`poll:${poll.id}:closed`), '1')
    imported.votes += poll.votes.length
    imported.polls++
  }

  // The phone remote: the last revocation, and the pairing codes used and not yet expired.
  const remote = embedded.remoteKeys.state()
  // Never earlier than a revocation the talk holds already; the instances running hear it.
  const revokedBefore = Math.max(remote.revokedBefore, Number(held.revokedBefore ?? 0))
  multi.set(talk.key('revoked-before'), String(revokedBefore))
  multi.publish(talk.key('revoked'), String(revokedBefore))
  const now = Date.now()
  for (const [id, expiresAt] of Object.entries(remote.used)) {
    if (expiresAt > now)
      multi.set(talk.key(`pairing-used:${id}`), '1', { PX: expiresAt - now })
  }

  // The rehearsals, oldest first, before any the talk holds (./backend-redis-pace.ts); counted, and when the last is
  // one of them, the instances running hear it.
  if (rehearsals.length > 0) {
    multi.lPush(rehearsalKeys.list, rehearsals.map(rehearsal => JSON.stringify(rehearsal)).reverse())
    multi.lTrim(rehearsalKeys.list, -REHEARSALS_KEPT, -1)
    const n = held.rehearsalCount + rehearsals.length
    multi.set(rehearsalKeys.count, String(n))
    if (held.rehearsals === 0)
      multi.publish(talk.key('rehearsal-saved'), JSON.stringify({ n, instance: 'import', rehearsal: JSON.stringify(rehearsals.at(-1)) }))
    imported.rehearsals = rehearsals.length
  }
  multi.set(marker, JSON.stringify({ from: dir, at: new Date(now).toISOString(), ...imported }))
  try {
    await multi.exec()
  }
  catch (error) {
    // A watched key changed meanwhile (another instance's import, or a vote): then nothing was written.
    if (error instanceof WatchError)
      throw new Error(`The talk "${talk.talk}" changed in Redis during the import; nothing was imported`)
    throw error
  }
  return imported
}
