// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { normalizeQuestion, ROOM_CLASS } from './questions'
import QuestionsPanel from './QuestionsPanel.vue'
import { audience, presenter, presenterView, slides, testStore } from './test-store'

let unmount: (() => void) | undefined
afterEach(() => {
  unmount?.()
  document.body.replaceChildren()
  document.documentElement.className = ''
})

function panel() {
  const made = testStore()
  const wrapper = mount(QuestionsPanel, { props: { hosted: made.hosted }, attachTo: document.body })
  unmount = () => wrapper.unmount()
  const element = wrapper.element as HTMLElement
  const $ = <T extends Element = HTMLElement>(selector: string) => element.querySelector<T & Element>(selector)!
  const text = (selector: string) => $(selector).textContent.trim()
  const texts = (selector: string) => [...element.querySelectorAll(selector)].map(node => node.textContent.trim())
  const receive = made.receive.questions
  return { ...made, element, $, text, texts, receive }
}

describe('the questions panel', () => {
  it('shows questions as text, most votes first, and counts characters as they are typed', async () => {
    const { show, receive, $, text, texts, element, actions } = panel()
    await show(audience, slides)
    expect(element.hidden).toBe(false)
    expect(document.documentElement.classList.contains(ROOM_CLASS)).toBe(true)
    $<HTMLButtonElement>('.deck-questions__open').click()
    receive({ t: 'questions', questions: [{ id: 1, text: 'plain', votes: 0, answered: false }, { id: 2, text: '<img src=x onerror=alert(1)><b>x</b>', votes: 3, answered: true }] })
    await nextTick()
    expect(texts('.deck-questions__text')).toEqual(['<img src=x onerror=alert(1)><b>x</b>', 'plain'])
    expect(element.querySelectorAll('b, img')).toHaveLength(0)

    const field = $<HTMLTextAreaElement>('.deck-questions__field')
    expect(field.maxLength).toBe(280)
    field.value = 'two\nlines'
    field.dispatchEvent(new Event('input'))
    await nextTick()
    expect(field.value).toBe('two lines')
    expect(text('.deck-questions__count')).toBe('9 / 280')
    $<HTMLFormElement>('.deck-questions__form').dispatchEvent(new Event('submit', { cancelable: true }))
    await nextTick()
    expect(actions.ask).toHaveBeenCalledWith('two lines')
    expect($<HTMLButtonElement>('.deck-questions__send').disabled).toBe(true)
    receive({ t: 'asked', id: 3 })
    await nextTick()
    expect(field.value).toBe('')
    expect($<HTMLButtonElement>('.deck-questions__send').disabled).toBe(false)
    expect(text('.deck-questions__note')).toBe('Sent. Thank you!')
  })

  it('takes several changes held together by the server: new and changed questions, and hidden ones gone', async () => {
    const { show, receive, $, texts, element } = panel()
    await show(audience, slides)
    $<HTMLButtonElement>('.deck-questions__open').click()
    receive({ t: 'questions', questions: [{ id: 1, text: 'one', votes: 0, answered: false }, { id: 2, text: 'two', votes: 0, answered: false }] })
    receive({ t: 'question-changes', questions: [{ id: 3, text: 'three', votes: 1, answered: false }], votes: [[1, 4]], gone: [2] })
    await nextTick()
    expect(texts('.deck-questions__text')).toEqual(['one', 'three'])
    expect(element.querySelector('.deck-questions__item[data-id="1"]')!.getAttribute('data-votes')).toBe('4')
  })

  it('refuses an empty question before sending, and shows the server\'s refusals', async () => {
    const { show, receive, $, text, actions } = panel()
    await show(audience, slides)
    $<HTMLFormElement>('.deck-questions__form').dispatchEvent(new Event('submit', { cancelable: true }))
    await nextTick()
    expect(actions.ask).not.toHaveBeenCalled()
    expect(text('.deck-questions__note')).toBe('A question cannot be empty.')
    receive({ t: 'refused', code: 'too-many', reason: 'Too many questions from this device or network: try again in 12 s', about: 'questions' })
    await nextTick()
    expect(text('.deck-questions__note')).toBe('Too many questions from this device or network: try again in 12 s')
    expect($('.deck-questions__note').dataset.problem).toBe('true')
  })

  it('upvotes once, remembered on this device once the server says it is saved; a refusal gives the button back', async () => {
    const { show, receive, $, text, actions, storage, element } = panel()
    await show(audience, slides)
    $<HTMLButtonElement>('.deck-questions__open').click()
    receive({ t: 'questions', questions: [{ id: 1, text: 'q', votes: 0, answered: false }, { id: 2, text: 'r', votes: 0, answered: false }, { id: 3, text: 's', votes: 0, answered: false }], total: 3 })
    await nextTick()
    const upvote = (id: number) => element.querySelector<HTMLButtonElement>(`.deck-questions__item[data-id="${id}"] .deck-questions__upvote`)!
    upvote(1).click()
    await nextTick()
    expect(actions.upvote).toHaveBeenCalledWith(1)
    // Sent, not yet saved: the button waits, and nothing is remembered.
    expect(upvote(1).disabled).toBe(true)
    expect(upvote(1).textContent.trim()).toBe('Saving…')
    expect(upvote(1).getAttribute('aria-label')).toBe('Saving… (0 votes)')
    expect(storage.get('deck-questions-voted')).toBeUndefined()
    receive({ t: 'upvoted', id: 1 })
    await nextTick()
    expect(upvote(1).textContent.trim()).toBe('Upvoted')
    expect(storage.get('deck-questions-voted')).toBe('[1]')
    upvote(2).click()
    receive({ t: 'refused', code: 'not-saved', reason: 'Not saved: the server cannot write to its disk. Try again in a moment.', about: 'questions', id: 2 })
    await nextTick()
    expect(upvote(2).disabled).toBe(false)
    expect(upvote(2).textContent.trim()).toBe('Upvote')
    expect(text('.deck-questions__note')).toMatch(/^Not saved/)
    // Upvoted before from this device (another tab, a cleared storage): the code says so, whatever the wording.
    upvote(3).click()
    receive({ t: 'refused', code: 'already-upvoted', reason: 'déjà', about: 'questions', id: 3 })
    await nextTick()
    expect(upvote(3).textContent.trim()).toBe('Upvoted')
    expect(storage.get('deck-questions-voted')).toBe('[1,3]')
  })

  it('says how many questions there are when it was sent the top of the list', async () => {
    const { show, receive, $, text } = panel()
    await show(audience, slides)
    $<HTMLButtonElement>('.deck-questions__open').click()
    receive({ t: 'questions', questions: [{ id: 7, text: 'top', votes: 9, answered: false }], total: 120 })
    await nextTick()
    expect(text('.deck-questions__more')).toBe('The 1 most upvoted of 120 questions.')
    receive({ t: 'question', question: { id: 200, text: 'new', votes: 0, answered: false } })
    await nextTick()
    expect(text('.deck-questions__more')).toBe('The 2 most upvoted of 121 questions.')
    receive({ t: 'question-gone', id: 200 })
    await nextTick()
    expect(text('.deck-questions__more')).toBe('The 1 most upvoted of 120 questions.')
  })

  it('gives the presenter answered and hide buttons, and a count', async () => {
    const { show, receive, $, text, actions, element } = panel()
    await show(presenter, presenterView)
    receive({ t: 'questions', questions: [{ id: 1, text: 'q', votes: 0, answered: false }, { id: 2, text: 'h', votes: 0, answered: false, hidden: true }] })
    await nextTick()
    expect(text('.deck-questions__open')).toBe('Questions (1)')
    $<HTMLButtonElement>('.deck-questions__open').click()
    await nextTick()
    expect(element.querySelector('.deck-questions__form')!.hasAttribute('hidden')).toBe(true)
    const button = (id: number, kind: string) => element.querySelector<HTMLButtonElement>(`.deck-questions__item[data-id="${id}"] .deck-questions__${kind}`)!
    button(1, 'answered').click()
    button(1, 'hide').click()
    expect(actions.moderate.mock.calls).toEqual([[1, 'answered'], [1, 'hidden']])
    expect(button(2, 'state').textContent).toBe('Hidden')
    // Done, each button undoes itself.
    receive({ t: 'question', question: { id: 1, text: 'q', votes: 0, answered: true, hidden: true } })
    await nextTick()
    expect([button(1, 'answered').textContent.trim(), button(1, 'hide').textContent.trim()]).toEqual(['Not answered', 'Show'])
    button(1, 'answered').click()
    button(1, 'hide').click()
    expect(actions.moderate.mock.calls.slice(2)).toEqual([[1, 'unanswered'], [1, 'shown']])
  })

  it('shows nothing on paper, off the slides, or on a presenter view that has not proved the secret', async () => {
    const { show, element } = panel()
    await show(audience, { route: 'play', printing: true })
    expect(element.hidden).toBe(true)
    expect(document.documentElement.classList.contains(ROOM_CLASS)).toBe(false)
    await show(audience, { route: 'overview', printing: false })
    expect(element.hidden).toBe(true)
    await show(audience, { route: 'presenter', printing: false })
    expect(element.hidden).toBe(true)
  })

  it('makes a question one line', () => {
    expect(normalizeQuestion('a\r\n\tb\u2028c')).toBe('a b c')
  })
})

