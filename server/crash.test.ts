/**
 * What the server acknowledged survives a crash: `npm run serve` as its own
 * process, a burst of questions, upvotes and votes over many sockets, `kill -9`
 * once some are acknowledged, a restart on the same data directory, and every
 * acknowledgement compared with the presenter's export. Traffic goes to
 * 127.0.0.1 only, bounded in count; every process started is stopped.
 */
import type { ChildProcess } from 'node:child_process'
import type { Channel, Message } from './test-channel'
import type { ServeProcess } from './test-serve'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { CLICK_TOTALS_FILE, formatClickTotals } from './click-totals'
import { formatPollDefinitions, POLLS_DEFINITIONS_FILE } from './polls'
import { openChannel } from './test-channel'
import { spawnServe } from './test-serve'

const SECRET = 'a-secret-for-the-crash-tests'
const POLLS = ['before', 'after']
const OPTIONS = ['Yes', 'Sort of', 'No']
const DECKS = 24
const ASKS_PER_DECK = 4
const UPVOTES_PER_DECK = 30

const deck = mkdtempSync(join(tmpdir(), 'deck-crash-dist-'))
writeFileSync(join(deck, 'index.html'), '<!DOCTYPE html><html><head><title>Deck</title></head><body></body></html>')
writeFileSync(join(deck, POLLS_DEFINITIONS_FILE), formatPollDefinitions(POLLS.map((id, index) => ({ id, question: 'Are containers just lightweight VMs?', options: OPTIONS, slide: index + 1 }))))
writeFileSync(join(deck, CLICK_TOTALS_FILE), formatClickTotals([0, 0]))

const children: ChildProcess[] = []
const channels: Channel[] = []
const dirs: string[] = [deck]

afterEach(() => {
  for (const channel of channels.splice(0))
    channel.ws.terminate()
  for (const child of children.splice(0))
    child.kill('SIGKILL')
})

afterAll(() => {
  for (const dir of dirs)
    rmSync(dir, { recursive: true, force: true })
})

/** `npm run serve` on `dataDir`, as its own process; resolves with its port and its exit once it listens. */
function serve(dataDir: string): Promise<ServeProcess> {
  return spawnServe(['--dir', deck, '--data', dataDir, '--questions-per-minute', '100000'], { DECK_SECRET: SECRET }, children)
}

