/**
 * The Vue half of the audience page's islands (./islands.ts finds them and
 * loads this with their components): each component mounted in place of its
 * still, with its props at the page's click, in the context the build drew it
 * in. It is in the hosted parts' chunk (scripts/audience/build.ts), so it
 * imports nothing of the page's first script: what it needs comes as arguments.
 */
import type { Component } from 'vue'
import type { IslandProps } from '../../components/islands'
import type { LivePolls } from '../../components/live-polls'
import { createApp, h, shallowRef } from 'vue'
import { LIVE_POLLS } from '../../components/live-polls'
import { IN_READER_EDITION } from '../../components/reader-edition'

/**
 * The hosted talk's polls for a <Poll> island: empty until the sync channel
 * has connected (./hosted.ts fills it), so a poll shows its options offline.
 */
export const livePolls = shallowRef<LivePolls | undefined>()

export interface MountedIslands {
  /** Shows the slide's click `clicks` in every island that follows the clicks. */
  setClicks: (clicks: number) => void
  /** Takes the islands down. */
  unmount: () => void
}

/** An island to mount: its component, its props at a click, and the still it replaces. */
export interface IslandMount {
  name: string
  component: Component
  props: (clicks: number) => IslandProps
  still: HTMLElement
}

/** Mounts each island of `islands` at click `clicks`. */
export function mountIslands(islands: readonly IslandMount[], clicks: number): MountedIslands {
  const click = shallowRef(clicks)
  const apps = islands.map((island) => {
    // Takes the still's place in the layout and adds no box of its own (audience.css).
    const host = document.createElement('div')
    host.className = 'audience-island'
    host.dataset.islandHost = island.name
    const app = createApp({ render: () => h(island.component, island.props(click.value)) })
    // As the build drew the slide: its step captions printed, as on paper and in the reader edition.
    app.provide(IN_READER_EDITION, true)
    app.provide(LIVE_POLLS, livePolls)
    app.mount(host)
    island.still.replaceWith(host)
    return app
  })
  return {
    setClicks: (value) => {
      click.value = value
    },
    unmount: () => {
      for (const app of apps)
        app.unmount()
    },
  }
}
