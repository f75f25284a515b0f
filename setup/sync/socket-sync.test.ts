import type { Place, SocketSyncOptions, SyncStatus } from './socket-sync'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { checkPosition } from '../../shared/sync-protocol'
import { FakeSocket } from './fake-socket'
import { createSocketSync, isAt, isSharedChannel, positionOf } from './socket-sync'
import { backToLiveText, statusIsQuiet, statusText } from './status'

function setup(overrides: Partial<SocketSyncOptions> = {}) {
  FakeSocket.instances = []
  let stored: string | null = null
  const statuses: SyncStatus[] = []
  const options: SocketSyncOptions = {
    url: 'ws://deck/sync',
    isPresenterView: () => false,
    secretStore: { get: () => stored, set: (secret) => { stored = secret } },
    askSecret: () => null,
    onStatus: status => statuses.push(status),
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    backoff: () => 0,
    ...overrides,
  }
  const sync = createSocketSync(options)
  // Slidev's shared state; `lastUpdate` says who wrote it last (a channel's update, or a deck's own move).
  const state: { page: number, clicks: number, clicksTotal: number, timer: object, lastUpdate?: { id: string, type: 'presenter' | 'viewer', time: number } } = { page: 1, clicks: 0, clicksTotal: 0, timer: {} }
  const updates: Record<string, unknown>[] = []
  const write = sync.init('Deck - shared', (data: Partial<typeof state>) => updates.push(data), state)!
  const setStored = (secret: string): void => {
    stored = secret
  }
  return { sync, state, write, updates, statuses, stored: () => stored, setStored }
}

const flush = () => new Promise(resolve => setTimeout(resolve, 0))

async function opened(): Promise<FakeSocket> {
  await flush()
  const socket = FakeSocket.instances.at(-1)!
  socket.open()
  return socket
}

afterEach(() => {
  vi.useRealTimers()
})

