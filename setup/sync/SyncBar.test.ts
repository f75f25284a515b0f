// @vitest-environment happy-dom
import type { SyncStatus } from './socket-sync'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import SyncBar from './SyncBar.vue'
import { slides, testStore } from './test-store'

const following: SyncStatus = { connection: 'open', role: 'audience', following: true, browsing: false, live: { page: 12, clicks: 0, clicksTotal: 0 }, place: { page: 12, clicks: 0 } }
const browsing: SyncStatus = { ...following, following: false, browsing: true, place: { page: 7, clicks: 0 } }

let unmount: (() => void) | undefined
afterEach(() => {
  unmount?.()
  document.body.replaceChildren()
  document.documentElement.className = ''
  vi.useRealTimers()
})

function bar() {
  const made = testStore()
  const wrapper = mount(SyncBar, { props: { hosted: made.hosted }, attachTo: document.body })
  unmount = () => wrapper.unmount()
  const element = wrapper.element as HTMLElement
  const badge = element.querySelector<HTMLElement>('.deck-sync')!
  const button = element.querySelector<HTMLButtonElement>('button')!
  return { ...made, element, badge, button }
}

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(event)
  return event
}

describe('the sync bar', () => {
  it('announces the status politely, and offers nothing to press while the deck follows', async () => {
    const { show, badge, button, element } = bar()
    await show(following, slides)
    expect(badge.getAttribute('role')).toBe('status')
    expect(badge.getAttribute('aria-live')).toBe('polite')
    expect(badge.textContent.trim()).toBe('Following the presenter')
    expect(button.hidden).toBe(true)
    expect(element.dataset.browsing).toBe('false')
    expect(document.documentElement.classList.contains('deck-sync-browsing')).toBe(false)
    expect(press('l').defaultPrevented).toBe(false)
  })

  it('while browsing, says where the deck is and offers a real button back to live, by click or the L key', async () => {
    const { show, badge, button, element, actions } = bar()
    await show(browsing, slides)
    expect(badge.textContent.trim()).toBe('Browsing — slide 7')
    expect(badge.dataset.browsing).toBe('true')
    expect(element.dataset.browsing).toBe('true')
    expect(button.tagName).toBe('BUTTON')
    expect(button.type).toBe('button')
    expect(button.hidden).toBe(false)
    expect(button.textContent.trim()).toBe('Back to live (slide 12)')
    expect(button.getAttribute('aria-keyshortcuts')).toBe('L')
    // The slide makes room for the pill.
    expect(document.documentElement.classList.contains('deck-sync-browsing')).toBe(true)
    button.click()
    expect(actions.backToLive).toHaveBeenCalledTimes(1)
    expect(press('L', { shiftKey: true }).defaultPrevented).toBe(true)
    expect(actions.backToLive).toHaveBeenCalledTimes(2)
    // The presenter moves on: the button says where live is now.
    await show({ ...browsing, live: { page: 13, clicks: 0, clicksTotal: 0 } }, slides)
    expect(button.textContent.trim()).toBe('Back to live (slide 13)')
    expect(badge.dataset).toMatchObject({ livePage: '13', liveClicks: '0' })
  })

  it('leaves the key alone when it is typed into a field, or held with a modifier', async () => {
    const { show, actions } = bar()
    await show(browsing, slides)
    const input = document.createElement('input')
    document.body.append(input)
    press('l', {}, input)
    press('l', { ctrlKey: true })
    press('l', { metaKey: true })
    expect(actions.backToLive).not.toHaveBeenCalled()
  })

  it('shows no button on the presenter view, on paper, or off the slides; and nothing at all off the slides or on paper', async () => {
    const { show, button, element, actions } = bar()
    await show({ ...browsing, role: 'presenter' }, { route: 'presenter', printing: false })
    expect(button.hidden).toBe(true)
    expect(element.hidden).toBe(false)
    await show(browsing, { route: 'presenter', printing: false })
    expect(button.hidden).toBe(true)
    await show(browsing, { route: 'play', printing: true })
    expect(element.hidden).toBe(true)
    expect(document.documentElement.classList.contains('deck-sync-browsing')).toBe(false)
    await show(browsing, { route: 'overview', printing: false })
    expect(element.hidden).toBe(true)
    expect(button.hidden).toBe(true)
    press('l')
    expect(actions.backToLive).not.toHaveBeenCalled()
  })

  it('fades the badge once the deck follows, never while browsing', async () => {
    vi.useFakeTimers()
    const { show, badge } = bar()
    await show(following, slides)
    await vi.advanceTimersByTimeAsync(3000)
    expect(badge.classList.contains('deck-sync--quiet')).toBe(true)
    await show(browsing, slides)
    expect(badge.classList.contains('deck-sync--quiet')).toBe(false)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(badge.classList.contains('deck-sync--quiet')).toBe(false)
  })
})
