import { describe, expect, it } from 'vitest'
import { deckPollProblems, deckPolls, PollDefinitionError, pollProblems, pollTags, readStringArray } from './polls'

const good = { id: 'lightweight-vms', question: 'Are containers just lightweight VMs?', options: ['Yes', 'Sort of', 'No'] }

describe('reading a <Poll> as written in a slide', () => {
  it('reads its id, question, options and comparison', () => {
    expect(pollTags(`<Poll id="a-b" question="Q?" :options="['One', 'Two', 'It\\'s three']" compare="x" />`)).toEqual([
      { id: 'a-b', question: 'Q?', options: ['One', 'Two', 'It\'s three'], compare: 'x' },
    ])
  })

  it('names what is missing', () => {
    expect(pollTags('<Poll question="Q?" :options="[\'a\', \'b\']" />')).toEqual([{ problem: 'a <Poll> has no id="…"' }])
    expect(pollTags('<Poll id="a" :options="[\'a\', \'b\']" />')).toEqual([{ problem: 'poll "a" has no question="…"' }])
    expect(pollTags('<Poll id="a" question="Q" :options="options" />')).toEqual([{ problem: 'poll "a" has no :options="[\'…\', \'…\']" of quoted strings' }])
  })

  it('reads arrays of quoted strings only', () => {
    expect(readStringArray('[]')).toEqual([])
    expect(readStringArray('[\'a\', \'b\',]')).toEqual(['a', 'b'])
    expect(readStringArray('[a, b]')).toBeUndefined()
    expect(readStringArray('\'a\'')).toBeUndefined()
  })
})

describe('the rules for a poll', () => {
  it('takes a good one', () => {
    expect(pollProblems(good)).toEqual([])
  })

  it('wants a kebab-case id, a question, 2 to 6 distinct non-empty options of at most 40 characters', () => {
    expect(pollProblems({ ...good, id: 'Lightweight_VMs' })[0]).toMatch(/kebab-case/)
    expect(pollProblems({ ...good, id: 'a--b' })[0]).toMatch(/kebab-case/)
    expect(pollProblems({ ...good, question: '  ' })).toEqual(['poll "lightweight-vms": the question is empty'])
    expect(pollProblems({ ...good, options: ['Only'] })).toEqual(['poll "lightweight-vms": 1 options, not 2 to 6'])
    expect(pollProblems({ ...good, options: ['1', '2', '3', '4', '5', '6', '7'] })).toEqual(['poll "lightweight-vms": 7 options, not 2 to 6'])
    expect(pollProblems({ ...good, options: ['Yes', ' '] })).toEqual(['poll "lightweight-vms": option 2 is empty'])
    expect(pollProblems({ ...good, options: ['Yes', 'x'.repeat(41)] })[0]).toMatch(/over 40 characters/)
    expect(pollProblems({ ...good, options: ['Yes', 'yes '] })).toEqual(['poll "lightweight-vms": option "yes " is there twice'])
  })

  it('wants ids unique in the deck, and a comparison with an earlier poll of the same options', () => {
    expect(deckPollProblems([good, good])).toEqual(['poll "lightweight-vms": the id is used by two polls'])
    expect(deckPollProblems([good, { ...good, id: 'again', compare: 'lightweight-vms' }])).toEqual([])
    expect(deckPollProblems([good, { ...good, id: 'again', compare: 'nope' }])).toEqual(['poll "again": compare="nope" names no other poll'])
    expect(deckPollProblems([good, { ...good, id: 'again', compare: 'lightweight-vms', options: ['Yes', 'No'] }])).toEqual(['poll "again": compared with "lightweight-vms", whose options differ'])
    expect(deckPollProblems([{ ...good, id: 'again', compare: 'lightweight-vms' }, good])).toEqual(['poll "again": compared with "lightweight-vms", which comes later in the deck'])
  })

  it('fails with every problem and its slide', () => {
    const slides = [{ no: 2, content: '<Poll id="a" question="" :options="[\'x\', \'x\']" />' }, { no: 5, content: '<Poll question="Q" />' }]
    expect(() => deckPolls(slides)).toThrow(PollDefinitionError)
    expect(() => deckPolls(slides)).toThrow(/slide 5: a <Poll> has no id[\s\S]*question is empty[\s\S]*is there twice/)
    expect(deckPolls([{ no: 3, content: '<Poll id="a" question="Q" :options="[\'x\', \'y\']" />' }])).toEqual([{ id: 'a', question: 'Q', options: ['x', 'y'], slide: 3 }])
  })
})