describe('the deck\'s sync channel', () => {
  it('syncs only Slidev\'s shared channel, not drawings or persisted state', () => {
    expect(isSharedChannel('Deck - shared', false)).toBe(true)
    expect(isSharedChannel('Deck - drawings', false)).toBe(false)
    expect(isSharedChannel('Deck - shared', true)).toBe(false)
    const { sync } = setup()
    expect(sync.init('Deck - drawings', () => {}, {})).toBeUndefined()
  })

  it('connects once the deck is ready, not before', async () => {
    let ready!: () => void
    setup({ ready: new Promise<void>((resolve) => {
      ready = resolve
    }) })
    await flush()
    expect(FakeSocket.instances).toHaveLength(0)
    ready()
    await flush()
    expect(FakeSocket.instances).toHaveLength(1)
  })

  it('an audience deck follows the positions the server sends, and never sends its own', async () => {
    const { write, state, updates, statuses } = setup()
    const socket = await opened()
    socket.receive({ t: 'state', page: 4, clicks: 2, clicksTotal: 3 })
    expect(updates).toEqual([expect.objectContaining({ page: 4, clicks: 2, clicksTotal: 3, lastUpdate: expect.objectContaining({ type: 'presenter' }) })])
    expect(statuses.at(-1)).toMatchObject({ connection: 'open', role: 'audience', following: true })
    write({ ...state, page: 7 })
    expect(socket.sent).toEqual([])
  })

  it('ignores what it does not understand', async () => {
    const { updates } = setup()
    const socket = await opened()
    socket.receive({ t: 'state', page: -1, clicks: 0, clicksTotal: 0 })
    socket.receive({ t: 'mystery' })
    socket.dispatchEvent(new MessageEvent('message', { data: 'not json' }))
    expect(updates).toEqual([])
  })

  it('the presenter view proves the stored secret, then sends where it is, once per change', async () => {
    const { write, state, setStored, updates } = setup({ isPresenterView: () => true })
    setStored('the-secret')
    const socket = await opened()
    expect(socket.sent).toEqual([{ t: 'auth', secret: 'the-secret' }])
    // Before the server answers, the presenter view neither sends nor follows.
    write({ ...state, page: 2 })
    socket.receive({ t: 'state', page: 9, clicks: 0, clicksTotal: 0 })
    expect(updates).toEqual([])
    state.page = 2
    socket.receive({ t: 'auth', ok: true })
    expect(socket.sent.at(-1)).toEqual({ t: 'nav', page: 2, clicks: 0, clicksTotal: 0 })
    write({ ...state, page: 2, clicks: 1, clicksTotal: 2 })
    write({ ...state, page: 2, clicks: 1, clicksTotal: 2 })
    write({ ...state, page: 3 }, true)
    expect(socket.sent.slice(2)).toEqual([{ t: 'nav', page: 2, clicks: 1, clicksTotal: 2 }])
  })

  it('the presenter view follows a step of the phone remote, as a viewer\'s move Slidev\'s presenter view takes, and does not send it back', async () => {
    const { sync, write, state, setStored, updates } = setup({ isPresenterView: () => true })
    setStored('the-secret')
    const socket = await opened()
    socket.receive({ t: 'auth', ok: true })
    // Another presenter deck's position moves nothing here; the remote's does.
    socket.receive({ t: 'state', page: 7, clicks: 0, clicksTotal: 0 })
    expect(updates).toEqual([])
    socket.receive({ t: 'state', page: 3, clicks: 1, clicksTotal: 2, by: 'remote' })
    expect(updates).toEqual([{ page: 3, clicks: 1, clicksTotal: 2, lastUpdate: expect.objectContaining({ type: 'viewer' }) }])
    const sent = socket.sent.length
    write({ ...state, page: 3, clicks: 1, clicksTotal: 2 })
    expect(socket.sent.length).toBe(sent)
    expect(sync.pairRemote()).toBe(true)
    expect(sync.revokeRemotes()).toBe(true)
    expect(socket.sent.slice(sent)).toEqual([{ t: 'pair' }, { t: 'revoke-remotes' }])
  })

  it('the presenter view sends Slidev\'s timer when it starts, pauses or is reset, for the phone\'s pace; an audience deck never does', async () => {
    vi.useFakeTimers({ now: 100_000, toFake: ['Date'] })
    const { write, state, setStored } = setup({ isPresenterView: () => true })
    setStored('the-secret')
    const socket = await opened()
    // Started before the secret was proved: sent once it is.
    state.timer = { status: 'running', startedAt: 40_000, pausedAt: 0 }
    socket.receive({ t: 'auth', ok: true })
    expect((socket.sent as { t: string }[]).filter(message => message.t === 'clock')).toEqual([{ t: 'clock', running: true, elapsed: 60_000 }])
    // A move is not a change of the timer.
    write({ ...state, page: 2 })
    write({ ...state, page: 2, timer: { status: 'paused', startedAt: 40_000, pausedAt: 70_000 } })
    write({ ...state, page: 2, timer: { status: 'stopped', startedAt: 0, pausedAt: 0 } })
    expect((socket.sent as { t: string }[]).filter(message => message.t === 'clock')).toEqual([
      { t: 'clock', running: true, elapsed: 60_000 },
      { t: 'clock', running: false, elapsed: 30_000 },
      { t: 'clock', running: false, elapsed: 0 },
    ])
    const audience = setup()
    const follower = await opened()
    audience.write({ ...audience.state, timer: { status: 'running', startedAt: 1, pausedAt: 0 } })
    expect(follower.sent).toEqual([])
  })

  it('an audience deck cannot ask to pair or revoke a remote', async () => {
    const { sync } = setup()
    const socket = await opened()
    expect(sync.pairRemote()).toBe(false)
    expect(sync.revokeRemotes()).toBe(false)
    expect(socket.sent).toEqual([])
  })

  it('asks for the secret when none is stored; a refused one is forgotten and asked for again', async () => {
    const asked: boolean[] = []
    const answers = ['first-try', null]
    const { stored, statuses } = setup({ isPresenterView: () => true, askSecret: (retry) => {
      asked.push(retry)
      return answers.shift() ?? null
    } })
    const socket = await opened()
    expect(socket.sent).toEqual([{ t: 'auth', secret: 'first-try' }])
    socket.receive({ t: 'auth', ok: false, reason: 'wrong' })
    expect(asked).toEqual([false, true])
    expect(stored()).toBeNull()
    expect(statuses.at(-1)?.role).toBe('wrong')
  })

  it('a presenter whose position the server refuses stops claiming to lead, until the next route change proves the secret again', async () => {
    const { sync, write, state, setStored, statuses } = setup({ isPresenterView: () => true })
    setStored('the-secret')
    const socket = await opened()
    socket.receive({ t: 'auth', ok: true })
    expect(socket.sent.at(-1)).toEqual({ t: 'nav', page: 1, clicks: 0, clicksTotal: 0 })
    socket.receive({ t: 'refused', code: 'not-presenter', reason: 'only the presenter moves the deck', about: 'position' })
    expect(statuses.at(-1)).toMatchObject({ connection: 'open', role: 'audience' })
    expect(statusText(statuses.at(-1)!, true)).toBe('Not presenting: this view does not move the audience')
    write({ ...state, page: 2 })
    expect(socket.sent).toHaveLength(2)
    state.page = 2
    sync.routeChanged()
    expect(socket.sent.at(-1)).toEqual({ t: 'auth', secret: 'the-secret' })
    socket.receive({ t: 'auth', ok: true })
    expect(socket.sent.at(-1)).toEqual({ t: 'nav', page: 2, clicks: 0, clicksTotal: 0 })
    expect(statuses.at(-1)?.role).toBe('presenter')
  })

  it('a presenter keeps leading when the server refuses something else: a phone remote, a poll, a question', async () => {
    const { statuses } = setup({ isPresenterView: () => true })
    const socket = await opened()
    socket.receive({ t: 'auth', ok: true })
    socket.receive({ t: 'refused', code: 'not-offered', reason: 'this server pairs no phone remote', about: 'remotes' })
    socket.receive({ t: 'refused', code: 'not-offered', reason: 'this server takes no votes', about: 'polls', poll: 'lightweight-vms' })
    socket.receive({ t: 'refused', code: 'not-saved', reason: 'Not saved', about: 'questions', id: 1 })
    expect(statuses.at(-1)?.role).toBe('presenter')
  })

  it('an audience deck that is told its position was refused stays as it was', async () => {
    const { statuses, updates } = setup()
    const socket = await opened()
    socket.receive({ t: 'state', page: 3, clicks: 0, clicksTotal: 0 })
    const before = statuses.length
    socket.receive({ t: 'refused', code: 'not-presenter', reason: 'only the presenter moves the deck', about: 'position' })
    expect(statuses).toHaveLength(before)
    expect(statuses.at(-1)).toMatchObject({ role: 'audience', following: true })
    expect(updates).toHaveLength(1)
    expect(socket.sent).toEqual([])
  })

  it('after too many wrong secrets it waits, and does not ask again', async () => {
    const askSecret = vi.fn(() => 'guess')
    const { statuses } = setup({ isPresenterView: () => true, askSecret })
    const socket = await opened()
    socket.receive({ t: 'auth', ok: false, reason: 'limited', retryAfter: 42 })
    expect(statuses.at(-1)).toMatchObject({ role: 'limited', retryAfter: 42 })
    expect(askSecret).toHaveBeenCalledTimes(1)
  })

  it('a presenter who declines the prompt is not asked again until they reopen the presenter view', async () => {
    let presenter = true
    const askSecret = vi.fn(() => null)
    const { sync } = setup({ isPresenterView: () => presenter, askSecret })
    await opened()
    sync.routeChanged()
    expect(askSecret).toHaveBeenCalledTimes(1)
    presenter = false
    sync.routeChanged()
    presenter = true
    sync.routeChanged()
    expect(askSecret).toHaveBeenCalledTimes(2)
  })

  it('reconnects after the connection drops, proves the secret again and resends the position', async () => {
    const backoff = vi.fn(() => 0)
    const { state, setStored, statuses } = setup({ isPresenterView: () => true, backoff })
    setStored('the-secret')
    let socket = await opened()
    socket.receive({ t: 'auth', ok: true })
    state.page = 5
    socket.drop()
    expect(statuses.at(-1)).toMatchObject({ connection: 'closed' })
    await flush()
    socket = FakeSocket.instances.at(-1)!
    expect(FakeSocket.instances).toHaveLength(2)
    socket.open()
    expect(socket.sent).toEqual([{ t: 'auth', secret: 'the-secret' }])
    socket.receive({ t: 'auth', ok: true })
    expect(socket.sent.at(-1)).toEqual({ t: 'nav', page: 5, clicks: 0, clicksTotal: 0 })
    expect(backoff).toHaveBeenCalledWith(0)
  })

  it('pings the server, and a deck that hears nothing back reconnects, stops saying it follows and catches up', async () => {
    vi.useFakeTimers()
    const { statuses, updates } = setup({ heartbeat: { intervalMs: 20_000, timeoutMs: 10_000 } })
    await vi.advanceTimersByTimeAsync(0)
    const socket = FakeSocket.instances.at(-1)!
    socket.open()
    socket.receive({ t: 'state', page: 3, clicks: 0, clicksTotal: 0 })
    expect(statuses.at(-1)).toMatchObject({ connection: 'open', following: true })
    await vi.advanceTimersByTimeAsync(20_000)
    expect(socket.sent).toEqual([{ t: 'ping' }])
    socket.receive({ t: 'pong' })
    await vi.advanceTimersByTimeAsync(20_000 + 9_999)
    expect(socket.sent).toEqual([{ t: 'ping' }, { t: 'ping' }])
    expect(FakeSocket.instances).toHaveLength(1)
    // The path went silent: no pong, no close. The deck gives up on it and opens another connection.
    await vi.advanceTimersByTimeAsync(1)
    expect(socket.closedWith).toBe(4000)
    expect(statuses).toContainEqual(expect.objectContaining({ connection: 'closed', following: false }))
    expect(statusText(statuses.find(status => status.connection === 'closed')!, false)).toBe('Reconnecting to the talk…')
    // After the backoff (0 here; the timer runs on the next tick).
    await vi.advanceTimersByTimeAsync(1)
    expect(FakeSocket.instances).toHaveLength(2)
    const again = FakeSocket.instances[1]!
    again.open()
    again.receive({ t: 'state', page: 6, clicks: 1, clicksTotal: 2 })
    expect(updates.at(-1)).toMatchObject({ page: 6, clicks: 1 })
    expect(statuses.at(-1)).toMatchObject({ connection: 'open', following: true })
    // What the old connection still delivers is no longer heard.
    socket.receive({ t: 'state', page: 1, clicks: 0, clicksTotal: 0 })
    expect(updates.at(-1)).toMatchObject({ page: 6 })
  })

  it('stops for good when closed', async () => {
    const { sync } = setup()
    const socket = await opened()
    sync.close()
    await flush()
    expect(socket.readyState).toBe(FakeSocket.CLOSED)
    expect(FakeSocket.instances).toHaveLength(1)
  })
})

