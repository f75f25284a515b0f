import { describe, expect, it } from 'vitest'
import { createFollow } from './follow'

const at = (page: number, clicks = 0) => ({ page, clicks })
const position = (page: number, clicks = 0, clicksTotal = 0) => ({ page, clicks, clicksTotal })

describe('following the presenter', () => {
  it('follows once the presenter is heard; a move of the reader\'s own browses, a channel\'s does not', () => {
    const follow = createFollow()
    expect(follow.view()).toEqual({ browsing: false, following: false })
    expect(follow.heard(position(3), at(1))).toBe(true)
    follow.drive(position(3))
    follow.moved(at(3))
    expect(follow.view()).toEqual({ live: position(3), place: at(3), browsing: false, following: true })
    // The reader steps back on their own.
    follow.moved(at(2))
    expect(follow.view()).toMatchObject({ browsing: true, following: false })
    // The presenter moves on: the browsing deck stays, and notes where the talk is.
    expect(follow.heard(position(4), at(2))).toBe(false)
    expect(follow.view()).toMatchObject({ live: position(4), browsing: true })
    // Back to live.
    expect(follow.backToLive()).toEqual(position(4))
    expect(follow.view()).toMatchObject({ browsing: false, following: true })
  })

  it('stepping onto the live position oneself follows again; a new connection has heard nothing yet', () => {
    const follow = createFollow()
    follow.heard(position(5, 1, 2), at(5, 1))
    follow.moved(at(4))
    expect(follow.browsing).toBe(true)
    // Slidev's 999999, the slide's end, is its last click.
    follow.moved(at(5, 999999))
    expect(follow.browsing).toBe(true)
    follow.moved(at(5, 1))
    expect(follow.view()).toMatchObject({ browsing: false, following: true })
    follow.reconnected()
    expect(follow.view()).toMatchObject({ browsing: false, following: false })
  })
})
