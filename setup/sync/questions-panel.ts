/**
 * Audience questions on the hosted deck. On an audience deck's slides, an "Ask
 * a question" button (in a strip the slide makes room for on a wide screen,
 * above the slide on a phone held upright) opens a panel: a text field with a
 * live character count, a send button, and the questions, most votes first,
 * each with an upvote button. On the presenter view, once the secret is
 * proved, a "Questions (N)" button opens the same list with "Answered" and
 * "Hide" buttons, each of which then undoes itself ("Not answered", "Show"). Plain DOM beside the Vue app, like ./sync-bar.ts: every
 * question is set as text (`textContent`), never as HTML. Built only on pages
 * `npm run serve` served (./connect.ts); styled by ./questions.css.
 */
import type { Moderation, QuestionView } from '../../shared/sync-protocol'
import type { QuestionMessage, SyncStatus } from './socket-sync'
import type { SyncBarView } from './sync-bar'
import { checkQuestionText, MAX_QUESTION_LENGTH } from '../../shared/sync-protocol'
import { element, button as makeButton } from './dom'

export interface QuestionActions {
  ask: (text: string) => boolean
  upvote: (id: number) => boolean
  moderate: (id: number, action: Moderation) => boolean
  /** Where this device remembers the questions it upvoted (localStorage in the deck). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>
}

export interface QuestionsPanel {
  element: HTMLElement
  receive: (message: QuestionMessage) => void
  render: (status: SyncStatus, view: SyncBarView) => void
}

const VOTED_KEY = 'deck-questions-voted'
/** The class on <html> while the open button shows on the slides: the slide makes room for it (./questions.css). */
export const ROOM_CLASS = 'deck-questions-room'

/** Line breaks and tabs typed or pasted into the field become spaces: a question is one line. */
export function normalizeQuestion(text: string): string {
  return text.replace(/[\t\n\r\v\f\u2028\u2029]+/g, ' ')
}

/** Most votes first, then the earliest asked. */
export function sortedQuestions(questions: Iterable<QuestionView>): QuestionView[] {
  return [...questions].sort((a, b) => b.votes - a.votes || a.id - b.id)
}

const votesLabel = (votes: number): string => `${votes} ${votes === 1 ? 'vote' : 'votes'}`

export function createQuestionsPanel(doc: Document, actions: QuestionActions): QuestionsPanel {
  const questions = new Map<number, QuestionView>()
  const voted = new Set<number>()
  try {
    for (const id of JSON.parse(actions.storage?.getItem(VOTED_KEY) ?? '[]') as unknown[]) {
      if (typeof id === 'number')
        voted.add(id)
    }
  }
  catch {}
  /** Upvotes sent and not yet answered: the button waits for the server's word that it is saved. */
  const pendingVotes = new Set<number>()
  /** How many questions the audience can see, when the server sent only the top of the list. */
  let total: number | undefined
  let role: 'audience' | 'presenter' | 'none' = 'none'
  let pendingAsk = false

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) => element(doc, tag, className, text)

  const root = el('div', 'deck-questions')
  root.hidden = true
  const open = el('button', 'deck-questions__open', 'Ask a question')
  open.type = 'button'
  open.setAttribute('aria-expanded', 'false')
  open.setAttribute('aria-controls', 'deck-questions-panel')

  const panel = el('section', 'deck-questions__panel')
  panel.id = 'deck-questions-panel'
  panel.setAttribute('role', 'dialog')
  panel.setAttribute('aria-labelledby', 'deck-questions-title')
  panel.hidden = true
  const header = el('div', 'deck-questions__header')
  const title = el('h2', 'deck-questions__title', 'Questions')
  title.id = 'deck-questions-title'
  const close = el('button', 'deck-questions__close', 'Close')
  close.type = 'button'
  header.append(title, close)

  const form = el('form', 'deck-questions__form')
  const label = el('label', 'deck-questions__label', 'Your question')
  label.htmlFor = 'deck-questions-text'
  const field = el('textarea', 'deck-questions__field')
  field.id = 'deck-questions-text'
  field.maxLength = MAX_QUESTION_LENGTH
  field.rows = 3
  field.setAttribute('aria-describedby', 'deck-questions-count')
  const row = el('div', 'deck-questions__row')
  const count = el('span', 'deck-questions__count', `0 / ${MAX_QUESTION_LENGTH}`)
  count.id = 'deck-questions-count'
  const send = el('button', 'deck-questions__send', 'Send')
  send.type = 'submit'
  row.append(count, send)
  const note = el('p', 'deck-questions__note')
  note.setAttribute('role', 'status')
  form.append(label, field, row, note)

