// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { DECISION_CLICKS, outcomes, questions } from './decision-flow'
import DecisionFlow from './DecisionFlow.vue'
import { shownTexts } from './diagram-testing'

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
    expect(mount(DecisionFlow, { props: { clicks: 0 } }).attributes('aria-label')).toBe(`Decision flow. 1. ${questions[0]!.text} Yes: Virtual machine.`)
    expect(mount(DecisionFlow, { props: { clicks: DECISION_CLICKS } }).attributes('aria-label')).toContain(`No: ${outcomes.containers.label}.`)
  })
})
