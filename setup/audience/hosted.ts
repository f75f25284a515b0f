/**
 * The audience page's hosted parts, loaded once the slide is on screen: the
 * sync channel (setup/sync/socket-sync.ts, the deck's own), the hosted store
 * and the same Vue panels the Slidev deck mounts (setup/sync/: SyncBar,
 * following and back to live; QuestionsPanel), and the room's polls for the
 * <Poll> islands (./islands.ts).
 * The page plays the part Slidev plays for the deck: it takes the channel's
 * moves and reports its reader's.
 */
import type { Component } from 'vue'
import type { SyncMethod } from '../sync/socket-sync'
import type { View } from '../sync/store'
import type { AudiencePage } from './page'
import { createApp } from 'vue'
import { syncSocketUrl } from '../../shared/sync-protocol'
import { deviceId } from '../sync/device'
import { safeStorage } from '../sync/page'
import QuestionsPanel from '../sync/QuestionsPanel.vue'
import { createSocketSync } from '../sync/socket-sync'
import { createHostedState, createHostedStore, receiversOf } from '../sync/store'
import SyncBar from '../sync/SyncBar.vue'
import { nextTask } from '../sync/tasks'
import { livePolls } from './island-mount'

/** The channel Slidev's shared state goes by; the sync takes only this one (`isSharedChannel`). */
const SHARED_CHANNEL = 'audience - shared'

/** The slides' view for the panels: the audience on the slides (Slidev's route name `play`), never printing. */
const VIEW: View = { route: 'play', printing: false }

/**
 * Connects the page, in four tasks after the one that evaluated this chunk
 * (../sync/tasks.ts): the store and the channel's state; the socket opening;
 * the status bar; the questions panel. Resolves once the last is mounted.
 */
export async function connectAudience(page: AudiencePage): Promise<void> {
  await nextTask()
  const storage = safeStorage()
  const state = createHostedState(storage)
  const sync = createSocketSync({
    url: syncSocketUrl(page.deck.base, location.href),
    // The audience page is never the presenter's: it follows, and proves no secret.
    isPresenterView: () => false,
    currentPlace: () => page.place(),
    secretStore: { get: () => null, set: () => {} },
    askSecret: () => null,
    deviceId: deviceId(storage),
    // The socket opens in a task of its own.
    ready: nextTask(),
    ...receiversOf(state, storage),
  })
  const hosted = createHostedStore(state, { ...sync, storage })
  livePolls.value = hosted.live

  // The channel moves the page as Slidev's shared state moves the deck.
  const shared = { page: page.place().page, clicks: page.place().clicks, clicksTotal: page.deck.slides[page.place().page - 1]!.clicks }
  const method: SyncMethod = sync
  method.init(SHARED_CHANNEL, (data: Partial<typeof shared>) => {
    if (typeof data.page === 'number' && typeof data.clicks === 'number')
      void page.go({ page: data.page, clicks: data.clicks }, 'channel')
  }, shared)

  function moved(): void {
    state.page = page.place().page
    // Every move, the reader's or the channel's: the sync tells which (a position it did not bring is the reader's).
    sync.routeChanged()
    state.status = sync.status()
  }
  page.onMoved(moved)
  state.view = VIEW
  state.page = page.place().page
  state.status = sync.status()

  // The audience's two panels, each mounted in a task of its own (the poll sheet of ../sync/HostedLayer.vue is for
  // Slidev's 16:9 band; here the poll's options are on the slide).
  const mount = (component: Component): void => {
    const root = document.createElement('div')
    root.className = 'deck-hosted'
    document.body.append(root)
    createApp(component, { hosted }).mount(root)
  }
  await nextTask()
  mount(SyncBar)
  await nextTask()
  mount(QuestionsPanel)
}
