/**
 * Helpers for the diagram components' tests (components/*.test.ts): what a
 * mounted diagram shows at a click, as the deck draws it.
 */
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'

/** Print, overview and presenter preview render slides at Slidev's maximum click. */
export const PRINT_CLICKS = 99999

/** Shown: neither the element nor anything around it is a hidden step. */
export function shown(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.classList.contains('is-hidden'))
      return false
  }
  return true
}

/** The texts of the shown elements that match `selector`, whitespace collapsed. */
export function shownTexts(wrapper: VueWrapper, selector: string): string[] {
  return wrapper.findAll(selector)
    .filter((found: DOMWrapper<Element>) => shown(found.element))
    .map(found => found.text().replace(/\s+/g, ' ').trim())
}

/** Every click of a diagram with `count` clicks, 0 (the slide alone) included. */
export function steps(count: number): number[] {
  return Array.from({ length: count + 1 }, (_, index) => index)
}

/** Read by assistive technology: neither the element nor anything around it is `aria-hidden`. */
function spoken(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.getAttribute('aria-hidden') === 'true')
      return false
  }
  return true
}

export interface ShownFigure {
  /** Its accessible name: the alternate text of its `Figure` in the printed PDFs. */
  label: string | undefined
  /** The words it draws: each text it shows, whitespace collapsed. */
  texts: string[]
}

/** The `<figure>`s a mounted diagram shows, each with its name and the texts drawn in it. */
export function shownFigures(wrapper: VueWrapper): ShownFigure[] {
  return wrapper.findAll('figure')
    .filter(found => shown(found.element) && spoken(found.element))
    .map((found) => {
      const texts: string[] = []
      const walker = found.element.ownerDocument.createTreeWalker(found.element, 4 /* NodeFilter.SHOW_TEXT */)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim()
        if (text && shown(node.parentElement!) && spoken(node.parentElement!))
          texts.push(text)
      }
      return { label: found.attributes('aria-label'), texts }
    })
}
