import { describe, expect, it } from 'vitest'
import { panelRole } from './store'
import { audience, presenter, presenterView, slides, testStore } from './test-store'

describe('the hosted store', () => {
  it('decides once which panels a deck sees: the audience on the slides, the proved presenter on the presenter view, nobody on paper or elsewhere', () => {
    expect(panelRole(audience, slides)).toBe('audience')
    expect(panelRole(presenter, presenterView)).toBe('presenter')
    expect(panelRole(audience, presenterView)).toBe('none')
    expect(panelRole(audience, { route: 'play', printing: true })).toBe('none')
    expect(panelRole(presenter, { route: 'presenter', printing: true })).toBe('none')
    expect(panelRole(audience, { route: 'overview', printing: false })).toBe('none')
  })

  it('starts from this device\'s upvotes and votes as kept, and leaves out what it cannot read', () => {
    expect(testStore({ 'deck-questions-voted': '[3,"x",4]', 'deck-poll-votes': '{"a":1,"b":"no"}' }).hosted.state).toMatchObject({
      questions: { voted: new Set([3, 4]) },
      polls: { mine: { a: 1 } },
    })
    expect(testStore({ 'deck-questions-voted': 'not json', 'deck-poll-votes': '[' }).hosted.state).toMatchObject({
      questions: { voted: new Set() },
      polls: { mine: {} },
    })
  })

  it('keeps the polls once: the slides read the very results the panel shows', () => {
    const { hosted, receive } = testStore()
    receive.polls({ t: 'polls', polls: [{ id: 'a', question: 'Q?', options: ['x', 'y'], slide: 2, open: true, counts: [0, 0] }] })
    receive.polls({ t: 'poll', poll: { id: 'a', open: true, counts: [1, 0] } })
    expect(hosted.live.polls).toBe(hosted.state.polls.byId)
    expect(hosted.live.polls.a!.counts).toEqual([1, 0])
  })
})
