/** What the phone remote (./RemotePage.vue) says about where the talk is. */
import type { Position } from '../../shared/sync-protocol'

/** A slide's title, or its number when it has none. */
export function slideTitle(title: string | undefined, page: number): string {
  const trimmed = title?.trim()
  return trimmed || `Slide ${page}`
}

/** `Slide 7 of 59 · click 1 of 3`, without the clicks on a slide that has none. */
export function whereText(position: Position, slides: number): string {
  const slide = `Slide ${position.page} of ${slides}`
  return position.clicksTotal > 0 ? `${slide} · click ${position.clicks} of ${position.clicksTotal}` : slide
}

/** What "Next" does from `position`: the slide's next click, the next slide (by title), or nothing at the end. */
export function nextStepText(position: Position, titles: readonly (string | undefined)[]): string {
  if (position.clicks < position.clicksTotal)
    return `Next: click ${position.clicks + 1} of ${position.clicksTotal} on this slide`
  if (position.page >= titles.length)
    return 'This is the last slide.'
  return `Next: ${slideTitle(titles[position.page], position.page + 1)}`
}

/** Time since the talk started, `m:ss` or `h:mm:ss`; `0:00` before it has. */
export function elapsedText(startedAt: number | undefined, now: number): string {
  const total = startedAt === undefined ? 0 : Math.max(0, Math.floor((now - startedAt) / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor(total / 60) % 60
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}
