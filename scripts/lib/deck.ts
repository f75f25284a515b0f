/**
 * The deck as its sources describe it: one entry per slide with its number,
 * title, speaker notes and click steps. Tests and the export script read the
 * deck through this, so they agree with what Slidev renders.
 */
import type { Slot } from '../../components/slot.ts'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { load } from '@slidev/parser/fs'
import { slideClicks } from '../../components/clicks.ts'
import { applySlot, dropsSlide, parseSlot, SLOT_ENV } from '../../components/slot.ts'

export interface DeckSlide {
  /** 1-based, as in the URL `/N`. */
  no: number
  title: string
  note: string
  /** Markdown of the slide, without frontmatter and notes. */
  content: string
  /** Clicks the slide steps through, as setup/preparser.ts gives them to Slidev (components/clicks.ts). */
  clicks: number
  /** Source file, relative to the deck root. */
  file: string
  /** The 1-based line in that file where `content` starts (for messages that name a line). */
  contentLine: number
  /** 1 for the slide that opens a section (the first of its file), 2 for the slides under it: the PDF outline's nesting. */
  level: number
  /** The slide's `layout:` (the first slide's comes from the headmatter); undefined for Slidev's default. */
  layout?: string
  /** Its frontmatter (the first slide's is the headmatter), as `$frontmatter` gives it to the slide. */
  frontmatter: Record<string, unknown>
}

export interface Deck {
  /** The edition's slot (components/slot.ts): `short` leaves the `depth: deep` slides out. */
  slot: Slot
  title: string
  author: string
  exportFilename: string
  info: string
  keywords: string[]
  slides: DeckSlide[]
}

/**
 * The deck of `root` for a slot, by default the one `DECK_SLOT` names (the
 * build and the export set it from `--slot`): its slides as Slidev shows
 * them, the short edition's without the slides setup/preparser.ts disables,
 * numbered again.
 */
export async function loadDeck(root = process.cwd(), slot: Slot = parseSlot(process.env[SLOT_ENV])): Promise<Deck> {
  const entry = resolve(root, 'slides.md')
  const data = await load({ roots: [root], userRoot: root }, entry)
  const headmatter = { ...data.headmatter } as Record<string, unknown>
  applySlot(headmatter, slot)
  const texts = new Map<string, string>()
  const lineOf = (file: string, content: string, fromLine: number): number => {
    if (!texts.has(file))
      texts.set(file, readFileSync(file, 'utf8'))
    const text = texts.get(file)!
    const from = text.split('\n').slice(0, fromLine).join('\n').length
    const at = content ? text.indexOf(content.slice(0, 200), from) : -1
    return at < 0 ? fromLine + 1 : text.slice(0, at).split('\n').length
  }
  const slides = data.slides.filter(slide => !dropsSlide(slide.frontmatter, slot)).map((slide, index): DeckSlide => {
    return {
      no: index + 1,
      title: slide.title ?? '',
      note: (slide.note ?? '').trim(),
      content: slide.content,
      clicks: slideClicks(slide.content, slide.frontmatter.clicks),
      file: slide.source.filepath.slice(root.length + 1),
      contentLine: lineOf(slide.source.filepath, slide.content, slide.source.start),
      level: slide.level ?? 1,
      ...(typeof slide.frontmatter.layout === 'string' ? { layout: slide.frontmatter.layout } : {}),
      frontmatter: { ...slide.frontmatter },
    }
  })
  const dangling = danglingSlideRefs(slides)
  if (dangling.length > 0)
    throw new Error(`${dangling.map(ref => `${ref.file}: <SlideRef to="${ref.to}"> names no slide of the ${slot} edition`).join('; ')}. Refer to a slide the edition keeps, or mark the referring slide \`depth: deep\` too.`)
  return {
    slot,
    title: String(headmatter.title ?? ''),
    author: String(headmatter.author ?? ''),
    exportFilename: String(headmatter.exportFilename ?? 'slides'),
    info: String(headmatter.info ?? '').trim(),
    keywords: Array.isArray(headmatter.keywords) ? headmatter.keywords.map(String) : String(headmatter.keywords ?? '').split(',').map(word => word.trim()).filter(Boolean),
    slides,
  }
}

export interface SlideRefUse {
  /** The referring slide's number and file. */
  from: number
  file: string
  /** The title it names. */
  to: string
}

/** Every `<SlideRef to="...">` on the slides. */
export function slideRefs(slides: readonly DeckSlide[]): SlideRefUse[] {
  return slides.flatMap(slide => [...slide.content.matchAll(/<SlideRef\s+to="([^"]+)"/g)].map(match => ({ from: slide.no, file: slide.file, to: match[1]! })))
}

/** The references to a title no slide has: a dropped slide's, in the short edition. The deck reader refuses them. */
export function danglingSlideRefs(slides: readonly DeckSlide[]): SlideRefUse[] {
  const titles = new Set(slides.map(slide => slide.title))
  return slideRefs(slides).filter(ref => !titles.has(ref.to))
}
