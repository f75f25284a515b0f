import type { PanelRole } from './live-polls'
// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick, reactive, shallowRef } from 'vue'
import { LIVE_POLLS } from './live-polls'
import Poll from './Poll.vue'

const OPTIONS = ['Yes, lightweight VMs', 'Sort of', 'No, something else']
const props = { id: 'lightweight-vms', question: 'Are containers just lightweight VMs?', options: OPTIONS }

/** What the hosted deck's store (setup/sync/store.ts) gives the slides: the polls with their results, this device's votes, who it is. */
function hosted(role: PanelRole, results: Record<string, { open: boolean, counts: number[] }>) {
  const vote = vi.fn()
  const polls = Object.fromEntries(Object.entries(results).map(([id, result]) => [id, { id, question: props.question, options: OPTIONS, slide: 2, ...result }]))
  const live = reactive({ role, polls, mine: {} as Record<string, number>, vote })
  return { live, vote, global: { provide: { [LIVE_POLLS as symbol]: shallowRef(live) } } }
}

const texts = (wrapper: ReturnType<typeof mount>, selector: string) => wrapper.findAll(selector).map(node => node.text())

describe('poll', () => {
  it('without the server: the question, its options, and where the votes happen; no buttons, no bars', () => {
    const wrapper = mount(Poll, { props })
    expect(wrapper.find('.poll__question').text()).toBe(props.question)
    expect(texts(wrapper, '.poll__option')).toEqual(OPTIONS)
    expect(wrapper.find('.poll__note').text()).toBe('Live in the hosted talk: the room votes on their phones.')
    expect(wrapper.findAll('button, .poll__track')).toHaveLength(0)
    expect(wrapper.find('[data-poll-placeholder]').exists()).toBe(false)
  })

  it('without the server, the comparison is a placeholder', () => {
    const wrapper = mount(Poll, { props: { ...props, id: 'lightweight-vms-again', compare: 'lightweight-vms' } })
    expect(wrapper.find('[data-poll-placeholder]').text()).toBe('Before and now appear here in the hosted talk.')
    expect(wrapper.findAll('.poll__track')).toHaveLength(0)
  })

  it('hosted: counts and bars as results come; the audience votes on an open poll, the presenter does not', async () => {
    const { live, vote, global } = hosted('audience', { 'lightweight-vms': { open: true, counts: [1, 2, 1] } })
    const wrapper = mount(Poll, { props, global })
    expect(texts(wrapper, '[data-poll-count]')).toEqual(['1 · 25%', '2 · 50%', '1 · 25%'])
    expect(wrapper.find('.poll__status').text()).toBe('4 votes · vote on your phone')
    await wrapper.findAll('button.poll__choose')[2]!.trigger('click')
    expect(vote).toHaveBeenCalledWith('lightweight-vms', 2)
    live.mine['lightweight-vms'] = 2
    Object.assign(live.polls['lightweight-vms']!, { open: false, counts: [1, 1, 2] })
    await nextTick()
    expect(wrapper.findAll('button')).toHaveLength(0)
    expect(wrapper.find('.poll__status').text()).toBe('4 votes · poll closed')
    live.role = 'presenter'
    Object.assign(live.polls['lightweight-vms']!, { open: true, counts: [1, 1, 2] })
    await nextTick()
    expect(wrapper.findAll('button')).toHaveLength(0)
  })

  it('hosted, with a comparison: before and now per option', () => {
    const { global } = hosted('presenter', { 'lightweight-vms': { open: false, counts: [3, 1, 0] }, 'lightweight-vms-again': { open: true, counts: [1, 1, 2] } })
    const wrapper = mount(Poll, { props: { ...props, id: 'lightweight-vms-again', compare: 'lightweight-vms' }, global })
    expect(texts(wrapper, '[data-poll-before]')).toEqual(['3 · 75%', '1 · 25%', '0 · 0%'])
    expect(texts(wrapper, '[data-poll-now]')).toEqual(['1 · 25%', '1 · 25%', '2 · 50%'])
    expect(wrapper.find('.poll__status').text()).toBe('Before: 4 votes · now: 4 votes')
  })
})
