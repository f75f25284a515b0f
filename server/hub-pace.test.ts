import type { Rehearsal } from '../shared/rehearsal'
import type { Peer } from './hub-feature'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EmbeddedPace } from './backend'
import { Pace } from './hub-pace'
import { RehearsalFile } from './rehearsals'
import { recordingRoom } from './test-room'

function deck(role: 'presenter' | 'phone' | 'audience'): Peer {
  return {
    address: '127.0.0.1',
    network: '127.0.0.1',
    loopback: true,
    presenter: role === 'presenter',
    open: true,
    ...(role === 'phone' ? { remoteUntil: Number.MAX_SAFE_INTEGER } : {}),
  }
}

const rehearsal: Rehearsal = { v: 1, at: '2025-05-12T14:00:00.000Z', target: 2700, slides: [[60_000], [30_000]] }

describe('the pace on the hub', () => {
  it('passes the presenter\'s timer to the paired phones alone, and gives a phone that pairs the timer as it is now', () => {
    const presenter = deck('presenter')
    const phone = deck('phone')
    const audience = deck('audience')
    const { room, sent } = recordingRoom([presenter, phone, audience])
    let now = 1_000_000
    const clock = () => now
    const pace = new Pace(room, new EmbeddedPace(undefined, undefined, clock), clock)
    pace.paired(phone)
    expect(sent.get(phone)).toEqual([])
    pace.receive(presenter, { t: 'clock', running: true, elapsed: 5000 })
    expect(sent.get(phone)).toEqual([{ t: 'clock', running: true, elapsed: 5000 }])
    now += 60_000
    const late = deck('phone')
    const { room: lateRoom, sent: lateSent } = recordingRoom([late])
    const held = new Pace(lateRoom, new EmbeddedPace(undefined, rehearsal, clock), clock)
    held.paired(late)
    expect(lateSent.get(late)).toEqual([{ t: 'rehearsal', rehearsal }])
    pace.paired(phone)
    expect(sent.get(phone)!.at(-1)).toEqual({ t: 'clock', running: true, elapsed: 65_000 })
    // Paused: it stands still.
    pace.receive(presenter, { t: 'clock', running: false, elapsed: 70_000 })
    now += 60_000
    pace.paired(phone)
    expect(sent.get(phone)!.at(-1)).toEqual({ t: 'clock', running: false, elapsed: 70_000 })
    expect(sent.get(presenter)).toEqual([])
    expect(sent.get(audience)).toEqual([])
  })

  it('refuses a timer from a deck without the secret, and counts it against the deck', () => {
    const stranger = deck('audience')
    const phone = deck('phone')
    const { room, sent, strikes } = recordingRoom([stranger, phone])
    new Pace(room).receive(stranger, { t: 'clock', running: true, elapsed: 0 })
    expect(sent.get(stranger)).toEqual([{ t: 'refused', code: 'not-presenter', about: 'position', reason: 'only the presenter keeps the talk\'s time' }])
    expect(sent.get(phone)).toEqual([])
    expect(strikes).toEqual(['clock without the secret'])
  })

  it('sends a rehearsal, once it is saved, to every paired phone', async () => {
    const phone = deck('phone')
    const audience = deck('audience')
    const { room, sent } = recordingRoom([phone, audience])
    const dir = mkdtempSync(join(tmpdir(), 'deck-pace-'))
    try {
      const backend = new EmbeddedPace(new RehearsalFile(dir))
      const pace = new Pace(room, backend)
      await backend.save(rehearsal)
      pace.paired(phone)
      // Heard once saved, and given again to the phone pairing anew.
      expect(sent.get(phone)).toEqual([{ t: 'rehearsal', rehearsal }, { t: 'rehearsal', rehearsal }])
      expect(sent.get(audience)).toEqual([])
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
