/**
 * slides.md turns Slidev's preloading off (`preload: false`): it mounts every
 * slide at once three seconds after load, one long task. In `npm run dev`,
 * setup/main.ts uses this instead to load the slides' code, one slide per idle
 * period and without mounting it, so Vite has compiled a slide before it is
 * first shown; it mounts only when it is shown.
 */
import type { SlideRoute } from '@slidev/types'

type Idle = (callback: () => void) => void

const whenIdle: Idle = typeof requestIdleCallback === 'function'
  ? callback => requestIdleCallback(callback, { timeout: 2000 })
  : callback => setTimeout(callback, 50)

/** Loads each route's component in turn, one per idle callback; resolves when all are loaded (a failed load is skipped). */
export async function warmSlides(routes: readonly Pick<SlideRoute, 'load'>[], idle: Idle = whenIdle): Promise<void> {
  for (const route of routes) {
    await new Promise<void>(resolve => idle(resolve))
    await Promise.resolve(route.load()).catch(() => {})
  }
}
