/**
 * What the reader edition's status line announces for a slide: its text as
 * it stands at the current click step. Left out: what is not shown yet (a
 * fragment without `.visible`), what a click took away (`.fade-out.visible`),
 * and what assistive technology is told to skip (`aria-hidden`: a diagram's
 * earlier steps, stacked under its latest, render.ts), so a finished diagram
 * is announced once. Reads the DOM only: no style, no layout.
 */

const SKIPPED_TAGS = new Set(['STYLE', 'SCRIPT', 'TEMPLATE'])
/** Elements inside a line of text: no word break after them (the others end a block, a label, a cell). */
const INLINE_TAGS = new Set(['A', 'ABBR', 'B', 'CITE', 'CODE', 'EM', 'I', 'KBD', 'MARK', 'Q', 'S', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'tspan'])

function skipped(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.tagName) || element.getAttribute('aria-hidden') === 'true' || element.hasAttribute('hidden'))
    return true
  const { classList } = element
  return classList.contains('fragment') && (classList.contains('fade-out') ? classList.contains('visible') : !classList.contains('visible'))
}

function collect(node: Node, parts: string[]): void {
  if (node.nodeType === Node.TEXT_NODE) {
    parts.push(node.textContent ?? '')
    return
  }
  if (node.nodeType !== Node.ELEMENT_NODE || skipped(node as Element))
    return
  for (const child of node.childNodes)
    collect(child, parts)
  // Block ends and labels read as separate words.
  if (!INLINE_TAGS.has((node as Element).tagName))
    parts.push(' ')
}

/** The text `root` shows at its current click step, white space collapsed. */
export function shownText(root: Element): string {
  const parts: string[] = []
  collect(root, parts)
  return parts.join('').replace(/\s+/g, ' ').trim()
}
