/**
 * The audience page's script (scripts/audience/ builds the page): the slide
 * is in the HTML already; this shows its click, lets the reader move, keeps
 * the slide's live components live (./islands.ts: polls, the timeline, the
 * density chart), and then loads the hosted parts (./hosted.ts: following,
 * questions, the polls' votes) and the service worker that keeps the talk
 * readable offline.
 */
import { readDeck } from './deck'
import { followIslands } from './islands'
import { createAudiencePage } from './page'
import '../../styles/fonts.css'
import '../../styles/layouts.css'
import '../../styles/tokens.css'
import '../../styles/deck.css'
import '../../styles/steps.css'
// The hosted controls' styles load with the page: a stylesheet arriving with their chunk would restyle the whole slide.
import '../sync/sync-bar.css'
import '../sync/questions.css'
import '../sync/polls.css'
import './audience.css'

// Dark when the reader's system is: the deck's colours hang on html.dark, as in the Slidev deck.
const darkScheme = window.matchMedia('(prefers-color-scheme: dark)')
const applyScheme = (): void => void document.documentElement.classList.toggle('dark', darkScheme.matches)
applyScheme()
darkScheme.addEventListener('change', applyScheme)

/** On a wide screen the slide is Slidev's canvas, scaled to the stage's room above the bar (audience.css). */
const CANVAS = { width: 980, height: 552 }
function fitCanvas(stage: HTMLElement): void {
  const fit = (): void => {
    const style = getComputedStyle(stage)
    const width = stage.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight)
    const height = stage.clientHeight - Number.parseFloat(style.paddingTop) - Number.parseFloat(style.paddingBottom)
    // A little under the exact fit, so the slide's edge stays in view whatever the rounding.
    const scale = Math.min(width / CANVAS.width, height / CANVAS.height) * 0.98
    stage.style.setProperty('--audience-scale', String(Number.isFinite(scale) && scale > 0 ? scale : 1))
  }
  // Only a wide screen has the canvas: on a phone, reading the stage's size would lay the page out for nothing.
  const wide = window.matchMedia('(min-width: 641px) and (orientation: landscape)')
  const observer = new ResizeObserver(fit)
  const follow = (): void => {
    if (wide.matches)
      observer.observe(stage)
    else
      observer.disconnect()
  }
  follow()
  wide.addEventListener('change', follow)
}

const deck = readDeck(document.getElementById('audience-deck')?.textContent)
const stage = document.getElementById('audience-stage')
const bar = document.querySelector<HTMLElement>('.audience__bar')
if (deck && stage && bar) {
  const page = createAudiencePage(deck, { stage, bar })
  // The page the service worker had for another slide (offline): the slide the address names.
  if (Number(page.slide().dataset.slide) !== page.place().page)
    void page.go(page.place(), 'reader')
  followIslands(page)
  fitCanvas(stage)
  document.documentElement.dataset.audience = 'ready'
  // The hosted parts after the slide, their chunk's evaluation and each of their steps in a task of its own (./hosted.ts).
  // This script imports nothing it shares with them: their chunk takes what they import (scripts/audience/build.ts).
  void import('./hosted').then(({ connectAudience }) => connectAudience(page))
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    addEventListener('load', () => {
      void navigator.serviceWorker.register(`${deck.base}audience-sw.js`, { scope: deck.base }).catch(() => {})
    })
  }
}
