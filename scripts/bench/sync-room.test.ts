import { describe, expect, it } from 'vitest'
import { isDeviceId } from '../../shared/sync-protocol'
import { checkRoom, countDifferences, deviceFor, expectedUpvotes, expectedVotes, firstWave, secondWave } from './sync-room'

const ROOM = { clients: 1000, votes: 1000, questions: 100, upvotes: 1000, burstMs: 1000 }

describe('the bench\'s room', () => {
  it('spreads 1,000 votes over the second and the questions over its first fifth, one device per socket', () => {
    const wave = firstWave(ROOM)
    const votes = wave.filter(p => p.message.t === 'vote')
    const asks = wave.filter(p => p.message.t === 'ask')
    expect(votes).toHaveLength(1000)
    expect(votes.at(-1)!.atMs).toBe(1000)
    expect(asks).toHaveLength(100)
    expect(Math.max(...asks.map(p => p.atMs))).toBe(200)
    for (const planned of wave)
      expect(planned.message.device).toBe(deviceFor(planned.socket))
    expect(isDeviceId(deviceFor(999))).toBe(true)
    expect(wave.map(p => p.atMs)).toEqual([...wave.map(p => p.atMs)].sort((a, b) => a - b))
  })

  it('upvotes every question, never the socket\'s own, until the burst ends', () => {
    const wave = secondWave(ROOM, 300)
    expect(wave).toHaveLength(1000)
    expect(wave[0]!.atMs).toBe(300)
    expect(wave.at(-1)!.atMs).toBe(1000)
    for (const planned of wave.slice(0, 100))
      expect(planned.message).not.toMatchObject({ id: planned.socket + 1 })
    expect(expectedUpvotes(ROOM)).toEqual(Array.from({ length: 100 }, () => 10))
    expect(expectedVotes(ROOM)).toEqual([334, 333, 333])
  })

  it('refuses more sends than sockets, and finds every miscount in the export', () => {
    expect(checkRoom({ ...ROOM, votes: 1001 })).toMatch(/--votes may be at most --clients/)
    expect(checkRoom(ROOM)).toBeUndefined()
    const questions = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, votes: 10 }))
    const polls = [{ id: 'bench-poll', options: [{ votes: 334 }, { votes: 333 }, { votes: 333 }] }]
    expect(countDifferences(ROOM, polls, questions)).toEqual([])
    expect(countDifferences(ROOM, [{ id: 'bench-poll', options: [{ votes: 335 }, { votes: 333 }, { votes: 333 }] }], questions)).toEqual(['votes per option 335/333/333, sent 334/333/333'])
    expect(countDifferences(ROOM, polls, [...questions.slice(1), { id: 1, votes: 11 }])).toEqual(['1 question(s) with another upvote count than sent, e.g. question 1: 11, sent 10'])
    expect(countDifferences(ROOM, polls, questions.slice(1))).toEqual(['99 questions saved, 100 asked'])
  })
})
