/**
 * The speaker notes for one click, as plain text for the phone remote. Slidev
 * builds a slide's notes as HTML, with an empty
 * `<span class="slidev-note-click-mark" data-clicks="N">` where the notes say
 * `[click]`: what follows a mark is said from click N on. The text before the
 * first mark goes with click 0. For a click without a mark of its own, the
 * phone shows the part of the last mark before it.
 */

const MARK = /<span class="slidev-note-click-mark" data-clicks="(\d+)"><\/span>/g

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: '\u00A0' }

/** Text from a fragment of Slidev's note HTML: paragraphs and list items on lines of their own, tags dropped, entities read. */
export function noteText(html: string): string {
  return html
    .replace(/<\/(?:p|li|h\d|blockquote|pre)>|<br\s*\/?>/g, '\n')
    .replace(/<li>/g, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#')
        return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)))
      return ENTITIES[name.toLowerCase()] ?? whole
    })
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '')
    .join('\n')
}

/** The notes' parts by the click they start at, in order. */
export function noteParts(html: string): { from: number, text: string }[] {
  const parts: { from: number, text: string }[] = []
  let from = 0
  let start = 0
  for (const match of html.matchAll(MARK)) {
    parts.push({ from, text: noteText(html.slice(start, match.index)) })
    from = Number(match[1])
    start = match.index + match[0].length
  }
  parts.push({ from, text: noteText(html.slice(start)) })
  return parts.filter(part => part.text !== '')
}

/** What to say at `clicks`: the part that starts at that click, or the last one before it. */
export function notesAtClick(html: string | undefined, clicks: number): string {
  const parts = noteParts(html ?? '')
  let chosen = ''
  for (const part of parts) {
    if (part.from <= clicks)
      chosen = part.text
  }
  return chosen
}
