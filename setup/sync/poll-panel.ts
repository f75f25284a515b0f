/**
 * Audience polls on the hosted deck. The server sends every poll of the deck
 * with its results on connecting, and each change after; this panel keeps them
 * in components/poll-live.ts, where the slide's <Poll> reads them (bars and
 * counts on the slide, in the presenter view's preview too), and shows:
 *
 * - on an audience deck held upright (a phone), while the slide shown has a
 *   poll: the question and one large button per option (44 px and more, one
 *   thumb), this device's vote marked; a vote can change until the poll
 *   closes. Held sideways (a laptop), the slide's own options are the buttons.
 * - on the presenter view, once the secret is proved, while the slide has a
 *   poll: its votes, whether it is open, and a "Close poll" / "Reopen poll" button.
 *
 * Plain DOM beside the Vue app, like ./questions-panel.ts: options and
 * questions are set as text. Built only on pages `npm run serve` served
 * (./connect.ts); styled by ./polls.css.
 */
import type { PollView } from '../../shared/sync-protocol'
import type { PollMessage, SyncStatus } from './socket-sync'
import type { SyncBarView } from './sync-bar'
import { pollLive } from '../../components/poll-live'
import { totalVotes, votesLabel } from '../../components/polls'
import { element } from './dom'

export interface PollActions {
  vote: (poll: string, option: number) => boolean
  setOpen: (poll: string, open: boolean) => boolean
  /** Where this device remembers its votes (localStorage in the deck). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>
}

export interface PollPanel {
  element: HTMLElement
  receive: (message: PollMessage) => void
  /** `page`: the slide the deck shows (undefined off the slides). */
  render: (status: SyncStatus, view: SyncBarView, page: number | undefined) => void
}

const MINE_KEY = 'deck-poll-votes'

/** The poll on slide `page`, if it has one. */
export function pollOnSlide(polls: Iterable<PollView>, page: number | undefined): PollView | undefined {
  return page === undefined ? undefined : [...polls].find(poll => poll.slide === page)
}

export function createPollPanel(doc: Document, actions: PollActions): PollPanel {
  const polls = new Map<string, PollView>()
  let role: 'audience' | 'presenter' | 'none' = 'none'
  let current: PollView | undefined
  let page: number | undefined
  const notes = new Map<string, { text: string, problem: boolean }>()
  try {
    const kept = JSON.parse(actions.storage?.getItem(MINE_KEY) ?? '{}') as Record<string, unknown>
    for (const [id, option] of Object.entries(kept)) {
      if (typeof option === 'number')
        pollLive.mine[id] = option
    }
  }
  catch {}
  pollLive.hosted = true
  pollLive.vote = (poll, option) => {
    const sent = actions.vote(poll, option)
    if (!sent)
      setNote(poll, 'Not connected: your vote was not sent. Try again in a moment.', true)
    return sent
  }

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) => element(doc, tag, className, text)

  const root = el('section', 'deck-poll')
  root.hidden = true
  root.setAttribute('aria-labelledby', 'deck-poll-question')
  const kicker = el('p', 'deck-poll__kicker', 'Poll')
  const question = el('h2', 'deck-poll__question')
  question.id = 'deck-poll-question'
  const options = el('div', 'deck-poll__options')
  options.setAttribute('role', 'group')
  options.setAttribute('aria-labelledby', 'deck-poll-question')
  const summary = el('p', 'deck-poll__summary')
  const toggle = el('button', 'deck-poll__toggle')
  toggle.type = 'button'
  const note = el('p', 'deck-poll__note')
  note.setAttribute('role', 'status')
  root.append(kicker, question, options, summary, toggle, note)

  toggle.addEventListener('click', () => {
    if (current)
      actions.setOpen(current.id, !current.open)
  })

  function setNote(poll: string, text: string, problem: boolean): void {
    notes.set(poll, { text, problem })
    update()
  }

  function remember(): void {
    try {
      actions.storage?.setItem(MINE_KEY, JSON.stringify(pollLive.mine))
    }
    catch {}
  }

  function update(): void {
    root.hidden = role === 'none' || !current
    root.dataset.role = role
    if (!current)
      return
    const poll = current
    root.dataset.poll = poll.id
    root.dataset.open = String(poll.open)
    question.textContent = poll.question
    const mine = pollLive.mine[poll.id]
    options.hidden = role !== 'audience'
    if (role === 'audience') {
      while (options.children.length > poll.options.length)
        options.lastElementChild!.remove()
      poll.options.forEach((option, index) => {
        let button = options.children[index] as HTMLButtonElement | undefined
        if (!button) {
          button = el('button', 'deck-poll__option')
          button.type = 'button'
          button.addEventListener('click', () => {
            if (current)
              pollLive.vote?.(current.id, index)
          })
          options.append(button)
        }
        button.textContent = option
        button.setAttribute('aria-pressed', String(mine === index))
        button.disabled = !poll.open
      })
    }
    const votes = votesLabel(totalVotes(poll.counts))
    summary.textContent = role === 'presenter'
      ? `${votes} · ${poll.open ? 'open' : 'closed'}`
      : poll.open ? (mine === undefined ? 'Tap your answer. You can change it until the poll closes.' : `Your vote: ${poll.options[mine] ?? ''}. Tap another to change it.`) : `The poll is closed${mine === undefined ? '.' : `. Your vote: ${poll.options[mine] ?? ''}.`}`
    toggle.hidden = role !== 'presenter'
    toggle.textContent = poll.open ? 'Close poll' : 'Reopen poll'
    const said = notes.get(poll.id)
    note.textContent = said?.text ?? ''
    note.dataset.problem = String(said?.problem ?? false)
    note.hidden = !said
  }

  function receive(message: PollMessage): void {
    switch (message.t) {
      case 'polls':
        polls.clear()
        for (const poll of message.polls) {
          polls.set(poll.id, poll)
          pollLive.results[poll.id] = { open: poll.open, counts: poll.counts }
        }
        break
      case 'poll': {
        const poll = polls.get(message.poll.id)
        if (poll)
          polls.set(poll.id, { ...poll, open: message.poll.open, counts: message.poll.counts })
        pollLive.results[message.poll.id] = { open: message.poll.open, counts: message.poll.counts }
        if (!message.poll.open)
          notes.delete(message.poll.id)
        break
      }
      case 'voted':
        pollLive.mine[message.poll] = message.option
        notes.delete(message.poll)
        remember()
        break
      case 'refused':
        if (message.poll)
          notes.set(message.poll, { text: message.reason, problem: true })
        break
    }
    current = pollOnSlide(polls.values(), page)
    update()
  }

  function render(status: SyncStatus, view: SyncBarView, shown: number | undefined): void {
    page = shown
    const presenterView = view.route === 'presenter'
    role = view.printing
      ? 'none'
      : presenterView ? (status.role === 'presenter' ? 'presenter' : 'none') : view.route === 'play' ? 'audience' : 'none'
    pollLive.role = role
    current = pollOnSlide(polls.values(), page)
    update()
  }

  return { element: root, receive, render }
}