/**
 * An audience deck with a route: `go` is a move of the reader's own (arrow key, swipe), `slidevFollows` is
 * what Slidev does with a position the channel hands it (it navigates there). Each ends with the route change.
 */
async function audienceDeck(overrides: Partial<SocketSyncOptions> = {}) {
  let place: Place = { page: 1, clicks: 0 }
  const deck = setup({ currentPlace: () => place, ...overrides })
  const socket = await opened()
  const go = (page: number, clicks = 0): void => {
    place = { page, clicks }
    deck.sync.routeChanged()
  }
  const slidevFollows = (): void => {
    const { page, clicks } = deck.updates.at(-1) as { page: number, clicks: number }
    go(page, clicks)
  }
  const status = (): SyncStatus => deck.sync.status()
  return { ...deck, socket, go, slidevFollows, status }
}

describe('browsing away from the presenter and back to live', () => {
  it('a move of the reader\'s own stops following; the presenter\'s moves are noted, not followed; back to live goes to the latest and follows again', async () => {
    const { socket, go, slidevFollows, updates, status, sync } = await audienceDeck()
    socket.receive({ t: 'state', page: 12, clicks: 0, clicksTotal: 0 })
    slidevFollows()
    expect(status()).toMatchObject({ following: true, browsing: false, place: { page: 12, clicks: 0 } })

    go(11)
    go(10, 999999)
    expect(status()).toMatchObject({ following: false, browsing: true, place: { page: 10, clicks: 999999 }, live: { page: 12 } })
    expect(statusText(status(), false)).toBe('Browsing — slide 10')
    expect(backToLiveText(status(), false)).toBe('Back to live (slide 12)')
    expect(statusIsQuiet(status(), false)).toBe(false)

    // The presenter goes on: the deck stays, and the control says where live is now.
    socket.receive({ t: 'state', page: 13, clicks: 1, clicksTotal: 3 })
    expect(updates).toHaveLength(1)
    expect(status()).toMatchObject({ browsing: true, following: false, live: { page: 13, clicks: 1, clicksTotal: 3 } })
    expect(backToLiveText(status(), false)).toBe('Back to live (slide 13)')

    sync.backToLive()
    expect(updates).toHaveLength(2)
    expect(updates.at(-1)).toMatchObject({ page: 13, clicks: 1, clicksTotal: 3, lastUpdate: expect.objectContaining({ type: 'presenter' }) })
    expect(status()).toMatchObject({ following: true, browsing: false })
    slidevFollows()
    expect(status()).toMatchObject({ following: true, browsing: false, place: { page: 13, clicks: 1 } })

    // And it follows the next move again.
    socket.receive({ t: 'state', page: 13, clicks: 2, clicksTotal: 3 })
    expect(updates.at(-1)).toMatchObject({ page: 13, clicks: 2 })
    expect(socket.sent).toEqual([])
  })

  it('stepping onto the live position is live again; a slide\'s end counts as its last click', async () => {
    const { socket, go, slidevFollows, updates, status } = await audienceDeck()
    socket.receive({ t: 'state', page: 5, clicks: 2, clicksTotal: 2 })
    slidevFollows()
    go(4)
    expect(status().browsing).toBe(true)
    go(5, 1)
    expect(status()).toMatchObject({ browsing: true })
    expect(statusText(status(), false)).toBe('Browsing — slide 5, step 1')
    expect(backToLiveText(status(), false)).toBe('Back to live (slide 5, step 2)')
    go(5, 999999)
    expect(status()).toMatchObject({ following: true, browsing: false })

    // The presenter arriving where a browsing reader is makes them live too.
    go(7)
    expect(status().browsing).toBe(true)
    socket.receive({ t: 'state', page: 7, clicks: 0, clicksTotal: 1 })
    expect(status()).toMatchObject({ following: true, browsing: false })
    expect(updates.at(-1)).toMatchObject({ page: 7, clicks: 0 })
  })

  it('positions a channel brought are not the reader\'s moves: quick presenter moves, and Slidev\'s sync between windows', async () => {
    const { socket, go, write, state, status } = await audienceDeck()
    socket.receive({ t: 'state', page: 4, clicks: 0, clicksTotal: 0 })
    socket.receive({ t: 'state', page: 5, clicks: 0, clicksTotal: 0 })
    // Slidev reaches the first before it hears of the second.
    go(4)
    expect(status()).toMatchObject({ following: true, browsing: false })
    go(5)
    expect(status()).toMatchObject({ following: true, browsing: false })
    // A presenter view in another window of this browser moves this one through Slidev's BroadcastChannel, before the server's copy comes.
    write({ ...state, page: 6, clicks: 0, clicksTotal: 0, lastUpdate: { id: 'http://localhost:4327_fghij', type: 'presenter', time: 0 } }, true)
    go(6)
    expect(status()).toMatchObject({ following: true, browsing: false })
    socket.receive({ t: 'state', page: 6, clicks: 0, clicksTotal: 0 })
    expect(status()).toMatchObject({ following: true, browsing: false })
    // A position reached once no longer excuses a move: going back to slide 5 by hand is browsing.
    go(5)
    expect(status().browsing).toBe(true)
  })

  it('the deck\'s own report of where it arrived is not a position a channel brought, even while Slidev still counts the update as one', async () => {
    // A deck on localhost writes its route into Slidev's shared state after each move, as a viewer's. Arriving at a
    // slide, before the slide has counted its clicks, it writes the slide with clicksTotal 0; Slidev still says
    // "updating" until the channel's update is a task old, so the write comes with updating = true.
    const { socket, go, write, state, status } = await audienceDeck()
    const own = { id: 'http://localhost:4327_abcde', type: 'viewer', time: 0 } as const
    socket.receive({ t: 'state', page: 7, clicks: 0, clicksTotal: 3 })
    go(7)
    write({ ...state, page: 7, clicks: 0, clicksTotal: 0, lastUpdate: own }, true)
    // The presenter's next two clicks come before Slidev has reached the first: it goes straight to the second.
    socket.receive({ t: 'state', page: 7, clicks: 1, clicksTotal: 3 })
    socket.receive({ t: 'state', page: 7, clicks: 2, clicksTotal: 3 })
    go(7, 2)
    write({ ...state, page: 7, clicks: 2, clicksTotal: 3, lastUpdate: own }, true)
    expect(status()).toMatchObject({ following: true, browsing: false })
    // A click back by hand is the reader's own move: browsing (slide 7 at clicksTotal 0 would have matched any click).
    go(7, 1)
    expect(status()).toMatchObject({ browsing: true, following: false, place: { page: 7, clicks: 1 } })
    expect(statusText(status(), false)).toBe('Browsing — slide 7, step 1')
  })

  it('before the presenter is heard a move is not browsing, and the presenter view never browses', async () => {
    const reader = await audienceDeck()
    reader.go(3)
    expect(reader.status()).toMatchObject({ browsing: false, following: false })
    reader.sync.backToLive()
    expect(reader.updates).toEqual([])

    let presenter = true
    const view = await audienceDeck({ isPresenterView: () => presenter })
    view.socket.receive({ t: 'state', page: 9, clicks: 0, clicksTotal: 0 })
    view.go(2)
    expect(view.status().browsing).toBe(false)
    expect(backToLiveText({ ...view.status(), browsing: true, live: { page: 9, clicks: 0, clicksTotal: 0 } }, true)).toBeUndefined()
    // Leaving the presenter view for the slides makes it an audience deck like any other.
    presenter = false
    view.go(2)
    view.socket.receive({ t: 'state', page: 9, clicks: 0, clicksTotal: 0 })
    expect(view.updates.at(-1)).toMatchObject({ page: 9 })
  })

  it('browsing lasts through a reconnect: the deck learns where live is, and stays', async () => {
    const { socket, go, slidevFollows, updates, status, sync } = await audienceDeck()
    socket.receive({ t: 'state', page: 8, clicks: 0, clicksTotal: 0 })
    slidevFollows()
    go(3)
    socket.drop()
    expect(statusText(status(), false)).toBe('Reconnecting to the talk…')
    await flush()
    const again = FakeSocket.instances.at(-1)!
    again.open()
    again.receive({ t: 'state', page: 9, clicks: 0, clicksTotal: 0 })
    expect(updates).toHaveLength(1)
    expect(status()).toMatchObject({ connection: 'open', browsing: true, following: false, live: { page: 9 } })
    sync.backToLive()
    expect(updates.at(-1)).toMatchObject({ page: 9, clicks: 0 })
    expect(status()).toMatchObject({ browsing: false, following: true })
  })
})

