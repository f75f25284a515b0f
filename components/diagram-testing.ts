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
