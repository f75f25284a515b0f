/**
 * The reader edition in the browser: reveal.js in its scroll view, with the
 * speaker notes under each slide as reading text.
 *
 * reveal.js's scroll view shares the scroll out evenly between pages; with
 * notes between them, pages sit where their notes push them. The plugin below
 * moves each slide's notes after its page and replaces the scroll view's
 * share-out (`setTriggerRanges`, an internal of reveal.js 6.0.2, pinned in
 * package.json) with one measured from the page (scroll-ranges.ts), and
 * scrolls to a slide at a whole pixel (`scrollToSlide`). The
 * browser tests scroll through the edition and check that each diagram builds
 * in step while its slide is on screen.
 */
import type { PageBox } from './scroll-ranges'
import Reveal from 'reveal.js'
import { SlideFitting } from './fit-slides'
import { pageRanges, slideScrollTop } from './scroll-ranges'
import 'reveal.js/reveal.css'
import '../../styles/fonts.css'
// Slidev's layout first, then the deck's own styles over it, as in the Slidev deck.
import './reader.css'
import '../../styles/layouts.css'
import '../../styles/tokens.css'
import '../../styles/deck.css'
import '../../styles/steps.css'

interface ScrollTrigger { range: [number, number] }
interface ScrollPage { pageElement: HTMLElement, slideElement: HTMLElement, scrollTriggers: ScrollTrigger[] }
interface SlideTrigger { page: ScrollPage, range: [number, number] }
/** The parts of reveal.js's ScrollView this file uses. */
interface ScrollView {
  viewportElement: HTMLElement
  slideTriggers: SlideTrigger[]
  scrollTriggerHeight: number
  totalScrollTriggerCount: number
  setTriggerRanges: () => void
  syncScrollPosition: () => void
  isActive: () => boolean
  scrollToSlide: (slide: HTMLElement) => void
  getScrollTriggerBySlide: (slide: HTMLElement) => SlideTrigger | undefined
}

// Dark when the reader's system is: the deck's colours hang on html.dark, as in the Slidev deck.
const darkScheme = window.matchMedia('(prefers-color-scheme: dark)')
const applyScheme = (): void => void document.documentElement.classList.toggle('dark', darkScheme.matches)
applyScheme()
darkScheme.addEventListener('change', applyScheme)

function topIn(element: HTMLElement, viewport: HTMLElement): number {
  return element.getBoundingClientRect().top - viewport.getBoundingClientRect().top + viewport.scrollTop
}

/** Each slide's notes, after the page reveal.js wraps the slide in. */
function placeNotes(view: ScrollView): void {
  for (const { page } of view.slideTriggers) {
    const notes = page.slideElement.querySelector<HTMLElement>(':scope > .reader-notes')
    if (notes)
      page.pageElement.after(notes)
  }
}

function measuredRanges(view: ScrollView): void {
  placeNotes(view)
  const viewport = view.viewportElement
  const triggers = view.slideTriggers
  const boxes: PageBox[] = triggers.map(({ page }) => ({ top: topIn(page.pageElement, viewport), triggers: page.scrollTriggers.length }))
  const ranges = pageRanges(boxes, viewport.scrollHeight, viewport.offsetHeight, view.scrollTriggerHeight)
  view.totalScrollTriggerCount = triggers.reduce((total, trigger) => total + Math.max(trigger.page.scrollTriggers.length, 1), 0)
  triggers.forEach((trigger, index) => {
    trigger.range = ranges[index]!.slide
    trigger.page.scrollTriggers.forEach((scrollTrigger, step) => {
      scrollTrigger.range = ranges[index]!.triggers[step]!
    })
  })
}

const ReaderNotes = {
  id: 'reader-notes',
  init(reveal: { scroll?: ScrollView }) {
    const view = reveal.scroll
    if (!view || typeof view.setTriggerRanges !== 'function')
      throw new Error('reader edition: this reveal.js has no scroll view internals to place the notes (expected reveal.js 6.0.2)')
    view.setTriggerRanges = () => measuredRanges(view)
    // reveal.js's own scroll to a slide can stop a pixel short, on the slide before (slideScrollTop).
    const viewport = view.viewportElement
    const scrollToSlide = view.scrollToSlide.bind(view)
    view.scrollToSlide = (slide) => {
      const trigger = view.isActive() ? view.getScrollTriggerBySlide(slide) : undefined
      if (!trigger)
        return scrollToSlide(slide)
      viewport.scrollTop = slideScrollTop(trigger.range[0], viewport.scrollHeight, viewport.offsetHeight)
    }
    // Text reflows as fonts load and the window changes: measure again, then update what is current.
    const remeasure = (): void => {
      if (view.isActive() && view.slideTriggers?.length) {
        measuredRanges(view)
        view.syncScrollPosition()
      }
    }
    new ResizeObserver(remeasure).observe(document.querySelector('.reveal .slides')!)
    void document.fonts.ready.then(remeasure)
  },
}

/**
 * Slidev's canvas is 980 × 552. On a phone that would shrink text to a few pixels, so a narrow screen
 * gets a narrower, taller canvas that the slides reflow into, scaled less. A slide whose content does
 * not fit it (the wider diagrams) is laid out a little wider, and scaled down to fit, at the first of
 * LAYOUT_WIDTHS where every click step fits, else at Slidev's canvas: `fitNarrow` measures the slide.
 */
const narrowScreen = window.matchMedia('(max-width: 640px)')
const WIDE = { width: 980, height: 552 }
const NARROW = { width: 480, height: 854 }
const LAYOUT_WIDTHS = [540, 600, 700, 820]
function canvas(): { width: number, height: number } {
  return narrowScreen.matches ? NARROW : WIDE
}

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
function fitNearScreen(viewport: HTMLElement): Promise<void> {
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
    }, { root: viewport, rootMargin: '100% 0px' })
    for (const slide of document.querySelectorAll<HTMLElement>('.reveal section.reader-slide'))
      observer.observe(slide)
  })
}

const deck = new Reveal({
  view: 'scroll',
  scrollLayout: 'compact',
  scrollSnap: false,
  scrollProgress: true,
  ...canvas(),
  margin: 0.04,
  // No larger than the talk's canvas: on a wide screen the slide stays a card above a reading column.
  maxScale: 1,
  center: false,
  hash: true,
  respondToHashChanges: true,
  controls: false,
  progress: false,
  transition: 'none',
  plugins: [ReaderNotes],
})

void deck.initialize().then(async () => {
  // The address follows the reading (reveal.js's scroll view does not write it), so a shared or
  // reloaded link opens the slide being read: #/slide-N, which reveal.js reads on load. The first
  // slide, before any, keeps the plain address.
  deck.on('slidechanged', () => {
    const id = deck.getCurrentSlide()?.id
    if (id && location.hash !== `#/${id}` && (location.hash || id !== 'slide-1'))
      history.replaceState(history.state, '', `#/${id}`)
  })
  narrowScreen.addEventListener('change', () => deck.configure(canvas()))
  await document.fonts.ready
  await fitNearScreen(deck.getViewportElement()!)
  document.documentElement.setAttribute('data-reader', 'ready')
})
