/**
 * The audience page in the browser: one slide on screen, moved a click or a
 * slide at a time by the sync channel (./hosted.ts) or by its reader (keys,
 * a swipe, the bar's links). The slide the page opened with is in its HTML;
 * another is fetched as a fragment (`audience/slides/N.html`) the first time
 * it is shown, and its neighbours are fetched ahead.
 */
import type { AudienceDeck, Step } from './deck'
import { barLinks } from './bar'
import { clampStep, nextStep, previousStep, stepOfLocation, stepPath } from './deck'
import { showClicks } from './steps'

/** Who moved the page: its reader, or the sync channel. */
export type Mover = 'reader' | 'channel'

export interface AudiencePage {
  readonly deck: AudienceDeck
  /** Where the page is (the step its address names). */
  place: () => Step
  /** Moves the page to `step`; resolves once the slide is shown. */
  go: (step: Step, by: Mover) => Promise<void>
  /** Called after every move, with who made it. */
  onMoved: (listener: (step: Step, by: Mover) => void) => void
  /** The slide element on screen. */
  slide: () => HTMLElement
}

export interface PageElements {
  stage: HTMLElement
  bar: HTMLElement
}

const SWIPE_PX = 48

function fragmentUrl(deck: AudienceDeck, no: number): string {
  return `${deck.base}audience/slides/${no}.html`
}

function parseSlide(html: string): HTMLElement | undefined {
  const template = document.createElement('template')
  template.innerHTML = html
  const article = template.content.firstElementChild
  return article instanceof HTMLElement && article.classList.contains('audience-slide') ? article : undefined
}

export function createAudiencePage(deck: AudienceDeck, elements: PageElements): AudiencePage {
  const { stage, bar } = elements
  const fragments = new Map<number, Promise<string>>()
  const listeners: Array<(step: Step, by: Mover) => void> = []
  let current = stage.querySelector<HTMLElement>('.audience-slide')!
  let place = stepOfLocation(deck, location.pathname, location.search)
  // The latest move asked for: an older one whose fragment arrives later is dropped.
  let wanted = 0

  function fragment(no: number): Promise<string> {
    let text = fragments.get(no)
    if (!text) {
      text = fetch(fragmentUrl(deck, no)).then((response) => {
        if (!response.ok)
          throw new Error(`slide ${no}: ${response.status}`)
        return response.text()
      })
      text.catch(() => fragments.delete(no))
      fragments.set(no, text)
    }
    return text
  }

  function prefetchAround(no: number): void {
    for (const near of [no + 1, no - 1]) {
      if (near >= 1 && near <= deck.slides.length && near !== Number(current.dataset.slide))
        void fragment(near).catch(() => {})
    }
  }

  async function go(target: Step, by: Mover): Promise<void> {
    const step = clampStep(deck, target)
    const ticket = ++wanted
    if (Number(current.dataset.slide) !== step.page) {
      let next: HTMLElement | undefined
      try {
        next = parseSlide(await fragment(step.page))
      }
      catch {
        next = undefined
      }
      if (ticket !== wanted)
        return
      if (!next) {
        // Offline before the slide was ever fetched: the whole page for it (the service worker has it, or the network).
        location.assign(stepPath(deck.base, step))
        return
      }
      current.replaceWith(next)
      current = next
      bar.innerHTML = barLinks(deck.base, step.page, deck.slides.length)
      document.title = `${deck.slides[step.page - 1]!.title} · ${deck.title}`
      stage.scrollTo?.({ top: 0 })
    }
    showClicks(current, step.clicks)
    place = step
    const path = stepPath(deck.base, step)
    if (`${location.pathname}${location.search}` !== path)
      history.replaceState(history.state, '', path)
    prefetchAround(step.page)
    for (const listener of listeners)
      listener(step, by)
  }

  const move = (towards: 'next' | 'previous'): void => {
    const step = (towards === 'next' ? nextStep : previousStep)(deck, place)
    if (step)
      void go(step, 'reader')
  }

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey)
      return
    const target = event.target as HTMLElement | null
    if (target?.closest('input, textarea, select, [contenteditable], dialog, [role="dialog"]'))
      return
    const forward = ['ArrowRight', 'ArrowDown', 'PageDown', ' '].includes(event.key)
    const back = ['ArrowLeft', 'ArrowUp', 'PageUp'].includes(event.key)
    if (!forward && !back)
      return
    event.preventDefault()
    move(forward ? 'next' : 'previous')
  })

  bar.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[rel]')
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return
    event.preventDefault()
    const to = Number(new URL(link.href).pathname.slice(deck.base.length))
    void go({ page: to, clicks: 0 }, 'reader')
  })

  let touch: { x: number, y: number } | undefined
  stage.addEventListener('touchstart', (event) => {
    const point = event.touches[0]
    touch = event.touches.length === 1 && point ? { x: point.clientX, y: point.clientY } : undefined
  }, { passive: true })
  stage.addEventListener('touchend', (event) => {
    const point = event.changedTouches[0]
    if (!touch || !point)
      return
    const dx = point.clientX - touch.x
    const dy = point.clientY - touch.y
    touch = undefined
    if (Math.abs(dx) >= SWIPE_PX && Math.abs(dx) > 2 * Math.abs(dy))
      move(dx < 0 ? 'next' : 'previous')
  }, { passive: true })

  showClicks(current, place.clicks)
  prefetchAround(place.page)

  return {
    deck,
    place: () => place,
    go,
    onMoved: listener => void listeners.push(listener),
    slide: () => current,
  }
}
