// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { countdown, remoteLink } from './remote'
import RemotePanel from './RemotePanel.vue'
import { presenter, presenterView, testStore } from './test-store'

let unmount: (() => void) | undefined
afterEach(() => {
  unmount?.()
  document.body.replaceChildren()
  vi.useRealTimers()
})

function panel() {
  const made = testStore()
  const wrapper = mount(RemotePanel, { props: { hosted: made.hosted, deckUrl: 'https://talks.example/containers/' }, attachTo: document.body })
  unmount = () => wrapper.unmount()
  const element = wrapper.element as HTMLElement
  const $ = (selector: string) => element.querySelector<HTMLElement>(selector)!
  const text = (selector: string) => $(selector).textContent.trim()
  const button = (label: string) => [...element.querySelectorAll('button')].find(b => b.textContent.trim() === label)!
  const receive = async (message: Parameters<typeof made.receive.remotes>[0]) => {
    made.receive.remotes(message)
    await nextTick()
  }
  return { ...made, element, $, text, button, receive }
}

describe('the presenter\'s phone remote panel', () => {
  it('puts the token in the link\'s fragment, under the deck\'s base, never in its path or query', () => {
    expect(remoteLink('https://talks.example/containers/?x=1', 'p.abc.def')).toBe('https://talks.example/containers/remote#pair=p.abc.def')
    expect(countdown(299_001)).toBe('5:00')
    expect(countdown(61_000)).toBe('1:01')
    expect(countdown(-5)).toBe('0:00')
  })

  it('shows only on the presenter view once the secret is accepted', async () => {
    const { element, show } = panel()
    await show({ ...presenter, role: 'audience' }, presenterView)
    expect(element.hidden).toBe(true)
    await show(presenter, { route: 'play', printing: false })
    expect(element.hidden).toBe(true)
    await show(presenter, presenterView)
    expect(element.hidden).toBe(false)
  })

  it('asks for a code when opened, draws it as a QR code with the link, counts down, and says when a phone paired', async () => {
    vi.useFakeTimers()
    const { show, receive, actions, $, text, button, advance, element } = panel()
    await show(presenter, presenterView)
    button('Phone remote').click()
    await nextTick()
    expect(actions.pairRemote).toHaveBeenCalledTimes(1)
    expect(text('.deck-remote__expiry')).toBe('Asking the server for a code…')
    expect($('.deck-remote__link').hasAttribute('href')).toBe(false)
    await receive({ t: 'pairing', token: 'p.abc.def', expiresIn: 300_000 })
    expect($('.deck-remote__link').getAttribute('href')).toBe('https://talks.example/containers/remote#pair=p.abc.def')
    await vi.waitFor(() => expect($('.deck-remote__code svg')).not.toBeNull())
    expect(text('.deck-remote__expiry')).toBe('Valid for 5:00, for one phone.')
    // A phone back by its session: the count, and the code still good.
    await receive({ t: 'remotes', count: 1 })
    expect(text('.deck-remote__expiry')).toBe('Valid for 5:00, for one phone.')
    await receive({ t: 'remotes', count: 2, paired: true })
    expect(text('.deck-remote__expiry')).toBe('Paired. New code pairs another phone.')
    expect(text('.deck-remote__paired')).toBe('2 phones paired.')
    button('New code').click()
    await nextTick()
    expect(actions.pairRemote).toHaveBeenCalledTimes(2)
    await receive({ t: 'pairing', token: 'p.ghi.jkl', expiresIn: 60_000 })
    expect(text('.deck-remote__expiry')).toBe('Valid for 1:00, for one phone.')
    advance(60_000)
    await vi.advanceTimersByTimeAsync(1000)
    expect(text('.deck-remote__expiry')).toBe('This code has expired: press New code.')
    expect(element.dataset.expired).toBe('true')
  })

  it('says so when the channel is down and no code can be asked for, and shows the server\'s refusal', async () => {
    const { show, actions, button, text, receive } = panel()
    actions.pairRemote.mockReturnValue(false)
    await show(presenter, presenterView)
    button('Phone remote').click()
    await nextTick()
    expect(text('.deck-remote__expiry')).toBe('Not connected to the server: press New code in a moment.')
    await receive({ t: 'refused', code: 'not-saved', reason: 'The phones are unpaired, but the revocation was not saved.', about: 'remotes' })
    expect(text('.deck-remote__expiry')).toBe('The phones are unpaired, but the revocation was not saved.')
  })

  it('revokes every phone and asks for a fresh code, the one shown being refused now too', async () => {
    const { show, actions, button, receive } = panel()
    await show(presenter, presenterView)
    button('Phone remote').click()
    button('Revoke every phone').click()
    await nextTick()
    expect(actions.revokeRemotes).toHaveBeenCalledTimes(1)
    expect(actions.pairRemote).toHaveBeenCalledTimes(2)
    // Until the server says how many are left, it is not pressed again.
    expect(button('Revoke every phone').disabled).toBe(true)
    await receive({ t: 'remotes', count: 0 })
    expect(button('Revoke every phone').disabled).toBe(false)
  })
})
