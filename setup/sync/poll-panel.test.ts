// @vitest-environment happy-dom
import type { PollView } from '../../shared/sync-protocol'
import type { SyncStatus } from './socket-sync'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { pollLive } from '../../components/poll-live'
import { createPollPanel, pollOnSlide } from './poll-panel'

const audience: SyncStatus = { connection: 'open', role: 'audience', following: true, browsing: false }
const presenter: SyncStatus = { ...audience, role: 'presenter' }
const slides = { route: 'play', printing: false }
const presenterView = { route: 'presenter', printing: false }
const OPTIONS = ['Yes, lightweight VMs', 'Sort of', 'No, something else']
const POLLS: PollView[] = [
  { id: 'lightweight-vms', question: 'Are containers just lightweight VMs?', options: OPTIONS, slide: 2, open: true, counts: [0, 0, 0] },
  { id: 'lightweight-vms-again', question: 'Are containers just lightweight VMs?', options: OPTIONS, slide: 22, compare: 'lightweight-vms', open: true, counts: [0, 0, 0] },
]

afterEach(() => {
  document.body.replaceChildren()
  Object.assign(pollLive, { hosted: false, role: 'none', results: {}, mine: {}, vote: undefined })
})

function panel(stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored))
  const actions = { vote: vi.fn(() => true), setOpen: vi.fn(() => true) }
  const made = createPollPanel(document, { ...actions, storage: { getItem: key => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) } })
  document.body.append(made.element)
  const $ = <T extends Element = HTMLElement>(selector: string) => made.element.querySelector<T & Element>(selector)!
  const options = () => [...made.element.querySelectorAll<HTMLButtonElement>('.deck-poll__option')]
  return { ...made, actions, storage, $, options }
}

describe('the poll panel', () => {
  it('finds the poll on the slide shown', () => {
    expect(pollOnSlide(POLLS, 22)?.id).toBe('lightweight-vms-again')
    expect(pollOnSlide(POLLS, 3)).toBeUndefined()
    expect(pollOnSlide(POLLS, undefined)).toBeUndefined()
  })

  it('on an audience deck, on the poll\'s slide only: one button per option; a vote is marked once the server takes it, and kept', () => {
    const { render, receive, element, actions, options, $, storage } = panel()
    expect(pollLive.hosted).toBe(true)
    receive({ t: 'polls', polls: POLLS })
    render(audience, slides, 3)
    expect(element.hidden).toBe(true)
    render(audience, slides, 2)
    expect(element.hidden).toBe(false)
    expect(pollLive.role).toBe('audience')
    expect(pollLive.results['lightweight-vms']).toEqual({ open: true, counts: [0, 0, 0] })
    expect(options().map(button => button.textContent)).toEqual(OPTIONS)
    options()[1]!.click()
    expect(actions.vote).toHaveBeenCalledWith('lightweight-vms', 1)
    receive({ t: 'voted', poll: 'lightweight-vms', option: 1 })
    receive({ t: 'poll', poll: { id: 'lightweight-vms', open: true, counts: [0, 1, 0] } })
    expect(options().map(button => button.getAttribute('aria-pressed'))).toEqual(['false', 'true', 'false'])
    expect($('.deck-poll__summary').textContent).toBe('Your vote: Sort of. Tap another to change it.')
    expect(JSON.parse(storage.get('deck-poll-votes')!)).toEqual({ 'lightweight-vms': 1 })
    expect($<HTMLButtonElement>('.deck-poll__toggle').hidden).toBe(true)
  })

  it('shows a closed poll as closed, with its buttons off, and a refusal as said', () => {
    const { render, receive, options, $ } = panel({ 'deck-poll-votes': '{"lightweight-vms":2}' })
    receive({ t: 'polls', polls: POLLS })
    render(audience, slides, 2)
    expect(options()[2]!.getAttribute('aria-pressed')).toBe('true')
    receive({ t: 'poll', poll: { id: 'lightweight-vms', open: false, counts: [0, 0, 1] } })
    expect(options().every(button => button.disabled)).toBe(true)
    expect($('.deck-poll__summary').textContent).toBe('The poll is closed. Your vote: No, something else.')
    receive({ t: 'refused', code: 'poll-closed', reason: 'This poll is closed.', about: 'polls', poll: 'lightweight-vms' })
    expect($('.deck-poll__note').textContent).toBe('This poll is closed.')
    expect($('.deck-poll__note').dataset.problem).toBe('true')
  })

  it('on the presenter view, once the secret is proved: the votes and a close / reopen button', () => {
    const { render, receive, element, actions, $ } = panel()
    receive({ t: 'polls', polls: POLLS })
    render(audience, presenterView, 2)
    expect(element.hidden).toBe(true)
    render(presenter, presenterView, 2)
    expect(element.hidden).toBe(false)
    expect(pollLive.role).toBe('presenter')
    expect($('.deck-poll__options').hidden).toBe(true)
    receive({ t: 'poll', poll: { id: 'lightweight-vms', open: true, counts: [2, 1, 0] } })
    expect($('.deck-poll__summary').textContent).toBe('3 votes · open')
    $<HTMLButtonElement>('.deck-poll__toggle').click()
    expect(actions.setOpen).toHaveBeenCalledWith('lightweight-vms', false)
    receive({ t: 'poll', poll: { id: 'lightweight-vms', open: false, counts: [2, 1, 0] } })
    expect($('.deck-poll__toggle').textContent).toBe('Reopen poll')
    $<HTMLButtonElement>('.deck-poll__toggle').click()
    expect(actions.setOpen).toHaveBeenLastCalledWith('lightweight-vms', true)
  })

  it('stays away from print, and says so when a vote cannot be sent', () => {
    const { render, receive, element, actions, options, $ } = panel()
    receive({ t: 'polls', polls: POLLS })
    render(audience, { route: 'play', printing: true }, 2)
    expect(element.hidden).toBe(true)
    render(audience, slides, 2)
    actions.vote.mockReturnValueOnce(false)
    options()[0]!.click()
    expect($('.deck-poll__note').textContent).toMatch(/^Not connected/)
  })
})