describe('the panel and the keyboard', () => {
  it('opens onto the field, keeps keys typed in it from Slidev, and Escape closes it and gives the focus back to its button', async () => {
    const { show, $ } = panel()
    await show(audience, slides)
    const open = $<HTMLButtonElement>('.deck-questions__open')
    open.click()
    await vi.waitFor(() => expect(document.activeElement).toBe($('.deck-questions__field')))
    expect(open.getAttribute('aria-expanded')).toBe('true')
    const field = $<HTMLTextAreaElement>('.deck-questions__field')
    const outside = vi.fn()
    document.addEventListener('keydown', outside)
    document.addEventListener('keyup', outside)
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))
    field.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowRight', bubbles: true }))
    expect(outside).not.toHaveBeenCalled()
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await nextTick()
    expect($('.deck-questions__panel').hidden).toBe(true)
    expect(open.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(open)
    // On the closed panel's button, the arrows are Slidev's again.
    open.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))
    expect(outside).toHaveBeenCalledTimes(1)
    document.removeEventListener('keydown', outside)
    document.removeEventListener('keyup', outside)
  })

  it('keeps the focus on an upvote button when its row moves up the list', async () => {
    const { show, receive, $, element } = panel()
    await show(audience, slides)
    $<HTMLButtonElement>('.deck-questions__open').click()
    receive({ t: 'questions', questions: [{ id: 1, text: 'first', votes: 2, answered: false }, { id: 2, text: 'second', votes: 1, answered: false }] })
    await nextTick()
    const second = element.querySelector<HTMLButtonElement>('.deck-questions__item[data-id="2"] .deck-questions__upvote')!
    second.focus()
    receive({ t: 'question', question: { id: 2, text: 'second', votes: 5, answered: false } })
    await nextTick()
    expect([...element.querySelectorAll('.deck-questions__text')].map(node => node.textContent.trim())).toEqual(['second', 'first'])
    expect(document.activeElement).toBe(second)
  })
})
