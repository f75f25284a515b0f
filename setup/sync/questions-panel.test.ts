// @vitest-environment happy-dom
import type { SyncStatus } from './socket-sync'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createQuestionsPanel, normalizeQuestion, ROOM_CLASS } from './questions-panel'

const audience: SyncStatus = { connection: 'open', role: 'audience', following: true, browsing: false }
const presenter: SyncStatus = { ...audience, role: 'presenter' }
const slides = { route: 'play', printing: false }

afterEach(() => {
  document.body.replaceChildren()
  document.documentElement.className = ''
})

function panel() {
  const actions = { ask: vi.fn(() => true), upvote: vi.fn(() => true), moderate: vi.fn(() => true), storage: new Map<string, string>() }
  const made = createQuestionsPanel(document, { ...actions, storage: { getItem: key => actions.storage.get(key) ?? null, setItem: (key, value) => void actions.storage.set(key, value) } })
  document.body.append(made.element)
  const $ = <T extends Element = HTMLElement>(selector: string) => made.element.querySelector<T & Element>(selector)!
  return { ...made, actions, $ }
}

describe('the questions panel', () => {
  it('shows questions as text, most votes first, and counts characters as they are typed', () => {
    const { render, receive, $, element, actions } = panel()
    render(audience, slides)
    expect(element.hidden).toBe(false)
    expect(document.documentElement.classList.contains(ROOM_CLASS)).toBe(true)
    $<HTMLButtonElement>('.deck-questions__open').click()
    receive({ t: 'questions', questions: [{ id: 1, text: 'plain', votes: 0, answered: false }, { id: 2, text: '<img src=x onerror=alert(1)><b>x</b>', votes: 3, answered: true }] })
    const texts = [...element.querySelectorAll('.deck-questions__text')].map(p => p.textContent)
    expect(texts).toEqual(['<img src=x onerror=alert(1)><b>x</b>', 'plain'])
    expect(element.querySelectorAll('b, img')).toHaveLength(0)

    const field = $<HTMLTextAreaElement>('.deck-questions__field')
    expect(field.maxLength).toBe(280)
    field.value = 'two\nlines'
    field.dispatchEvent(new Event('input'))
    expect(field.value).toBe('two lines')
    expect($('.deck-questions__count').textContent).toBe('9 / 280')
    $<HTMLFormElement>('.deck-questions__form').dispatchEvent(new Event('submit', { cancelable: true }))
    expect(actions.ask).toHaveBeenCalledWith('two lines')
    receive({ t: 'asked', id: 3 })
    expect(field.value).toBe('')
    expect($('.deck-questions__note').textContent).toBe('Sent. Thank you!')
  })

  it('takes several changes held together by the server: new and changed questions, and hidden ones gone', () => {
    const { render, receive, $, element } = panel()
    render(audience, slides)
    $<HTMLButtonElement>('.deck-questions__open').click()
    receive({ t: 'questions', questions: [{ id: 1, text: 'one', votes: 0, answered: false }, { id: 2, text: 'two', votes: 0, answered: false }] })
    receive({ t: 'question-changes', questions: [{ id: 3, text: 'three', votes: 1, answered: false }], votes: [[1, 4]], gone: [2] })
    expect([...element.querySelectorAll('.deck-questions__text')].map(p => p.textContent)).toEqual(['one', 'three'])
    expect(element.querySelector('.deck-questions__item[data-id="1"]')!.getAttribute('data-votes')).toBe('4')
  })

  it('refuses an empty question before sending, and shows the server\'s refusals', () => {
    const { render, receive, $, actions } = panel()
    render(audience, slides)
    $<HTMLFormElement>('.deck-questions__form').dispatchEvent(new Event('submit', { cancelable: true }))
    expect(actions.ask).not.toHaveBeenCalled()
    expect($('.deck-questions__note').textContent).toBe('A question cannot be empty.')
    receive({ t: 'refused', code: 'too-many', reason: 'Too many questions from this device or network: try again in 12 s', about: 'questions' })
    expect($('.deck-questions__note').textContent).toBe('Too many questions from this device or network: try again in 12 s')
  })

  it('upvotes once, remembered on this device once the server says it is saved; a refusal gives the button back', () => {
    const { render, receive, $, actions, element } = panel()
    render(audience, slides)
    $<HTMLButtonElement>('.deck-questions__open').click()
    receive({ t: 'questions', questions: [{ id: 1, text: 'q', votes: 0, answered: false }, { id: 2, text: 'r', votes: 0, answered: false }], total: 2 })
    const upvote = (id: number) => element.querySelector<HTMLButtonElement>(`.deck-questions__item[data-id="${id}"] .deck-questions__upvote`)!
    upvote(1).click()
    expect(actions.upvote).toHaveBeenCalledWith(1)
    // Sent, not yet saved: the button waits, and nothing is remembered.
    expect(upvote(1).disabled).toBe(true)
    expect(upvote(1).textContent).toBe('Saving…')
    expect(actions.storage.get('deck-questions-voted')).toBeUndefined()
    receive({ t: 'upvoted', id: 1 })
    expect(upvote(1).textContent).toBe('Upvoted')
    expect(actions.storage.get('deck-questions-voted')).toBe('[1]')
    upvote(2).click()
    receive({ t: 'refused', code: 'not-saved', reason: 'Not saved: the server cannot write to its disk. Try again in a moment.', about: 'questions', id: 2 })
    expect(upvote(2).disabled).toBe(false)
    expect(upvote(2).textContent).toBe('Upvote')
    expect($('.deck-questions__note').textContent).toMatch(/^Not saved/)
    expect(actions.storage.get('deck-questions-voted')).toBe('[1]')
  })

  it('says how many questions there are when it was sent the top of the list', () => {
    const { render, receive, $, element } = panel()
    render(audience, slides)
    $<HTMLButtonElement>('.deck-questions__open').click()
    receive({ t: 'questions', questions: [{ id: 7, text: 'top', votes: 9, answered: false }], total: 120 })
    expect(element.querySelector('.deck-questions__more')!.textContent).toBe('The 1 most upvoted of 120 questions.')
    receive({ t: 'question', question: { id: 200, text: 'new', votes: 0, answered: false } })
    expect(element.querySelector('.deck-questions__more')!.textContent).toBe('The 2 most upvoted of 121 questions.')
    receive({ t: 'question-gone', id: 200 })
    expect(element.querySelector('.deck-questions__more')!.textContent).toBe('The 1 most upvoted of 120 questions.')
  })

  it('gives the presenter answered and hide buttons, and a count', () => {
    const { render, receive, $, actions, element } = panel()
    render(presenter, { route: 'presenter', printing: false })
    receive({ t: 'questions', questions: [{ id: 1, text: 'q', votes: 0, answered: false }, { id: 2, text: 'h', votes: 0, answered: false, hidden: true }] })
    expect($('.deck-questions__open').textContent).toBe('Questions (1)')
    $<HTMLButtonElement>('.deck-questions__open').click()
    expect(element.querySelector('.deck-questions__form')!.hasAttribute('hidden')).toBe(true)
    element.querySelector<HTMLButtonElement>('.deck-questions__item[data-id="1"] .deck-questions__answered')!.click()
    element.querySelector<HTMLButtonElement>('.deck-questions__item[data-id="1"] .deck-questions__hide')!.click()
    expect(actions.moderate.mock.calls).toEqual([[1, 'answered'], [1, 'hidden']])
    expect(element.querySelector('.deck-questions__item[data-id="2"] .deck-questions__state')!.textContent).toBe('Hidden')
    // Done, each button undoes itself.
    receive({ t: 'question', question: { id: 1, text: 'q', votes: 0, answered: true, hidden: true } })
    const answered = element.querySelector<HTMLButtonElement>('.deck-questions__item[data-id="1"] .deck-questions__answered')!
    const hide = element.querySelector<HTMLButtonElement>('.deck-questions__item[data-id="1"] .deck-questions__hide')!
    expect([answered.textContent, hide.textContent]).toEqual(['Not answered', 'Show'])
    answered.click()
    hide.click()
    expect(actions.moderate.mock.calls.slice(2)).toEqual([[1, 'unanswered'], [1, 'shown']])
  })

  it('shows nothing on paper, off the slides, or on a presenter view that has not proved the secret', () => {
    const { render, element } = panel()
    render(audience, { route: 'play', printing: true })
    expect(element.hidden).toBe(true)
    expect(document.documentElement.classList.contains(ROOM_CLASS)).toBe(false)
    render(audience, { route: 'overview', printing: false })
    expect(element.hidden).toBe(true)
    render(audience, { route: 'presenter', printing: false })
    expect(element.hidden).toBe(true)
  })

  it('makes a question one line', () => {
    expect(normalizeQuestion('a\r\n\tb\u2028c')).toBe('a b c')
  })
})

describe('the panel and the keyboard', () => {
  it('keeps keys typed in it from Slidev, and Escape closes it and gives the focus back to its button', () => {
    const { render, $ } = panel()
    render(audience, slides)
    const open = $<HTMLButtonElement>('.deck-questions__open')
    open.click()
    const field = $<HTMLTextAreaElement>('.deck-questions__field')
    const outside = vi.fn()
    document.addEventListener('keydown', outside)
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))
    expect(outside).not.toHaveBeenCalled()
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    expect($('.deck-questions__panel').hidden).toBe(true)
    expect(document.activeElement).toBe(open)
    // On the closed panel's button, the arrows are Slidev's again.
    open.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))
    expect(outside).toHaveBeenCalledTimes(1)
    document.removeEventListener('keydown', outside)
  })
})
