/**
 * A slide's markdown and speaker notes as HTML for the reader edition, with
 * markdown-it as Slidev renders them: HTML allowed, bare links linked; on a
 * slide, unplugin-vue-markdown's typographer too (an apostrophe in a word
 * becomes ’, quotes stay straight as Slidev's `quotes` option keeps them),
 * which Slidev's notes renderer leaves out.
 * A slide's `<style>` blocks are taken out (render.ts scopes them to the
 * slide, as Slidev does). In the notes, Slidev's `[click]` markers become a
 * label saying which step of the slide the paragraph goes with.
 */
import MarkdownIt from 'markdown-it'

// Links in the edition go to sources elsewhere: a new tab would lose the reader's place on a phone, so
// they open in place, and say nothing else; only make them safe to follow.
function withSafeLinks(markdown: MarkdownIt): MarkdownIt {
  const defaultLinkOpen = markdown.renderer.rules.link_open
    ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options))
  markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index]!
    if (/^https?:/.test(token.attrGet('href') ?? ''))
      token.attrSet('rel', 'noopener')
    return defaultLinkOpen(tokens, index, options, env, self)
  }
  return markdown
}

const slideMarkdown = withSafeLinks(new MarkdownIt({ html: true, linkify: true, typographer: true, quotes: '""\'\'' }))
const notesMarkdown = withSafeLinks(new MarkdownIt({ html: true, linkify: true }))

export interface SlideMarkup {
  /** The slide's markdown rendered to HTML, a Vue template (components and directives stay as written). */
  html: string
  /** The CSS of the slide's `<style>` blocks. */
  styles: string[]
}

const STYLE_BLOCK = /<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g

export function slideMarkup(content: string): SlideMarkup {
  const styles: string[] = []
  const withoutStyles = content.replace(STYLE_BLOCK, (_block, css: string) => {
    styles.push(css.trim())
    return ''
  })
  return { html: slideMarkdown.render(withoutStyles).trim(), styles }
}

/** `[click]` and `[click:N]` at the start of a notes paragraph, as Slidev writes them. */
const CLICK_MARKER = /^\[click(?::(\d+))?\]\s*/

/**
 * The notes as HTML. Paragraphs that start with a click marker get a label
 * (`Step 2`) so the reader can follow the diagram the paragraph describes.
 */
export function notesMarkup(note: string): string {
  let step = 0
  const paragraphs = note.trim().split(/\n\s*\n/).map((paragraph) => {
    const marker = CLICK_MARKER.exec(paragraph)
    if (!marker)
      return notesMarkdown.render(paragraph)
    step = marker[1] ? Number(marker[1]) : step + 1
    const html = notesMarkdown.render(paragraph.slice(marker[0].length))
    return html.replace(/^<p>/, `<p><span class="reader-step-label">Step ${step}</span> `)
  })
  return paragraphs.join('').trim()
}
