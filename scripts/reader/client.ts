/**
 * The reader edition in the browser. The document scrolls natively; each
 * slide is pinned (sticky) in its page box while its click steps scroll by,
 * then its speaker notes follow as reading text (page.ts, reader.css). Heights
 * come from CSS, so loading lays out only what is on screen.
 *
 * One passive, frame-throttled scroll handler looks at the parts near the
 * screen (an IntersectionObserver keeps that list) and, from where their boxes
 * stand (reading.ts), shows each pinned slide's click steps, marks the current
 * slide `.present`, announces it in a polite status line, moves the progress
 * bar and keeps the address at `#/slide-N`. On a phone each slide is fitted to
 * the narrow canvas as it comes near (fit-slides.ts).
 */
import { SlideFitting } from './fit-slides'
import { clickStep, currentPart, fragmentGroups, hashFor, readingProgress, slideOfHash } from './reading'
import { shownText } from './shown-text'
import '../../styles/fonts.css'
// Slidev's layout first, then the deck's own styles over it, as in the Slidev deck.
import './reader.css'
import '../../styles/layouts.css'
import '../../styles/tokens.css'
import '../../styles/deck.css'
import '../../styles/steps.css'

const root = document.documentElement

// Dark when the reader's system is: the deck's colours hang on html.dark, as in the Slidev deck.
const darkScheme = window.matchMedia('(prefers-color-scheme: dark)')
const applyScheme = (): void => void root.classList.toggle('dark', darkScheme.matches)
applyScheme()
darkScheme.addEventListener('change', applyScheme)

/**
 * Slidev's canvas is 980 × 552. On a phone that would shrink text to a few pixels, so a narrow screen
 * gets a narrower, taller canvas that the slides reflow into, scaled less (reader.css switches the
 * canvas at the same width). A slide whose content does not fit it (the wider diagrams) is laid out a
 * little wider, and scaled down to fit, at the first of LAYOUT_WIDTHS where every click step fits,
 * else at Slidev's canvas: `fitNarrow` measures the slide.
 */
const narrowScreen = window.matchMedia('(max-width: 640px)')
const WIDE = { width: 980, height: 552 }
const NARROW = { width: 480, height: 854 }
const LAYOUT_WIDTHS = [540, 600, 700, 820]

function overflows(slide: HTMLElement): boolean {
  const box = slide.getBoundingClientRect()
  return [...slide.querySelectorAll<HTMLElement>('.slidev-layout *')].some((element) => {
    // What scrolls sideways inside its own box (a wide diagram, [data-reader-scroll]) is not overflow.
    if (element.parentElement?.closest('[data-reader-scroll]'))
      return false
    const rect = element.getBoundingClientRect()
    return rect.width > 0 && (rect.right > box.right + 1 || rect.left < box.left - 1 || rect.bottom > box.bottom + 1)
  })
}

/** Lays the slide's content out `width` × `height` pixels, scaled into the narrow canvas; null for the canvas itself. */
function layOut(slide: HTMLElement, size: { width: number, height: number } | null): void {
  slide.classList.toggle('reader-slide--scaled', size !== null)
  if (size) {
    slide.style.setProperty('--reader-layout-width', `${size.width}px`)
    slide.style.setProperty('--reader-layout-height', `${size.height}px`)
    slide.style.setProperty('--reader-layout-scale', String(NARROW.width / size.width))
  }
}

/** Lays the slide out for a narrow screen: in the narrow canvas if it fits, else at the first of LAYOUT_WIDTHS where it does. */
function fitNarrow(slide: HTMLElement): void {
  layOut(slide, null)
  if (!overflows(slide))
    return
  const fits = LAYOUT_WIDTHS.some((width) => {
    layOut(slide, { width, height: width * NARROW.height / NARROW.width })
    return !overflows(slide)
  })
  if (!fits)
    layOut(slide, WIDE)
}

