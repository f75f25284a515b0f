/** The panels' DOM helpers (./questions-panel.ts, ./poll-panel.ts, ./remote-panel.ts): plain elements, text set as text. */

/** An element of `tag` with `className` and, when given, `text` as its text (never HTML). */
export function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const made = doc.createElement(tag)
  made.className = className
  if (text !== undefined)
    made.textContent = text
  return made
}

/** A `<button type="button">` that calls `onClick`. */
export function button(doc: Document, className: string, text: string, onClick: () => void): HTMLButtonElement {
  const made = element(doc, 'button', className, text)
  made.type = 'button'
  made.addEventListener('click', onClick)
  return made
}