describe('isAt', () => {
  it('compares slide and click, a click past the slide\'s last counting as the last', () => {
    expect(isAt({ page: 4, clicks: 3 }, { page: 4, clicks: 3, clicksTotal: 3 })).toBe(true)
    expect(isAt({ page: 4, clicks: 999999 }, { page: 4, clicks: 3, clicksTotal: 3 })).toBe(true)
    expect(isAt({ page: 4, clicks: 2 }, { page: 4, clicks: 3, clicksTotal: 3 })).toBe(false)
    expect(isAt({ page: 5, clicks: 3 }, { page: 4, clicks: 3, clicksTotal: 3 })).toBe(false)
  })
})

describe('positionOf', () => {
  it('sends a slide opened at its end (Slidev\'s 999999 clicks) as its last click, which the server accepts', () => {
    expect(positionOf({ page: 4, clicks: 999999, clicksTotal: 3 })).toEqual({ page: 4, clicks: 3, clicksTotal: 3 })
    expect(checkPosition({ ...positionOf({ page: 4, clicks: 999999, clicksTotal: 0 }) })).toBeUndefined()
    expect(positionOf({ page: 2.7, clicks: 1.2, clicksTotal: 2 })).toEqual({ page: 2, clicks: 1, clicksTotal: 2 })
    expect(positionOf({ page: 2 })).toBeUndefined()
  })
})