/**
 * Fits each slide to the screen as it comes within a screen's height of it (fit-slides.ts), and
 * again when the screen changes. Resolves once the slides near the screen are fitted.
 */
function fitNearScreen(slides: readonly HTMLElement[]): Promise<void> {
  const fitting = new SlideFitting<HTMLElement>((slide) => {
    if (narrowScreen.matches)
      fitNarrow(slide)
    else
      layOut(slide, null)
    // Which screen the slide was last fitted for: what the browser tests wait for.
    slide.dataset.readerFit = narrowScreen.matches ? 'narrow' : 'wide'
  })
  narrowScreen.addEventListener('change', () => fitting.refit())
  return new Promise((resolve) => {
    const observer = new IntersectionObserver((entries) => {
      fitting.update(entries.map(entry => ({ slide: entry.target as HTMLElement, near: entry.isIntersecting })))
      resolve()
    }, { rootMargin: '100% 0px' })
    for (const slide of slides)
      observer.observe(slide)
  })
}

/** One slide with its notes: its part of the page, its page box, the slide, and what it shows. */
interface Part {
  no: number
  element: HTMLElement
  page: HTMLElement
  slide: HTMLElement
  clicks: number
  /** The click step showing (0: none of the fragments). */
  step: number
  /** Its fragments by click, found when first needed. */
  groups?: HTMLElement[][]
}

const parts: Part[] = [...document.querySelectorAll<HTMLElement>('.reader-part')].map((element, index) => {
  const slide = element.querySelector<HTMLElement>('section.reader-slide')!
  return { no: index + 1, element, page: element.querySelector<HTMLElement>('.reader-page')!, slide, clicks: Number(slide.dataset.clicks ?? 0), step: 0 }
})
const partOf = new Map(parts.map(part => [part.element as Element, part]))
const status = document.querySelector<HTMLElement>('.reader-status')!
const progressBar = document.querySelector<HTMLElement>('.reader-progress__bar')!
let current: Part | undefined

function groupsOf(part: Part): HTMLElement[][] {
  if (!part.groups) {
    const fragments = [...part.slide.querySelectorAll<HTMLElement>('.fragment')]
    part.groups = fragmentGroups(fragments.map(fragment => fragment.getAttribute('data-fragment-index')))
      .map(index => fragments.filter(fragment => fragment.getAttribute('data-fragment-index') === index))
  }
  return part.groups
}

function announce(part: Part): void {
  const text = shownText(part.slide.querySelector('.slidev-layout') ?? part.slide)
  if (status.textContent !== text)
    status.textContent = text
}

function showStep(part: Part, step: number): void {
  if (part.step === step)
    return
  groupsOf(part).forEach((group, index) => {
    for (const fragment of group)
      fragment.classList.toggle('visible', index < step)
  })
  part.step = step
  if (part === current)
    announce(part)
}

function makeCurrent(part: Part): void {
  if (part === current)
    return
  current?.slide.classList.remove('present')
  part.slide.classList.add('present')
  current = part
  announce(part)
  // The address follows the reading, so a shared or reloaded link opens the slide being read.
  const hash = hashFor(part.no, location.hash)
  if (hash)
    history.replaceState(history.state, '', hash)
}

/** The parts on screen, in page order (an IntersectionObserver keeps it). */
const onScreen = new Set<Part>()

/** Reads where the parts on screen stand, then shows what that means: layout is read once, before any change. */
function update(): void {
  const shown = [...onScreen].sort((a, b) => a.no - b.no)
  const boxes = shown.map(part => ({ part: part.element.getBoundingClientRect(), page: part.page.getBoundingClientRect(), slide: part.slide.getBoundingClientRect() }))
  const scroller = document.scrollingElement ?? root
  const progress = readingProgress(scroller.scrollTop, scroller.scrollHeight, window.innerHeight)

  shown.forEach((part, index) => {
    const { page, slide } = boxes[index]!
    const stepHeight = part.clicks > 0 ? (page.height - slide.height) / part.clicks : 0
    showStep(part, clickStep(slide.top - page.top, stepHeight, part.clicks))
  })
  // The line where slides are pinned (reader.css), a pixel down: the current slide's part holds it.
  const line = shown.length > 0 ? Number.parseFloat(getComputedStyle(shown[0]!.slide).top) + 1 : 0
  const now = shown[currentPart(boxes.map(box => box.part), line)]
  if (now)
    makeCurrent(now)
  progressBar.style.transform = `scaleX(${progress})`
}

