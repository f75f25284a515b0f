import { isStepShown } from './step'
import { validateSteps } from './validate'

/**
 * "Which one?": the chapter's two lists (when to use VMs, when containers)
 * as one decision flow, read left to right. Each question sends a yes to a
 * virtual machine and a no to the next question; the last no ends at
 * containers. One question comes in per click, the first with the slide.
 */
export interface Question {
  text: string
  /** The click at which the question, its yes and its no come in (0: with the slide). */
  click: number
}

export const questions: readonly Question[] = [
  { text: 'Untrusted code, or a compliance boundary?', click: 0 },
  { text: 'Needs another kernel or OS?', click: 1 },
  { text: 'Legacy app that expects a whole machine?', click: 2 },
]

export const outcomes = {
  /** Where every yes leads, from the first question on. */
  vm: { label: 'Virtual machine', click: 0 },
  /** Where the last no leads. */
  containers: { label: 'Containers, usually on VMs', click: questions.at(-1)!.click },
} as const

export const DECISION_CLICKS = Math.max(...questions.map(question => question.click))

/**
 * What each click adds, in words (`<StepCaptions>`): [0] the slide as it
 * opens, [k] what click k brings in. DECISION_CLICKS + 1 sentences.
 */
export const decisionCaptions = [
  'First question: untrusted code or a compliance boundary means a VM.',
  'Second: a workload that needs another kernel or OS needs a VM.',
  'Third: a legacy app that expects a whole machine gets a VM; if not, containers.',
] as const

validateSteps('Decision flow', [...questions.map(question => ({ label: question.text, step: question.click + 1 })), { label: outcomes.vm.label, step: outcomes.vm.click + 1 }], DECISION_CLICKS + 1)

/** The flow in words, for screen readers: what is shown at `clicks`. */
export function describeFlow(clicks: number): string {
  const shown = questions.filter(question => isStepShown(question.click, clicks))
  const steps = shown.map((question, index) => `${index + 1}. ${question.text} Yes: ${outcomes.vm.label}.${index < shown.length - 1 ? ' No: next question.' : ''}`)
  const end = isStepShown(outcomes.containers.click, clicks) ? ` No: ${outcomes.containers.label}.` : ''
  return `Decision flow. ${steps.join(' ')}${end}`
}