  const empty = el('p', 'deck-questions__empty', 'No questions yet.')
  const list = el('ol', 'deck-questions__list')
  list.setAttribute('aria-label', 'Questions, most votes first')
  const more = el('p', 'deck-questions__more')
  const items = new Map<number, HTMLLIElement>()
  panel.append(header, form, empty, list, more)
  root.append(open, panel)

  function setNote(text: string, problem = false): void {
    note.textContent = text
    note.dataset.problem = String(problem)
  }

  function updateCount(): void {
    count.textContent = `${field.value.length} / ${MAX_QUESTION_LENGTH}`
  }

  function setOpen(value: boolean): void {
    panel.hidden = !value
    open.setAttribute('aria-expanded', String(value))
    if (value) {
      renderList()
      ;(role === 'audience' ? field : close).focus()
    }
  }

  open.addEventListener('click', () => setOpen(panel.hidden))
  close.addEventListener('click', () => {
    setOpen(false)
    open.focus()
  })
  // Escape closes the panel (from the open button too); keys pressed in it (typing, arrows in the text) are not
  // Slidev's navigation, and go no further.
  function onKey(event: KeyboardEvent): void {
    if (event.type === 'keydown' && event.key === 'Escape' && !panel.hidden) {
      event.stopPropagation()
      setOpen(false)
      open.focus()
      return
    }
    if (event.currentTarget === panel)
      event.stopPropagation()
  }
  open.addEventListener('keydown', onKey)
  for (const type of ['keydown', 'keyup', 'keypress'] as const)
    panel.addEventListener(type, onKey)
  field.addEventListener('input', () => {
    const normal = normalizeQuestion(field.value)
    if (normal !== field.value)
      field.value = normal
    updateCount()
  })
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault()
      form.requestSubmit()
    }
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (pendingAsk)
      return
    const checked = checkQuestionText(normalizeQuestion(field.value))
    if (!checked.ok)
      return setNote(`${checked.reason[0]!.toUpperCase()}${checked.reason.slice(1)}.`, true)
    if (!actions.ask(checked.text))
      return setNote('Not connected: try again in a moment.', true)
    pendingAsk = true
    send.disabled = true
    setNote('Sending…')
  })

  function rememberVote(id: number): void {
    voted.add(id)
    try {
      actions.storage?.setItem(VOTED_KEY, JSON.stringify([...voted].slice(-2000)))
    }
    catch {}
  }

  const button = (className: string, text: string, onClick: () => void) => makeButton(doc, className, text, onClick)

  /** One question's row, made once and updated in place (a focused button keeps its focus). */
  function item(question: QuestionView): HTMLLIElement {
    let li = items.get(question.id)
    if (!li) {
      li = el('li', 'deck-questions__item')
      li.dataset.id = String(question.id)
      const text = el('p', 'deck-questions__text')
      const meta = el('div', 'deck-questions__meta')
      const votes = el('span', 'deck-questions__votes')
      const state = el('span', 'deck-questions__state')
      meta.append(votes, state)
      const id = question.id
      if (role === 'presenter') {
        // Each button undoes itself: "Answered" becomes "Not answered", "Hide" becomes "Show".
        meta.append(
          button('deck-questions__answered', 'Answered', () => actions.moderate(id, questions.get(id)?.answered ? 'unanswered' : 'answered')),
          button('deck-questions__hide', 'Hide', () => actions.moderate(id, questions.get(id)?.hidden ? 'shown' : 'hidden')),
        )
      }
      else {
        meta.append(button('deck-questions__upvote', 'Upvote', () => {
          if (voted.has(id) || pendingVotes.has(id))
            return
          if (actions.upvote(id))
            pendingVotes.add(id)
          else
            setNote('Not connected: try again in a moment.', true)
          renderList()
        }))
      }
      li.append(text, meta)
      items.set(question.id, li)
    }
    li.querySelector('.deck-questions__text')!.textContent = question.text
    li.querySelector('.deck-questions__votes')!.textContent = votesLabel(question.votes)
    li.querySelector('.deck-questions__state')!.textContent = question.hidden ? 'Hidden' : question.answered ? 'Answered' : ''
    li.dataset.votes = String(question.votes)
    li.dataset.answered = String(question.answered)
    li.dataset.hidden = String(question.hidden === true)
    const upvote = li.querySelector<HTMLButtonElement>('.deck-questions__upvote')
    if (upvote) {
      const done = voted.has(question.id)
      const saving = pendingVotes.has(question.id)
      upvote.disabled = done || saving
      upvote.textContent = done ? 'Upvoted' : saving ? 'Saving…' : 'Upvote'
      upvote.setAttribute('aria-label', `${upvote.textContent} (${votesLabel(question.votes)})`)
    }
    // A moderation's button says what it does now (the row says "Answered" or "Hidden"); it stays where it is, focus and all.
    const answered = li.querySelector<HTMLButtonElement>('.deck-questions__answered')
    const hide = li.querySelector<HTMLButtonElement>('.deck-questions__hide')
    if (answered && hide) {
      answered.textContent = question.answered ? 'Not answered' : 'Answered'
      hide.textContent = question.hidden ? 'Show' : 'Hide'
    }
    return li
  }

  function renderList(): void {
    const visible = [...questions.values()].filter(q => !q.hidden).length
    open.textContent = role === 'presenter' ? `Questions (${visible})` : 'Ask a question'
    if (panel.hidden)
      return
    const focused = doc.activeElement
    const sorted = sortedQuestions(questions.values())
    for (const [id, li] of items) {
      if (!questions.has(id)) {
        li.remove()
        items.delete(id)
      }
    }
    sorted.forEach((question, index) => {
      const li = item(question)
      if (list.children[index] !== li)
        list.insertBefore(li, list.children[index] ?? null)
    })
    empty.hidden = sorted.length > 0
    // A joining deck is sent the top of the list: say how many more there are.
    const hiddenFromList = total === undefined ? 0 : total - sorted.length
    more.hidden = role !== 'audience' || hiddenFromList <= 0
    more.textContent = more.hidden ? '' : `The ${sorted.length} most upvoted of ${total} questions.`
    // Moving a row blurs a button in it: give the focus back.
    if (focused instanceof HTMLElement && focused !== doc.activeElement && focused.isConnected)
      focused.focus()
  }

  function reset(): void {
    questions.clear()
    for (const li of items.values())
      li.remove()
    items.clear()
  }

  /** Keeps `total` right as questions come (one not listed yet is new to the room) and go. */
  function recount(id: number, change: 1 | -1): void {
    if (total !== undefined && (change === -1 || !questions.has(id)))
      total = Math.max(0, total + change)
  }

  function receive(message: QuestionMessage): void {
    switch (message.t) {
      case 'questions':
        // A new list (on connecting, or the presenter's with the hidden ones): rows are made again for it.
        reset()
        for (const question of message.questions)
          questions.set(question.id, question)
        total = message.total
        break
      case 'question':
        recount(message.question.id, 1)
        questions.set(message.question.id, message.question)
        break
      case 'question-gone':
        recount(message.id, -1)
        questions.delete(message.id)
        break
      case 'question-changes':
        // Several changes the server held together (a busy room): the same as one message each; a question that
        // only gained upvotes comes as its id and count.
        for (const question of message.questions) {
          recount(question.id, 1)
          questions.set(question.id, question)
        }
        for (const [id, votes] of message.votes) {
          const known = questions.get(id)
          if (known)
            questions.set(id, { ...known, votes })
        }
        for (const id of message.gone) {
          recount(id, -1)
          questions.delete(id)
        }
        break
      case 'upvoted':
        pendingVotes.delete(message.id)
        rememberVote(message.id)
        break
      case 'asked':
        pendingAsk = false
        send.disabled = false
        field.value = ''
        updateCount()
        setNote('Sent. Thank you!')
        break
      case 'refused':
        if (message.id !== undefined && pendingVotes.delete(message.id) && message.code === 'already-upvoted') {
          // Upvoted before, from this device: the server has it saved.
          rememberVote(message.id)
          break
        }
        if (message.id === undefined && pendingAsk) {
          pendingAsk = false
          send.disabled = false
        }
        setNote(message.reason, true)
        break
    }
    renderList()
  }

  function render(status: SyncStatus, view: SyncBarView): void {
    const presenterView = view.route === 'presenter'
    const next = view.printing
      ? 'none'
      : presenterView ? (status.role === 'presenter' ? 'presenter' : 'none') : view.route === 'play' ? 'audience' : 'none'
    if (next !== role) {
      role = next
      // The rows carry the role's buttons: make them again.
      for (const li of items.values())
        li.remove()
      items.clear()
    }
    root.hidden = role === 'none'
    root.dataset.role = role
    form.hidden = role !== 'audience'
    doc.documentElement.classList.toggle(ROOM_CLASS, role === 'audience')
    renderList()
  }

  return { element: root, receive, render }
}