async function exported<T>(port: number, what: 'questions' | 'polls'): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/api/${what}.json`, { headers: { Authorization: `Bearer ${SECRET}` } })
  expect(response.status).toBe(200)
  return await response.json() as T
}

/** Every acknowledgement the decks got, as they got it. */
interface Acknowledged {
  asked: Map<number, string>
  upvoted: Map<number, number>
  voted: Map<string, number[]>
  total: number
}

/**
 * Opens `DECKS` decks, each its own device; each asks, upvotes every question
 * it hears of, and votes in both polls, answering nothing it was not told.
 * Calls `kill` once `killAfter` acknowledgements have arrived.
 */
async function burst(port: number, killAfter: number, kill: () => void): Promise<Acknowledged> {
  const acknowledged: Acknowledged = { asked: new Map(), upvoted: new Map(), voted: new Map(POLLS.map(poll => [poll, OPTIONS.map(() => 0)])), total: 0 }
  let killed = false
  const count = () => {
    acknowledged.total++
    if (!killed && acknowledged.total >= killAfter) {
      killed = true
      kill()
    }
  }
  const decks = await Promise.all(Array.from({ length: DECKS }, () => openChannel(`ws://127.0.0.1:${port}/sync`, {}, [])))
  channels.push(...decks)
  decks.forEach((channel, index) => {
    const device = `crash-device-${String(index).padStart(8, '0')}`
    const upvoting = new Set<number>()
    // One question at a time per deck: the answer that comes is for the question sent last.
    let asking: string | undefined
    let asked = 0
    const ask = () => {
      if (asked >= ASKS_PER_DECK || channel.ws.readyState !== channel.ws.OPEN)
        return
      asking = `Question ${asked} from deck ${index}`
      asked++
      channel.send({ t: 'ask', device, text: asking })
    }
    channel.ws.on('error', () => {})
    channel.ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Message
      if (message.t === 'asked') {
        acknowledged.asked.set(message.id as number, asking!)
        count()
        ask()
      }
      else if (message.t === 'refused' && message.about === 'questions' && message.id === undefined) {
        ask()
      }
      else if (message.t === 'upvoted') {
        acknowledged.upvoted.set(message.id as number, (acknowledged.upvoted.get(message.id as number) ?? 0) + 1)
        count()
      }
      else if (message.t === 'voted') {
        acknowledged.voted.get(message.poll as string)![message.option as number]!++
        count()
      }
      // Every question the deck hears of is upvoted once, up to UPVOTES_PER_DECK.
      const heard = message.t === 'question' ? [message.question as Message] : message.t === 'question-changes' ? message.questions as Message[] : []
      for (const question of heard) {
        // Within the deck's allowance of messages a second (40 at once), so no deck is cut off for flooding.
        if (upvoting.size < UPVOTES_PER_DECK && !upvoting.has(question.id as number) && channel.ws.readyState === channel.ws.OPEN) {
          upvoting.add(question.id as number)
          channel.send({ t: 'upvote', device, id: question.id })
        }
      }
    })
    ask()
    POLLS.forEach((poll, p) => channel.send({ t: 'vote', device, poll, option: (index + p) % OPTIONS.length }))
  })
  await Promise.all(decks.map(channel => channel.closed))
  return acknowledged
}

describe('what the server acknowledged is on disk', () => {
  it('survives kill -9 mid-burst: every acknowledged question, upvote and vote is there after a restart, and no id is handed out again', async () => {
    for (const killAfter of [40, 200, 500]) {
      const dataDir = mkdtempSync(join(tmpdir(), 'deck-crash-data-'))
      dirs.push(dataDir)
      const first = await serve(dataDir)
      const acknowledged = await burst(first.port, killAfter, () => first.child.kill('SIGKILL'))
      await first.exited
      expect(acknowledged.total, `run killed after ${killAfter}`).toBeGreaterThanOrEqual(killAfter)

      const second = await serve(dataDir)
      const questions = await exported<Array<{ id: number, text: string, votes: number }>>(second.port, 'questions')
      const byId = new Map(questions.map(question => [question.id, question]))
      const lost = [...acknowledged.asked].filter(([id, text]) => byId.get(id)?.text !== text)
      expect(lost, `questions acknowledged and lost, run killed after ${killAfter}`).toEqual([])
      const upvotesLost = [...acknowledged.upvoted].filter(([id, votes]) => (byId.get(id)?.votes ?? 0) < votes)
      expect(upvotesLost, `upvotes acknowledged and lost, run killed after ${killAfter}`).toEqual([])
      const polls = await exported<Array<{ id: string, options: Array<{ votes: number }> }>>(second.port, 'polls')
      for (const poll of polls) {
        const saved = poll.options.map(option => option.votes)
        const acked = acknowledged.voted.get(poll.id)!
        expect(saved.every((votes, option) => votes >= acked[option]!), `votes in ${poll.id}: saved ${saved}, acknowledged ${acked}`).toBe(true)
      }
      // The next question's id is above every id ever acknowledged.
      const asker = await openChannel(`ws://127.0.0.1:${second.port}/sync`, {}, [])
      channels.push(asker)
      asker.send({ t: 'ask', device: 'crash-device-after-restart', text: 'After the crash?' })
      const answer = await asker.next(message => message.t === 'asked')
      expect(answer.id as number).toBeGreaterThan(Math.max(0, ...acknowledged.asked.keys()))
      second.child.kill('SIGKILL')
      await second.exited
    }
  }, 90_000)
})
