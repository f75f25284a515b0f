/**
 * When the server cannot save: a full disk (ENOSPC), a broken one (EIO), a
 * journal file made read-only under the running server. What cannot be saved
 * is refused and says so, the presenter is told that saving fails, following
 * the slides goes on, and a restart has exactly what was acknowledged.
 */
import type { WebSocket } from 'ws'
import type { RunningServer } from './serve'
import type { JournalFiles } from './store'
import type { Message } from './test-channel'
import type { FaultState } from './test-disk'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { CLICK_TOTALS_FILE, formatClickTotals } from './click-totals'
import { NOT_SAVED } from './hub'
import { formatPollDefinitions, POLLS_DEFINITIONS_FILE } from './polls'
import { REMOTE_FILE } from './remote'
import { startServer } from './serve'
import { POLLS_FILE, QUESTIONS_FILE } from './store'
import { openChannel, provedPresenter } from './test-channel'
import { faultyFiles } from './test-disk'

const SECRET = 'a-secret-for-the-unsaved-tests'
const ASKER = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'
const VOTER = 'ffffffffffffffffffffffffffffffff'

const deck = mkdtempSync(join(tmpdir(), 'deck-unsaved-dist-'))
writeFileSync(join(deck, 'index.html'), '<!DOCTYPE html><html><head><title>Deck</title></head><body></body></html>')
writeFileSync(join(deck, POLLS_DEFINITIONS_FILE), formatPollDefinitions([{ id: 'before', question: 'Are containers just lightweight VMs?', options: ['Yes', 'No'], slide: 1 }]))
writeFileSync(join(deck, CLICK_TOTALS_FILE), formatClickTotals([0, 2]))

const servers: RunningServer[] = []
const sockets: WebSocket[] = []
const dirs: string[] = [deck]

afterEach(async () => {
  for (const socket of sockets.splice(0))
    socket.terminate()
  await Promise.all(servers.splice(0).map(server => server.close()))
})

afterAll(() => {
  for (const dir of dirs)
    rmSync(dir, { recursive: true, force: true })
})

async function serve(dataDir: string, journalFiles?: JournalFiles) {
  const server = await startServer({ dir: deck, base: '/', secret: SECRET, port: 0, host: '127.0.0.1', dataDir, journalFiles })
  servers.push(server)
  return server
}

const connect = (server: RunningServer) => openChannel(`ws://127.0.0.1:${server.port}/sync`, {}, sockets)

async function exported(server: RunningServer) {
  const get = async (what: string) => (await fetch(`http://127.0.0.1:${server.port}/api/${what}.json`, { headers: { Authorization: `Bearer ${SECRET}` } })).json() as Promise<Message[]>
  return { questions: await get('questions'), polls: await get('polls') }
}

const isSaving = (ok: boolean) => (message: Message) => message.t === 'saving' && message.ok === ok

