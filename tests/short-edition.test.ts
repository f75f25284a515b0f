/**
 * The short edition (`--slot short`, components/slot.ts) against the chapter:
 * it leaves out exactly the deeper slides the agenda's notes name, still has
 * every section of the chapter and makes every claim within its section, and
 * its references list every source its slides cite and nothing else.
 */
import type { Deck } from '../scripts/lib/deck'
import process from 'node:process'
import { beforeAll, describe, expect, it } from 'vitest'
import { partByNo, parts } from '../components/parts'
import { sourcesShown } from '../components/sources'
import { arrayProp, citedSources } from '../scripts/lib/citations'
import { danglingSlideRefs, loadDeck, slideRefs } from '../scripts/lib/deck'
import { citedModule } from '../scripts/vite/cited-sources'
import { CHAPTER_SECTIONS, unmadeClaims } from './support/chapter'

let full: Deck
let short: Deck
beforeAll(async () => {
  [full, short] = await Promise.all([loadDeck(process.cwd(), 'full'), loadDeck(process.cwd(), 'short')])
})

/** The deeper slides, as the agenda's notes name them. */
const DEEP = [
  'Start-up in practice: the image and the snapshot',
  'A VM’s declared overhead is not its cost',
  'Isolation is a spectrum, not a switch',
  'Policy changes the defaults',
  'VMs are not absolute either',
  'CPU bugs cross both boundaries',
  'Who protects the tenant from the host?',
  'Containers see the host',
  'Noisy neighbours: what the kernel still shares',
  'Not just the kernel: the CPU and the build',
  'A VM per container, sold as a product',
]

/** The reference slides whose sources only the deeper slides cite. */
const DEEP_REFERENCES = [
  'Sources: hardening a container',
  'Sources: the VM boundary and confidential computing',
  'Sources: KVM and the CPU under both',
  'Sources: start-up in practice, platforms',
  'Sources: what a container sees of the host',
]

describe('the short edition', () => {
  it('leaves out the eleven deeper slides the agenda\'s notes name, their reference slides, and only those', () => {
    const agenda = full.slides.find(slide => slide.title === 'Agenda')!
    expect(agenda.note).toContain('Eleven slides go deeper')
    expect(DEEP).toHaveLength(11)
    const dropped = [...DEEP, ...DEEP_REFERENCES]
    expect(full.slides.filter(slide => slide.frontmatter.depth === 'deep').map(slide => slide.title)).toEqual(dropped)
    const kept = new Set(short.slides.map(slide => slide.title))
    expect(full.slides.filter(slide => !kept.has(slide.title)).map(slide => slide.title)).toEqual(dropped)
    expect(short.slides.length).toBe(full.slides.length - dropped.length)
  })

  it('numbers its slides again, 1 to the last', () => {
    expect(short.slides.map(slide => slide.no)).toEqual(short.slides.map((_, index) => index + 1))
  })

  it('names its files apart: <name>-short', () => {
    expect(short.slot).toBe('short')
    expect(short.exportFilename).toBe(`${full.exportFilename}-short`)
  })

  it('has every section of the chapter, in its order', () => {
    const titles = short.slides.map(slide => slide.title)
    const positions = CHAPTER_SECTIONS.map(section => titles.indexOf(section))
    expect(CHAPTER_SECTIONS.filter((_, index) => positions[index] === -1)).toEqual([])
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
  })

  it('drops no slide that opens a section', () => {
    expect(full.slides.filter(slide => slide.frontmatter.depth === 'deep' && slide.level !== 2).map(slide => slide.title)).toEqual([])
  })

  it('makes every claim of the chapter in its section, on a slide it keeps or in its notes', () => {
    expect(unmadeClaims(short.slides)).toEqual([])
  })

  it('keeps the agenda\'s five parts, each opened by its divider', () => {
    const dividers = short.slides.filter(slide => partByNo(slide.frontmatter.part))
    expect(dividers.map(slide => slide.title)).toEqual(parts.map(part => part.title))
  })

  it('refers (SlideRef) only to slides it keeps', () => {
    expect(slideRefs(short.slides).length).toBeGreaterThan(0)
    expect(danglingSlideRefs(short.slides)).toEqual([])
  })
})

describe('the short edition\'s references', () => {
  const listed = (deck: Deck, cited: Parameters<typeof sourcesShown>[1]) => deck.slides.flatMap(slide =>
    arrayProp(slide.content, 'SourceList', 'groups').length > 0
      ? [{ slide, ids: sourcesShown(arrayProp(slide.content, 'SourceList', 'groups') as Parameters<typeof sourcesShown>[0], cited).map(source => source.id) }]
      : [])

  it('are the sources its slides cite, as virtual:deck-cited gives them to the reference slides', async () => {
    expect(await citedModule(process.cwd(), 'short')).toEqual(citedSources(short.slides))
    expect(await citedModule(process.cwd(), 'full')).toBeNull()
  })

  it('leave no citation dangling: every source a slide cites is listed', () => {
    const shown = new Set(listed(short, citedSources(short.slides)).flatMap(list => list.ids))
    expect(citedSources(short.slides).filter(id => !shown.has(id))).toEqual([])
  })

  it('list no source the edition no longer cites (the chapter\'s own references aside)', () => {
    const cited = citedSources(short.slides)
    const lists = listed(short, cited).filter(list => list.slide.title !== 'References from the chapter')
    expect(lists.flatMap(list => list.ids).filter(id => !cited.includes(id))).toEqual([])
    // The sources only the deeper slides cite are gone from the lists.
    const dropped = citedSources(full.slides).filter(id => !cited.includes(id))
    expect(dropped.length).toBeGreaterThan(0)
    expect(lists.flatMap(list => list.ids).filter(id => dropped.includes(id))).toEqual([])
  })

  it('leave out a reference slide exactly when the deeper slides alone cite its sources', () => {
    const cited = citedSources(short.slides)
    const references = listed(full, null).filter(list => list.slide.title !== 'References from the chapter')
    const emptied = references.filter(list => !list.ids.some(id => cited.includes(id))).map(list => list.slide.title)
    expect(emptied).toEqual(DEEP_REFERENCES)
  })

  it('leave no reference slide empty', () => {
    expect(listed(short, citedSources(short.slides)).filter(list => list.ids.length === 0).map(list => list.slide.title)).toEqual([])
  })
})
