// @vitest-environment happy-dom
import type { PollView } from '../../shared/sync-protocol'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import PollPanel from './PollPanel.vue'
import { pollOnSlide } from './store'
import { audience, presenter, presenterView, slides, testStore } from './test-store'

const OPTIONS = ['Yes, lightweight VMs', 'Sort of', 'No, something else']
const POLLS: PollView[] = [
  { id: 'lightweight-vms', question: 'Are containers just lightweight VMs?', options: OPTIONS, slide: 2, open: true, counts: [0, 0, 0] },
  { id: 'lightweight-vms-again', question: 'Are containers just lightweight VMs?', options: OPTIONS, slide: 22, compare: 'lightweight-vms', open: true, counts: [0, 0, 0] },
]

let unmount: (() => void) | undefined
afterEach(() => {
  unmount?.()
  document.body.replaceChildren()
})

function panel(stored: Record<string, string> = {}) {
  const made = testStore(stored)
  const wrapper = mount(PollPanel, { props: { hosted: made.hosted }, attachTo: document.body })
  unmount = () => wrapper.unmount()
  const element = wrapper.element as HTMLElement
  const $ = <T extends Element = HTMLElement>(selector: string) => element.querySelector<T & Element>(selector)!
  const text = (selector: string) => $(selector).textContent.trim()
  const options = () => [...element.querySelectorAll<HTMLButtonElement>('.deck-poll__option')]
  const receive = async (message: Parameters<typeof made.receive.polls>[0]) => {
    made.receive.polls(message)
    await nextTick()
  }
  return { ...made, element, $, text, options, receive }
}

describe('the poll panel', () => {
  it('finds the poll on the slide shown', () => {
    expect(pollOnSlide(POLLS, 22)?.id).toBe('lightweight-vms-again')
    expect(pollOnSlide(POLLS, 3)).toBeUndefined()
    expect(pollOnSlide(POLLS, undefined)).toBeUndefined()
  })

  it('on an audience deck, on the poll\'s slide only: one button per option; a vote is marked once the server takes it, and kept', async () => {
    const { show, receive, element, actions, options, text, $, storage, hosted } = panel()
    await receive({ t: 'polls', polls: POLLS })
    await show(audience, slides, 3)
    expect(element.hidden).toBe(true)
    await show(audience, slides, 2)
    expect(element.hidden).toBe(false)
    // The slide's <Poll> reads the same store.
    expect(hosted.live.role).toBe('audience')
    expect(hosted.live.polls['lightweight-vms']).toMatchObject({ open: true, counts: [0, 0, 0] })
    expect(options().map(button => button.textContent.trim())).toEqual(OPTIONS)
    options()[1]!.click()
    expect(actions.vote).toHaveBeenCalledWith('lightweight-vms', 1)
    await receive({ t: 'voted', poll: 'lightweight-vms', option: 1 })
    await receive({ t: 'poll', poll: { id: 'lightweight-vms', open: true, counts: [0, 1, 0] } })
    expect(options().map(button => button.getAttribute('aria-pressed'))).toEqual(['false', 'true', 'false'])
    expect(text('.deck-poll__summary')).toBe('Your vote: Sort of. Tap another to change it.')
    expect(JSON.parse(storage.get('deck-poll-votes')!)).toEqual({ 'lightweight-vms': 1 })
    expect(hosted.live.polls['lightweight-vms']!.counts).toEqual([0, 1, 0])
    expect($<HTMLButtonElement>('.deck-poll__toggle').hidden).toBe(true)
  })

  it('shows a closed poll as closed, with its buttons off, and a refusal as said', async () => {
    const { show, receive, options, text, $ } = panel({ 'deck-poll-votes': '{"lightweight-vms":2}' })
    await receive({ t: 'polls', polls: POLLS })
    await show(audience, slides, 2)
    expect(options()[2]!.getAttribute('aria-pressed')).toBe('true')
    await receive({ t: 'poll', poll: { id: 'lightweight-vms', open: false, counts: [0, 0, 1] } })
    expect(options().every(button => button.disabled)).toBe(true)
    expect(text('.deck-poll__summary')).toBe('The poll is closed. Your vote: No, something else.')
    await receive({ t: 'refused', code: 'poll-closed', reason: 'This poll is closed.', about: 'polls', poll: 'lightweight-vms' })
    expect(text('.deck-poll__note')).toBe('This poll is closed.')
    expect($('.deck-poll__note').dataset.problem).toBe('true')
  })

  it('on the presenter view, once the secret is proved: the votes and a close / reopen button', async () => {
    const { show, receive, element, actions, text, $, hosted } = panel()
    await receive({ t: 'polls', polls: POLLS })
    await show(audience, presenterView, 2)
    expect(element.hidden).toBe(true)
    await show(presenter, presenterView, 2)
    expect(element.hidden).toBe(false)
    expect(hosted.live.role).toBe('presenter')
    expect($('.deck-poll__options').hidden).toBe(true)
    await receive({ t: 'poll', poll: { id: 'lightweight-vms', open: true, counts: [2, 1, 0] } })
    expect(text('.deck-poll__summary')).toBe('3 votes · open')
    $<HTMLButtonElement>('.deck-poll__toggle').click()
    expect(actions.setPollOpen).toHaveBeenCalledWith('lightweight-vms', false)
    await receive({ t: 'poll', poll: { id: 'lightweight-vms', open: false, counts: [2, 1, 0] } })
    expect(text('.deck-poll__toggle')).toBe('Reopen poll')
    $<HTMLButtonElement>('.deck-poll__toggle').click()
    expect(actions.setPollOpen).toHaveBeenLastCalledWith('lightweight-vms', true)
  })

  it('stays away from print, and says so when a vote cannot be sent', async () => {
    const { show, receive, element, actions, options, text } = panel()
    await receive({ t: 'polls', polls: POLLS })
    await show(audience, { route: 'play', printing: true }, 2)
    expect(element.hidden).toBe(true)
    await show(audience, slides, 2)
    actions.vote.mockReturnValueOnce(false)
    options()[0]!.click()
    await nextTick()
    expect(text('.deck-poll__note')).toMatch(/^Not connected/)
  })
})
