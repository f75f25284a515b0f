/**
 * `--import DIR`: a talk's data directory taken into Redis once. A server on
 * the embedded store takes questions, upvotes, votes and a closed poll; a
 * server on Redis imports its directory and exports the same; a second import
 * into the same talk is refused and changes nothing; rehearsals the talk
 * holds already stay after the directory's. A real redis-server
 * (./test-redis.ts); skipped, with the reason printed, without it.
 */
import type { Rehearsal } from '../shared/rehearsal'
import type { TestRedis } from './test-redis'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisTalk } from './backend-redis'
import { readTalkRehearsals, RedisPace } from './backend-redis-pace'
import { formatPollDefinitions, POLLS_DEFINITIONS_FILE } from './polls'
import { importDataDir } from './redis-import'
import { REHEARSALS_FILE } from './rehearsals'
import { startServer } from './serve'
import { embeddedBackends } from './talk-backends'
import { openChannel, provedPresenter } from './test-channel'
import { redisMissing, startRedis } from './test-redis'

const SECRET = 'a-secret-for-the-import-tests'
const missing = redisMissing()
if (missing)
  console.warn(`Skipped: --import into Redis (${missing})`)

const dirs: string[] = []
let redis: TestRedis | undefined
function temp(name: string) {
  const dir = mkdtempSync(join(tmpdir(), name))
  dirs.push(dir)
  return dir
}

beforeAll(async () => {
  if (!missing)
    redis = await startRedis()
}, 20_000)

afterAll(async () => {
  await redis?.close()
  for (const dir of dirs)
    rmSync(dir, { recursive: true, force: true })
})

