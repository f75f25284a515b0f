/**
 * A slide's click steps on the audience page. The slides are rendered at
 * build time as the reader edition renders them (scripts/reader/render.ts):
 * what `v-click` shows is marked `.fragment` with its click in
 * `data-fragment-index` (`.fade-out` for what a click hides), and a diagram
 * bound to the clicks is drawn once per step (`.reader-step`, `data-step`).
 * Showing click K marks what is shown by then `.visible`; the stylesheet
 * (audience.css) does the rest, and of a diagram's steps only the latest
 * shown is visible, to the eye and to assistive technology.
 */

/** Shows `slide` at click `clicks`. */
export function showClicks(slide: ParentNode, clicks: number): void {
  for (const element of slide.querySelectorAll<HTMLElement>('.fragment[data-fragment-index]')) {
    const index = Number(element.dataset.fragmentIndex)
    element.classList.toggle('visible', clicks >= index)
  }
  for (const steps of slide.querySelectorAll<HTMLElement>('.reader-steps')) {
    const shown = [...steps.children].filter((step): step is HTMLElement => step instanceof HTMLElement && step.classList.contains('reader-step'))
    const current = shown.filter(step => Number(step.dataset.step) <= clicks).at(-1) ?? shown[0]
    for (const step of shown) {
      const isCurrent = step === current
      step.toggleAttribute('inert', !isCurrent)
      if (isCurrent)
        step.removeAttribute('aria-hidden')
      else
        step.setAttribute('aria-hidden', 'true')
    }
  }
}