let frame = 0
function scheduleUpdate(): void {
  if (frame === 0) {
    frame = requestAnimationFrame(() => {
      frame = 0
      update()
    })
  }
}

const visibility = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const part = partOf.get(entry.target)!
    if (entry.isIntersecting)
      onScreen.add(part)
    else
      onScreen.delete(part)
  }
  scheduleUpdate()
})
for (const part of parts)
  visibility.observe(part.element)
window.addEventListener('scroll', scheduleUpdate, { passive: true })
window.addEventListener('resize', scheduleUpdate, { passive: true })

// The slide canvas scales to the column. Where CSS cannot divide lengths (reader.css), from its width
// in pixels, read as the browser lays the page out (no forced layout).
if (!CSS.supports('scale', 'calc(1px / 1px)')) {
  new ResizeObserver(([entry]) => {
    if (entry)
      root.style.setProperty('--reader-column', String(entry.contentRect.width))
  }).observe(parts[0]!.page)
}

/** How far slide `no`'s page box stands from where it shows click `step`: 0 once there. */
function offsetFromStep(part: Part, step: number): number {
  const page = part.page.getBoundingClientRect()
  const slide = part.slide.getBoundingClientRect()
  const stepHeight = part.clicks > 0 ? (page.height - slide.height) / part.clicks : 0
  return page.top + step * stepHeight
}

/** The latest jump: only it is corrected. */
let jump = 0

/**
 * Scrolls to slide `no`'s page box at click `step`. Notes drawn as they come on screen can be
 * taller or shorter than reserved for them and move the box: it is checked again on the next frames.
 */
function scrollToSlide(no: number, step = 0): void {
  const part = parts[no - 1]
  if (!part)
    return
  const id = ++jump
  const go = (tries: number): void => {
    const offset = offsetFromStep(part, step)
    if (Math.abs(offset) > 1)
      window.scrollTo({ top: Math.round(window.scrollY + offset), behavior: 'instant' })
    if (tries > 0)
      requestAnimationFrame(() => requestAnimationFrame(() => id === jump && go(tries - 1)))
  }
  go(3)
}

// A link to a slide, #/slide-N, opens it; so does a change of hash.
if ('scrollRestoration' in history)
  history.scrollRestoration = 'manual'
const linked = slideOfHash(location.hash, parts.length)
if (linked)
  scrollToSlide(linked)
window.addEventListener('hashchange', () => {
  const no = slideOfHash(location.hash, parts.length)
  if (no)
    scrollToSlide(no)
})

/** Right and left arrows step click by click, as in the talk; the page's other keys scroll as usual. */
window.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented || !current)
    return
  if ((event.target as HTMLElement | null)?.closest('input, textarea, select, [contenteditable]'))
    return
  const { no, step, clicks } = current
  if (event.key === 'ArrowRight') {
    if (step < clicks)
      scrollToSlide(no, step + 1)
    else
      scrollToSlide(no + 1)
  }
  else if (event.key === 'ArrowLeft') {
    if (step > 0)
      scrollToSlide(no, step - 1)
    else if (no > 1)
      scrollToSlide(no - 1, parts[no - 2]!.clicks)
  }
  else {
    return
  }
  event.preventDefault()
})

void (async () => {
  await document.fonts.ready
  await fitNearScreen(parts.map(part => part.slide))
  update()
  root.setAttribute('data-reader', 'ready')
})()