describe('the sync badge', () => {
  const status = (patch: Partial<SyncStatus>): SyncStatus => ({ connection: 'open', role: 'audience', following: false, browsing: false, ...patch })

  it('tells the presenter whether they are live and how many follow', () => {
    expect(statusText(status({ role: 'presenter', audience: 12 }), true)).toBe('Live: 12 following')
    expect(statusText(status({ role: 'wrong' }), true)).toBe('Secret refused: this view does not move the audience')
    expect(statusText(status({ role: 'audience' }), true)).toBe('Not presenting: this view does not move the audience')
    expect(statusText(status({ role: 'limited', retryAfter: 30 }), true)).toBe('Too many wrong secrets: try again in 30 s')
    expect(statusText(status({ connection: 'closed', role: 'presenter' }), true)).toBe('Reconnecting…')
  })

  it('tells the audience whether they follow, and fades once they do', () => {
    expect(statusText(status({}), false)).toBe('Waiting for the presenter')
    expect(statusText(status({ following: true }), false)).toBe('Following the presenter')
    expect(statusText(status({ connection: 'connecting' }), false)).toBe('Reconnecting to the talk…')
    expect(statusIsQuiet(status({ following: true }), false)).toBe(true)
    expect(statusIsQuiet(status({ following: false }), false)).toBe(false)
    expect(statusIsQuiet(status({ role: 'presenter', following: true }), true)).toBe(false)
  })

  it('tells a browsing reader where they are and where live is, step by step on the live slide', () => {
    const live = { page: 12, clicks: 2, clicksTotal: 3 }
    expect(statusText(status({ browsing: true, live, place: { page: 7, clicks: 1 } }), false)).toBe('Browsing — slide 7')
    expect(backToLiveText(status({ browsing: true, live, place: { page: 7, clicks: 1 } }), false)).toBe('Back to live (slide 12)')
    expect(statusText(status({ browsing: true, live, place: { page: 12, clicks: 0 } }), false)).toBe('Browsing — slide 12, start')
    expect(backToLiveText(status({ browsing: true, live, place: { page: 12, clicks: 0 } }), false)).toBe('Back to live (slide 12, step 2)')
    expect(statusText(status({ browsing: true, connection: 'closed', live, place: { page: 7, clicks: 0 } }), false)).toBe('Reconnecting to the talk…')
    // Nothing to go back to: following, or no presenter heard yet.
    expect(backToLiveText(status({ following: true, live, place: { page: 12, clicks: 2 } }), false)).toBeUndefined()
    expect(backToLiveText(status({ browsing: true, place: { page: 7, clicks: 0 } }), false)).toBeUndefined()
  })
})

