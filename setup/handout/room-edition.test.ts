import type { RoomEdition } from './room-edition'
import { describe, expect, it } from 'vitest'
import { roomEditionLabel, roomIntro, roomLivePolls } from './room-edition'

const room: RoomEdition = {
  date: '2026-05-14',
  event: 'Platform engineering meetup',
  polls: [{ id: 'before', question: 'Lightweight VMs?', options: ['Yes', 'No'], slide: 2, counts: [3, 1], again: { id: 'after', slide: 9, counts: [1, 4] } }],
  bySlide: { 4: [{ id: 3, text: 'Why?', votes: 2 }] },
  other: [{ id: 1, text: 'When?', votes: 0 }],
}

describe('the room\'s edition', () => {
  it('says on every page that it is the room\'s, which talk and which build', () => {
    expect(roomEditionLabel(room, 'Edition 0.1.0 · 1a2b3c4 · 2026-05-15')).toBe('Room edition · Platform engineering meetup · 2026-05-14 · Edition 0.1.0 · 1a2b3c4 · 2026-05-15')
    expect(roomEditionLabel({ date: '2026-05-14' }, 'Edition 0.1.0 · 1a2b3c4 · 2026-05-15')).toBe('Room edition · 2026-05-14 · Edition 0.1.0 · 1a2b3c4 · 2026-05-15')
    expect(roomIntro(room)).toMatch(/^The room's edition \(Platform engineering meetup, 2026-05-14\): /)
    expect(roomIntro({ date: '2026-05-14' })).toMatch(/^The room's edition \(2026-05-14\): /)
  })

  it('gives the poll slides the room\'s votes as the hosted talk gives them, every poll closed', () => {
    const live = roomLivePolls(room)
    expect(live.role).toBe('none')
    expect(live.polls).toEqual({
      before: { id: 'before', question: 'Lightweight VMs?', options: ['Yes', 'No'], slide: 2, open: false, counts: [3, 1] },
      after: { id: 'after', question: 'Lightweight VMs?', options: ['Yes', 'No'], slide: 9, compare: 'before', open: false, counts: [1, 4] },
    })
    expect(live.mine).toEqual({})
  })
})
