// @vitest-environment happy-dom
import type { SyncStatus } from './socket-sync'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { countdown, createRemotePanel, remoteLink } from './remote-panel'

const presenter: SyncStatus = { connection: 'open', role: 'presenter', following: false, browsing: false }
const presenterView = { route: 'presenter', printing: false }

afterEach(() => {
  document.body.replaceChildren()
})

function panel() {
  let now = 0
  const actions = { pair: vi.fn(() => true), revoke: vi.fn(() => true), deckUrl: () => 'https://talks.example/containers/', now: () => now }
  const made = createRemotePanel(document, actions)
  document.body.append(made.element)
  const $ = (selector: string) => made.element.querySelector<HTMLElement>(selector)!
  const button = (text: string) => [...made.element.querySelectorAll('button')].find(b => b.textContent === text)!
  return { ...made, actions, $, button, advance: (ms: number) => (now += ms) }
}

describe('the presenter\'s phone remote panel', () => {
  it('puts the token in the link\'s fragment, under the deck\'s base, never in its path or query', () => {
    expect(remoteLink('https://talks.example/containers/?x=1', 'p.abc.def')).toBe('https://talks.example/containers/remote#pair=p.abc.def')
    expect(countdown(299_001)).toBe('5:00')
    expect(countdown(61_000)).toBe('1:01')
    expect(countdown(-5)).toBe('0:00')
  })

  it('shows only on the presenter view once the secret is accepted', () => {
    const { element, render } = panel()
    render({ ...presenter, role: 'audience' }, presenterView)
    expect(element.hidden).toBe(true)
    render(presenter, { route: 'play', printing: false })
    expect(element.hidden).toBe(true)
    render(presenter, presenterView)
    expect(element.hidden).toBe(false)
  })

  it('asks for a code when opened, draws it as a QR code with the link, counts down, and says when a phone paired', async () => {
    const { render, receive, actions, $, button, advance } = panel()
    render(presenter, presenterView)
    button('Phone remote').click()
    expect(actions.pair).toHaveBeenCalledTimes(1)
    expect($('.deck-remote__expiry').textContent).toBe('Asking the server for a code…')
    receive({ t: 'pairing', token: 'p.abc.def', expiresIn: 300_000 })
    expect($('.deck-remote__link').getAttribute('href')).toBe('https://talks.example/containers/remote#pair=p.abc.def')
    await vi.waitFor(() => expect($('.deck-remote__code svg')).not.toBeNull())
    expect($('.deck-remote__expiry').textContent).toBe('Valid for 5:00, for one phone.')
    // A phone back by its session: the count, and the code still good.
    receive({ t: 'remotes', count: 1 })
    expect($('.deck-remote__expiry').textContent).toBe('Valid for 5:00, for one phone.')
    receive({ t: 'remotes', count: 2, paired: true })
    expect($('.deck-remote__expiry').textContent).toBe('Paired. New code pairs another phone.')
    expect($('.deck-remote__paired').textContent).toBe('2 phones paired.')
    button('New code').click()
    expect(actions.pair).toHaveBeenCalledTimes(2)
    receive({ t: 'pairing', token: 'p.ghi.jkl', expiresIn: 60_000 })
    expect($('.deck-remote__expiry').textContent).toBe('Valid for 1:00, for one phone.')
    advance(60_000)
    await vi.waitFor(() => expect($('.deck-remote__expiry').textContent).toBe('This code has expired: press New code.'), { timeout: 2000 })
  })

  it('says so when the channel is down and no code can be asked for', () => {
    const { render, actions, button, $ } = panel()
    actions.pair.mockReturnValue(false)
    render(presenter, presenterView)
    button('Phone remote').click()
    expect($('.deck-remote__expiry').textContent).toBe('Not connected to the server: press New code in a moment.')
  })

  it('revokes every phone and asks for a fresh code, the one shown being refused now too', () => {
    const { render, actions, button } = panel()
    render(presenter, presenterView)
    button('Phone remote').click()
    button('Revoke every phone').click()
    expect(actions.revoke).toHaveBeenCalledTimes(1)
    expect(actions.pair).toHaveBeenCalledTimes(2)
  })
})