async function exported(port: number, what: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/api/${what}.json`, { headers: { Authorization: `Bearer ${SECRET}` } })
  return response.json()
}

describe.skipIf(Boolean(missing))('--import DIR', () => {
  it('takes an embedded data directory into a talk in Redis once: the same questions, upvotes, votes, closed polls and rehearsals, ids that go on from the directory\'s, and a second import refused', async () => {
    const deck = temp('deck-import-dist-')
    writeFileSync(join(deck, 'index.html'), '<!DOCTYPE html><html><head></head><body></body></html>')
    writeFileSync(join(deck, POLLS_DEFINITIONS_FILE), formatPollDefinitions(['before', 'after'].map((id, index) => ({ id, question: 'Are containers just lightweight VMs?', options: ['Yes', 'No'], slide: index + 1 }))))
    const dataDir = temp('deck-import-data-')
    const embedded = await startServer({ dir: deck, base: '/', secret: SECRET, port: 0, host: '127.0.0.1', dataDir })
    const sync = `ws://127.0.0.1:${embedded.port}/sync`
    const presenter = await provedPresenter(openChannel(sync), SECRET)
    const decks = await Promise.all(['one', 'two', 'three'].map(async name => ({ device: `import-device-${name}`, channel: await openChannel(sync) })))
    for (const [index, { device, channel }] of decks.entries()) {
      channel.send({ t: 'ask', device, text: `Question ${index + 1}` })
      await channel.next(message => message.t === 'asked')
      channel.send({ t: 'vote', device, poll: 'before', option: index % 2 })
      await channel.next(message => message.t === 'voted')
      if (index === 0) {
        // The presenter shows slide 2: the next questions are kept with it, the first has none.
        presenter.send({ t: 'nav', page: 2, clicks: 0, clicksTotal: 0 })
        await decks[1]!.channel.next(message => message.t === 'state')
      }
    }
    for (const { device, channel } of decks) {
      channel.send({ t: 'upvote', device, id: 1 })
      await channel.next(message => message.t === 'upvoted')
    }
    presenter.send({ t: 'moderate', id: 2, action: 'hidden' })
    presenter.send({ t: 'moderate', id: 1, action: 'answered' })
    presenter.send({ t: 'poll-open', poll: 'after', open: false })
    await presenter.next(message => message.t === 'poll' && (message.poll as { id: string }).id === 'after')
    await presenter.next(message => message.t === 'question-changes' || (message.t === 'question' && (message.question as { answered: boolean }).answered))
    const questions = await exported(embedded.port, 'questions')
    const polls = await exported(embedded.port, 'polls')
    expect((questions as Array<{ id: number, slide: number | null }>).map(question => [question.id, question.slide])).toEqual([[1, null], [2, 2], [3, 2]])
    // Two rehearsals, saved as the presenter view saves them.
    const rehearsal = (minutes: number) => ({ v: 1, at: '2025-05-12T14:00:00.000Z', target: 2700, slides: [[minutes * 60_000], [1000]] })
    for (const minutes of [1, 2]) {
      const saved = await fetch(`http://127.0.0.1:${embedded.port}/api/rehearsals`, { method: 'POST', headers: { 'Authorization': `Bearer ${SECRET}`, 'Content-Type': 'application/json' }, body: JSON.stringify(rehearsal(minutes)) })
      expect(saved.status).toBe(201)
    }
    for (const { channel } of [...decks, { channel: presenter }])
      channel.ws.close()
    await embedded.close()

    const log: string[] = []
    const onRedis = await startServer({ dir: deck, base: '/', secret: SECRET, port: 0, host: '127.0.0.1', redis: { url: redis!.url, talk: 'imported', importDir: dataDir }, log: line => log.push(line) })
    expect(log).toContain(`import: 3 questions (3 upvotes), 3 votes in 2 polls and 2 rehearsals from ${dataDir} into the talk "imported"`)
    // The directory's rehearsals are the talk's: its last is the plan.
    const last = await fetch(`http://127.0.0.1:${onRedis.port}/api/rehearsals/last`, { headers: { Authorization: `Bearer ${SECRET}` } })
    expect(await last.json()).toEqual({ rehearsal: rehearsal(2) })
    expect(await exported(onRedis.port, 'questions')).toEqual(questions)
    expect(await exported(onRedis.port, 'polls')).toEqual(polls)
    // The next question's id goes on from the directory's; a device that upvoted there cannot again.
    const asker = await openChannel(`ws://127.0.0.1:${onRedis.port}/sync`)
    asker.send({ t: 'ask', device: 'import-device-four', text: 'After the move?' })
    expect(await asker.next(message => message.t === 'asked')).toEqual({ t: 'asked', id: 4 })
    asker.send({ t: 'upvote', device: 'import-device-one', id: 1 })
    expect(await asker.next(message => message.t === 'refused')).toMatchObject({ reason: 'one device id per connection' })
    asker.ws.close()
    const voter = await openChannel(`ws://127.0.0.1:${onRedis.port}/sync`)
    voter.send({ t: 'upvote', device: 'import-device-one', id: 1 })
    expect(await voter.next(message => message.t === 'refused')).toMatchObject({ reason: 'you have upvoted this question already' })
    voter.send({ t: 'vote', device: 'import-device-one', poll: 'after', option: 0 })
    expect(await voter.next(message => message.t === 'refused' && message.about === 'polls')).toMatchObject({ reason: 'This poll is closed.' })
    voter.ws.close()
    await onRedis.close()

    await expect(startServer({ dir: deck, base: '/', secret: SECRET, port: 0, host: '127.0.0.1', redis: { url: redis!.url, talk: 'imported', importDir: dataDir } })).rejects.toThrow(/has questions, votes or an import in Redis already/)
  }, 30_000)

  it('puts the directory\'s rehearsals before those the talk holds already, which stay the plan, and leaves out a line that is not one', async () => {
    const rehearsal = (minutes: number): Rehearsal => ({ v: 1, at: '2025-05-12T14:00:00.000Z', target: 2700, slides: [[minutes * 60_000], [1000]] })
    const dataDir = temp('deck-import-rehearsals-')
    writeFileSync(join(dataDir, REHEARSALS_FILE), `${JSON.stringify(rehearsal(1))}\n${JSON.stringify(rehearsal(2))}\n{"v":1,"at`)
    const talk = await RedisTalk.connect(redis!.url, 'rehearsed')
    try {
      const pace = await RedisPace.open(talk)
      await pace.save(rehearsal(5))
      const embedded = await embeddedBackends({ secret: SECRET, polls: [], dataDir, log: () => {} })
      const log: string[] = []
      try {
        expect(await importDataDir(talk, dataDir, embedded, { polls: [], log: line => log.push(line) })).toMatchObject({ rehearsals: 2 })
      }
      finally {
        await embedded.close()
      }
      expect(log).toEqual([`import: ${join(dataDir, REHEARSALS_FILE)}:3 skipped, not a rehearsal: not JSON (a line cut short?)`])
      expect((await readTalkRehearsals(talk)).rehearsals).toEqual([rehearsal(1), rehearsal(2), rehearsal(5)])
      expect(await pace.last()).toEqual(rehearsal(5))
    }
    finally {
      await talk.close()
    }
  }, 20_000)
})