describe('when the disk fails', () => {
  for (const [failing, code] of [['write', 'ENOSPC'], ['sync', 'EIO']] as const) {
    it(`a failing ${failing} (${code}): refused with "Not saved", the presenter warned, the slides still followed, and a restart has what was acknowledged`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'deck-unsaved-data-'))
      dirs.push(dataDir)
      const state: FaultState = { code, syncs: 0 }
      const server = await serve(dataDir, faultyFiles(state))
      const lead = await provedPresenter(connect(server), SECRET)
      const asker = await connect(server)
      const voter = await connect(server)
      asker.send({ t: 'ask', device: ASKER, text: 'Saved?' })
      await asker.next(message => message.t === 'asked' && message.id === 1)

      state.failing = failing
      asker.send({ t: 'ask', device: ASKER, text: 'Lost?' })
      expect(await asker.next(message => message.t === 'refused')).toEqual({ t: 'refused', code: 'not-saved', reason: NOT_SAVED, about: 'questions' })
      voter.send({ t: 'upvote', device: VOTER, id: 1 })
      expect(await voter.next(message => message.t === 'refused')).toEqual({ t: 'refused', code: 'not-saved', reason: NOT_SAVED, about: 'questions', id: 1 })
      voter.send({ t: 'vote', device: VOTER, poll: 'before', option: 1 })
      expect(await voter.next(message => message.t === 'refused' && message.about === 'polls')).toEqual({ t: 'refused', code: 'not-saved', reason: NOT_SAVED, about: 'polls', poll: 'before' })
      expect(await lead.next(isSaving(false))).toEqual({ t: 'saving', ok: false, problem: expect.stringMatching(new RegExp(`^(questions|polls): ${code}`)) })
      // Following goes on: the presenter's move reaches the audience.
      lead.send({ t: 'nav', page: 2, clicks: 1, clicksTotal: 2 })
      await voter.next(message => message.t === 'state' && message.page === 2)
      // A presenter who joins now hears of it at once.
      const late = await provedPresenter(connect(server), SECRET)
      await late.next(isSaving(false))

      state.failing = undefined
      voter.send({ t: 'upvote', device: VOTER, id: 1 })
      await voter.next(message => message.t === 'upvoted' && message.id === 1)
      voter.send({ t: 'vote', device: VOTER, poll: 'before', option: 0 })
      await voter.next(message => message.t === 'voted')
      asker.send({ t: 'ask', device: ASKER, text: 'Saved again?' })
      // The refused question's id was never acknowledged: it is handed out again.
      await asker.next(message => message.t === 'asked' && message.id === 2)
      await lead.next(isSaving(true))

      await server.close()
      const again = await serve(dataDir)
      const { questions, polls } = await exported(again)
      expect(questions.map(question => [question.id, question.text, question.votes])).toEqual([[1, 'Saved?', 1], [2, 'Saved again?', 0]])
      expect(polls[0]).toMatchObject({ id: 'before', votes: 1, options: [{ option: 'Yes', votes: 1 }, { option: 'No', votes: 0 }] })
    })
  }

  it('a journal made read-only under the running server: refused, and the server saves again once it is writable', async (context) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deck-unsaved-data-'))
    dirs.push(dataDir)
    const server = await serve(dataDir)
    const file = join(dataDir, QUESTIONS_FILE)
    try {
      // The immutable flag: even root's writes fail (EPERM), as on a file system remounted read-only.
      execFileSync('chattr', ['+i', file, join(dataDir, POLLS_FILE)], { stdio: 'ignore' })
    }
    catch {
      context.skip(`chattr +i is not available here (needs root on ext4 or similar; running as uid ${process.getuid?.()})`)
    }
    try {
      const asker = await connect(server)
      asker.send({ t: 'ask', device: ASKER, text: 'Read-only?' })
      expect(await asker.next(message => message.t === 'refused')).toEqual({ t: 'refused', code: 'not-saved', reason: NOT_SAVED, about: 'questions' })
    }
    finally {
      execFileSync('chattr', ['-i', file, join(dataDir, POLLS_FILE)], { stdio: 'ignore' })
    }
    const asker = await connect(server)
    asker.send({ t: 'ask', device: ASKER, text: 'Writable again?' })
    await asker.next(message => message.t === 'asked')
    await server.close()
    const { questions } = await exported(await serve(dataDir))
    expect(questions.map(question => question.text)).toEqual(['Writable again?'])
  })

  it('a remote.json the server cannot write: the pairing is refused as unsaved, a revocation unpairs at once and tells the presenter it was not saved', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deck-unsaved-data-'))
    dirs.push(dataDir)
    // A directory where the file should be: read as "revoked until now", and every save fails.
    mkdirSync(join(dataDir, REMOTE_FILE))
    const log: string[] = []
    const server = await startServer({ dir: deck, base: '/', secret: SECRET, port: 0, host: '127.0.0.1', dataDir, log: line => log.push(line) })
    servers.push(server)
    expect(log).toContainEqual(expect.stringMatching(/remote\.json cannot be read \(EISDIR.*every phone remote paired before now must pair again/))
    const lead = await provedPresenter(connect(server), SECRET)
    lead.send({ t: 'pair' })
    const { token } = await lead.next(message => message.t === 'pairing')
    const phone = await connect(server)
    phone.send({ t: 'remote', token })
    expect(await phone.next(message => message.t === 'remote')).toEqual({ t: 'remote', ok: false, reason: 'unsaved' })
    expect(await lead.next(isSaving(false))).toMatchObject({ problem: expect.stringMatching(/^remote: /) })
    lead.send({ t: 'revoke-remotes' })
    expect(await lead.next(message => message.t === 'refused' && message.about === 'remotes')).toMatchObject({ reason: expect.stringContaining('the revocation was not saved') })
    // The presenter is still the presenter: a refusal about remotes does not demote it.
    lead.send({ t: 'nav', page: 2, clicks: 0, clicksTotal: 2 })
    await phone.next(message => message.t === 'state' && message.page === 2)
  })
})
