// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { DECISION_CLICKS, decisionCaptions, outcomes, questions } from './decision-flow'
import DecisionFlow from './DecisionFlow.vue'
import { shownTexts } from './diagram-testing'
import { captionProblems } from './step-captions'

describe('decisionFlow', () => {
  it('brings in one question per click, each with its yes to a VM, and ends the last no at containers', () => {
    const at = (clicks: number) => mount(DecisionFlow, { props: { clicks } })
    const boxes = '.flow__box .flow__label'
    expect(shownTexts(at(0), boxes)).toEqual([questions[0]!.text, outcomes.vm.label])
    expect(shownTexts(at(1), boxes)).toEqual([questions[0]!.text, questions[1]!.text, outcomes.vm.label])
    expect(shownTexts(at(DECISION_CLICKS), boxes)).toEqual([...questions.map(question => question.text), outcomes.containers.label, outcomes.vm.label])
    expect(shownTexts(at(DECISION_CLICKS), '.flow__yes')).toEqual(['yes', 'yes', 'yes'])
  })

  it('says in its accessible label what is shown', () => {
    // The flow is the image; its step caption (a live region) sits beside it.
    expect(mount(DecisionFlow, { props: { clicks: 0 } }).get('.flow').attributes('aria-label')).toBe(`Decision flow. 1. ${questions[0]!.text} Yes: Virtual machine.`)
    expect(mount(DecisionFlow, { props: { clicks: DECISION_CLICKS } }).get('.flow').attributes('aria-label')).toContain(`No: ${outcomes.containers.label}.`)
  })

  it('says in a sentence what the slide opens with and what each click adds', () => {
    expect(captionProblems(decisionCaptions, DECISION_CLICKS)).toEqual([])
    expect(decisionCaptions.filter(caption => caption.length >= 90)).toEqual([])
    expect(mount(DecisionFlow, { props: { clicks: 1 } }).get('.step-caption').text()).toContain(decisionCaptions[1])
  })
})
