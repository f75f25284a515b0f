import type { Component } from 'vue'
import { renderToString } from '@vue/server-renderer'
import { describe, expect, it } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { drawnProps } from '../../components/islands'
import { loadDeck } from '../lib/deck'
import { renderSlide } from '../reader/render'
import { markIsland } from './island-marker'

/** Each marked root in `html`: the island's name and the props it was drawn with. */
function marked(html: string): Array<{ name: string, props: Record<string, unknown> | undefined }> {
  const unescape = (text: string): string => text.replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
  return [...html.matchAll(/data-island="(\w+)" data-island-props="([^"]*)"/g)].map(match => ({ name: match[1]!, props: drawnProps(unescape(match[2]!)) }))
}

describe('the renderer marks each island\'s root', async () => {
  const deck = await loadDeck()
  const find = (tag: string) => deck.slides.filter(slide => slide.content.includes(tag))

  it('a diagram drawn once per click: each step\'s root, with its click and the props the slide gave', async () => {
    for (const slide of find('<StartupTimeline')) {
      const view = /<StartupTimeline view="(\w+)"/.exec(slide.content)![1]
      const rendered = await renderSlide(slide)
      expect(marked(rendered.html), `slide ${slide.no}`).toEqual(Array.from({ length: slide.clicks + 1 }, (_, clicks) => ({ name: 'StartupTimeline', props: { view, clicks, live: false } })))
      expect(rendered.html).toMatch(/<div class="timeline[^"]*" data-island="StartupTimeline"/)
    }
    const [density] = find('<DensityChart')
    expect(marked((await renderSlide(density!)).html).map(island => island.props)).toEqual(Array.from({ length: density!.clicks + 1 }, (_, clicks) => ({ clicks, interactive: false })))
  })

  it('a poll: once, with its question and options', async () => {
    const polls = find('<Poll ')
    expect(polls).toHaveLength(2)
    const [opening] = marked((await renderSlide(polls[0]!)).html)
    expect(opening).toEqual({ name: 'Poll', props: { id: 'lightweight-vms', question: 'Are containers just lightweight VMs?', options: ['Yes, lightweight VMs', 'Sort of', 'No, something else'] } })
    expect(marked((await renderSlide(polls[1]!)).html)[0]!.props).toMatchObject({ id: 'lightweight-vms-again', compare: 'lightweight-vms' })
  })

  it('draws the component as it was, its scope and its parent\'s included, the marker aside', async () => {
    const Box = defineComponent({ __scopeId: 'data-v-box', props: { label: { type: String, required: true } }, setup: props => () => h('p', { class: 'box' }, props.label) })
    const render = (component: Component): Promise<string> => {
      const app = createSSRApp(defineComponent({ __scopeId: 'data-v-slide', setup: () => () => h('div', { class: 'slide' }, [h(component, { label: 'It & <b>', class: 'wide' })]) }))
      return renderToString(app)
    }
    const plain = await render(Box)
    const island = await render(markIsland('Poll', Box))
    expect(plain).toMatch(/<p class="box wide" data-v-box data-v-slide>/)
    expect(island).toContain('data-island="Poll"')
    expect(island.replace(/ data-island="\w+" data-island-props="[^"]*"/, '')).toBe(plain)
  })

  it('refuses a prop the page cannot carry, naming it', async () => {
    const app = createSSRApp(defineComponent({ setup: () => () => h(markIsland('Poll', defineComponent({ setup: () => () => h('p') })), { onVote: () => {} }) }))
    app.config.errorHandler = (error) => {
      throw error
    }
    await expect(renderToString(app)).rejects.toThrow(/onVote/)
  })
})
