import { configs } from '@slidev/client/env.ts'
import { slides } from '@slidev/client/logic/slides.ts'
import { defineAppSetup } from '@slidev/types'
import { fitShownSlide, NARROW_CANVAS, NARROW_CLASS, NARROW_QUERY, wantsNarrow } from './narrow'
import { preloadNeighbours, slideNoOf } from './preload-neighbours'
import { installSync } from './sync/install'

/**
 * A phone held upright gets the narrow canvas the slides reflow into (./narrow.ts); each slide shown is fitted to
 * it, again as its content loads or a click adds some. Turning the phone reloads the page into the other canvas.
 */
function useNarrowCanvas(router: Parameters<Parameters<typeof defineAppSetup>[0]>[0]['router']): void {
  if (typeof window === 'undefined')
    return
  const screen = window.matchMedia(NARROW_QUERY)
  const narrow = wantsNarrow(location.pathname, location.search, screen.matches)
  screen.addEventListener('change', () => {
    if (wantsNarrow(location.pathname, location.search, true))
      location.reload()
  })
  if (!narrow)
    return
  configs.canvasWidth = NARROW_CANVAS.width
  configs.aspectRatio = NARROW_CANVAS.width / NARROW_CANVAS.height
  document.documentElement.classList.add(NARROW_CLASS)
  const needed = new Map<string, number>()
  let queued = false
  const fit = (): void => {
    if (queued)
      return
    queued = true
    requestAnimationFrame(() => {
      queued = false
      fitShownSlide(document, needed)
    })
  }
  router.afterEach(fit)
  void document.fonts.ready.then(fit)
  // A slide's component loads, or a click shows more of it: fit again (the layout's own style changes are not watched).
  void router.isReady().then(() => {
    new MutationObserver(fit).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] })
  })
}

export default defineAppSetup(({ app, router }) => {
  // The download button fetches the slides PDF that `npm run export` copies
  // into dist/. Slidev resolves `download:` against the current page, which
  // misses from /presenter/N; resolve it against the deck's base instead, so
  // it works under any base path.
  if (typeof configs.download === 'string' && !/^(?:[a-z]+:)?\//i.test(configs.download))
    configs.download = `${import.meta.env.BASE_URL}${configs.download}`

  useNarrowCanvas(router)

  // Served by `npm run serve`: the audience follows the presenter on their own devices.
  installSync(app, router)

  // The slides on either side of the one shown, mounted ahead as Slidev would (slides.md turns its own
  // preloading off, which would also mount every slide at once three seconds after load).
  router.afterEach(to => void preloadNeighbours(slides.value, slideNoOf(to)))
})