describe('questions over the channel', () => {
  it('sends questions and upvotes with the device id, and passes the server\'s question messages on', async () => {
    const onQuestions = vi.fn()
    const { sync } = setup({ deviceId: () => 'device-0123456789abcdef', onQuestions })
    expect(sync.ask('before the channel is open')).toBe(false)
    const socket = await opened()
    // Each connection starts from an empty list; the server sends its own next.
    expect(onQuestions).toHaveBeenLastCalledWith({ t: 'questions', questions: [] })
    expect(sync.ask('Why?')).toBe(true)
    expect(sync.upvote(4)).toBe(true)
    expect(socket.sent).toEqual([{ t: 'ask', device: 'device-0123456789abcdef', text: 'Why?' }, { t: 'upvote', device: 'device-0123456789abcdef', id: 4 }])
    socket.receive({ t: 'question', question: { id: 4, text: '<b>x</b>', votes: 1, answered: false } })
    expect(onQuestions).toHaveBeenLastCalledWith({ t: 'question', question: { id: 4, text: '<b>x</b>', votes: 1, answered: false } })
  })

  it('a refusal about questions does not make the presenter stop presenting', async () => {
    const onQuestions = vi.fn()
    const { statuses, setStored, sync } = setup({ isPresenterView: () => true, onQuestions })
    setStored('the-secret-1234')
    const socket = await opened()
    socket.receive({ t: 'auth', ok: true })
    expect(sync.moderate(9, 'hidden')).toBe(true)
    socket.receive({ t: 'refused', code: 'unknown', reason: 'there is no question 9', about: 'questions' })
    expect(statuses.at(-1)?.role).toBe('presenter')
    expect(onQuestions).toHaveBeenLastCalledWith({ t: 'refused', code: 'unknown', reason: 'there is no question 9', about: 'questions' })
  })

  it('passes an upvote\'s answer and its refusal (with the question\'s id) on; a refusal about remotes goes to the remote panel, and the presenter stays the presenter', async () => {
    const onQuestions = vi.fn()
    const onRemotes = vi.fn()
    const { statuses, setStored } = setup({ isPresenterView: () => true, onQuestions, onRemotes })
    setStored('the-secret-1234')
    const socket = await opened()
    socket.receive({ t: 'auth', ok: true })
    socket.receive({ t: 'upvoted', id: 3 })
    expect(onQuestions).toHaveBeenLastCalledWith({ t: 'upvoted', id: 3 })
    socket.receive({ t: 'refused', code: 'not-saved', reason: 'Not saved', about: 'questions', id: 3 })
    expect(onQuestions).toHaveBeenLastCalledWith({ t: 'refused', code: 'not-saved', reason: 'Not saved', about: 'questions', id: 3 })
    socket.receive({ t: 'refused', code: 'not-offered', reason: 'this server pairs no phone remote', about: 'remotes' })
    expect(onRemotes).toHaveBeenLastCalledWith({ t: 'refused', code: 'not-offered', reason: 'this server pairs no phone remote', about: 'remotes' })
    expect(statuses.at(-1)?.role).toBe('presenter')
  })

  it('tells the presenter while the server cannot save, and when it can again', async () => {
    const { statuses, setStored } = setup({ isPresenterView: () => true })
    setStored('the-secret-1234')
    const socket = await opened()
    socket.receive({ t: 'auth', ok: true })
    socket.receive({ t: 'audience', count: 40 })
    socket.receive({ t: 'saving', ok: false, problem: 'questions: ENOSPC: no space left on device' })
    expect(statuses.at(-1)?.notSaving).toBe('questions: ENOSPC: no space left on device')
    expect(statusText(statuses.at(-1)!, true)).toBe('Live: 40 following · NOT SAVING (questions: ENOSPC: no space left on device)')
    socket.receive({ t: 'saving', ok: true })
    expect(statusText(statuses.at(-1)!, true)).toBe('Live: 40 following')
  })
})
