import type { SourceId } from '../components/sources'
import type { Deck } from '../scripts/lib/deck'
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from '@slidev/parser'
import { load } from '@slidev/parser/fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { boundDiagrams, clicksOf, countMarkupClicks, diagramClicks, isRegistered } from '../components/clicks'
import { COMPARE_CLICKS } from '../components/compare'
import { figures } from '../components/figures'
import { titleAnchor } from '../components/paper-anchors'
import { partByNo, parts } from '../components/parts'
import { isSourceId, sourceIds, sources } from '../components/sources'
import { timelineViews } from '../components/startup-timeline'
import { captionProblems } from '../components/step-captions'
import { inCharset } from '../scripts/fonts/fonts'
import { allDataFigures, arrayProp, DATA_DIAGRAMS, dataDiagrams, densityFigures } from '../scripts/lib/citations'
import { loadDeck } from '../scripts/lib/deck'
import preparser from '../setup/preparser'
import { deckPolls, pollTags } from '../shared/polls'
import { CHAPTER_CLAIMS, CHAPTER_SECTIONS, unmadeClaims } from './support/chapter'

let deck: Deck
beforeAll(async () => {
  deck = await loadDeck()
})

/** Markdown a reader sees on the slide: no style blocks, comments or code-fence options. */
function visibleMarkdown(content: string): string {
  return content
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^```.*$/gm, '')
}

/** A figure: a number with a unit, a count of a total, or a version. */
const FIGURE = /\b\d+(?:\.\d+)?\s?(?:ms|s|µs|MiB|MB|KB|GiB|GB|%)(?![\w-])|\b\d+ of \d+\b|\b\d+\.\d+(?:\.\d+)?\b/

describe('the deck follows the chapter', () => {
  it('has every section of the chapter, in its order', () => {
    const titles = deck.slides.map(slide => slide.title)
    const positions = CHAPTER_SECTIONS.map(section => titles.indexOf(section))
    expect(CHAPTER_SECTIONS.filter((_, index) => positions[index] === -1)).toEqual([])
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
  })

  it('makes every claim of the chapter in its section, on a slide or in its notes', () => {
    expect(unmadeClaims(deck.slides)).toEqual([])
  })

  it('reads a claim only in its section: said in another, it is missed', () => {
    const claim = CHAPTER_CLAIMS.find(claim => claim.claim === 'Containers rely heavily on kernel stability')!
    const slide = (title: string, note = '') => ({ title, content: `# ${title}`, note })
    const said = 'So containers rely heavily on kernel stability.'
    expect(unmadeClaims([slide('Failure domains'), slide('What goes down', said), slide('OS flexibility')], [claim])).toEqual([])
    expect(unmadeClaims([slide('Failure domains'), slide('OS flexibility', said)], [claim])).toEqual([`Failure domains › ${claim.claim}: missing ${claim.said[0]}`])
    expect(unmadeClaims([slide('OS flexibility', said)], [claim])).toEqual([`Failure domains › ${claim.claim}: no slide is titled "Failure domains"`])
  })

  it('opens each section with a level-1 slide and nests the rest under it (level: 2), for the PDF outlines', () => {
    const wrong = deck.slides
      .filter((slide, index) => slide.level !== (index > 0 && deck.slides[index - 1]!.file === slide.file ? 2 : 1))
      .map(slide => `${slide.no} ${slide.title} (${slide.file}): level ${slide.level}`)
    expect(wrong).toEqual([])
  })

  it('gives every slide a title', () => {
    expect(deck.slides.filter(slide => !slide.title).map(slide => slide.no)).toEqual([])
  })

  it('titles each slide apart, so a reference by title (SlideRef, the PDFs\' links) names one slide', () => {
    const anchors = deck.slides.map(slide => titleAnchor(slide.title))
    expect(anchors.filter((anchor, index) => anchors.indexOf(anchor) !== index)).toEqual([])
    const refs = deck.slides.flatMap(slide => [...slide.content.matchAll(/<SlideRef\s+to="([^"]+)"/g)].map(match => ({ from: slide.no, to: match[1]! })))
    expect(refs.length).toBeGreaterThan(0)
    const titles = new Set(deck.slides.map(slide => slide.title))
    expect(refs.filter(ref => !titles.has(ref.to)).map(ref => `slide ${ref.from} refers to "${ref.to}", which no slide is titled`)).toEqual([])
  })

  it('keeps slides.md an outline: the title slide, the parts\' dividers, and one src: per section file', () => {
    const outline = readFileSync('slides.md', 'utf8')
    const srcs = [...outline.matchAll(/^src: \.\/(pages\/[\w-]+\.md)$/gm)].map(match => match[1])
    const pages = readdirSync('pages').filter(file => file.endsWith('.md')).map(file => `pages/${file}`).sort()
    expect(srcs).toEqual(pages)
    const own = deck.slides.filter(slide => slide.file === 'slides.md')
    expect(own[0]!.no).toBe(1)
    expect(own.slice(1).every(slide => partByNo(slide.frontmatter.part)), 'slides.md holds no slide but the title and the dividers').toBe(true)
    expect(new Set(deck.slides.filter(slide => slide.file !== 'slides.md').map(slide => slide.file))).toEqual(new Set(pages))
  })

  it('opens each of the agenda\'s parts with a divider, in order, titled as components/parts.ts names it', () => {
    const dividers = deck.slides.filter(slide => partByNo(slide.frontmatter.part))
    expect(dividers.map(slide => [slide.frontmatter.part, slide.title])).toEqual(parts.map(part => [part.no, part.title]))
    for (const divider of dividers) {
      expect(divider.content, `slide ${divider.no}`).toContain(`<PartDivider :part="${divider.frontmatter.part}" />`)
      // Each part has slides of its own before the next divider.
      expect(deck.slides[divider.no]?.frontmatter.part, `slide ${divider.no + 1}`).toBeUndefined()
    }
  })
})

// The rules (shared/polls.ts) hold here over the deck's sources, and again when `npm run build` writes the
// polls for the server (scripts/lib/write-polls.ts), which fails the build on a poll that breaks them.
describe('polls', () => {
  it('declares each poll well: a unique kebab-case id, a question, 2 to 6 distinct options of at most 40 characters', () => {
    const polls = deckPolls(deck.slides)
    expect(polls.map(poll => poll.id)).toEqual(['lightweight-vms', 'lightweight-vms-again'])
    expect(deck.slides.flatMap(slide => pollTags(slide.content).filter(tag => 'problem' in tag))).toEqual([])
  })

  it('asks the talk\'s question right after the title slide, and again, compared with the first, before the mental model', () => {
    const polls = deckPolls(deck.slides)
    expect(polls[0]).toMatchObject({ slide: 2, question: deck.title })
    const closing = deck.slides.find(slide => slide.title === 'The mental model to lock in')!
    expect(polls[1]).toMatchObject({ slide: closing.no - 1, question: deck.title, compare: 'lightweight-vms' })
  })

  it('tells the presenter, in the notes, that the poll is live only when hosted', () => {
    const slides = deckPolls(deck.slides).map(poll => deck.slides[poll.slide - 1]!)
    expect(slides.filter(slide => !/live only when the deck is hosted with npm run serve/.test(slide.note)).map(slide => slide.no)).toEqual([])
  })
})

describe('first load', () => {
  // Slidev adds KaTeX's stylesheet and fonts, Monaco, mermaid or an embed to every page when it finds their
  // syntax anywhere in the deck: two `$` on one line (`:clicks="$clicks" :live="$nav…"`) count as math.
  it('uses none of Slidev\'s optional runtimes, so none of them is loaded', async () => {
    const { features } = await load({ roots: [resolve('.')], userRoot: resolve('.') }, resolve('slides.md'))
    expect(Object.keys(features)).toEqual(expect.arrayContaining(['katex', 'monaco', 'mermaid']))
    // Mermaid blocks are the exception: Slidev's flag for them loads nothing (only KaTeX's and Monaco's
    // do), and setup/transformers.ts draws each block to SVG before Slidev's own mermaid sees it
    // (tests/mermaid.spec.ts checks that the built deck holds none of mermaid's code).
    expect(Object.entries(features).filter(([name, used]) => used !== false && name !== 'mermaid')).toEqual([])
  })

  // scripts/vite/unused-styles.ts leaves their stylesheets out of the build.
  it('has no magic-move or twoslash code blocks', () => {
    const sources = ['slides.md', ...readdirSync('pages').filter(file => file.endsWith('.md')).map(file => `pages/${file}`)]
    const using = sources.filter(file => /^\s*(?:`{3}|~{3})[^\n]*\b(?:magic-move|twoslash)\b/m.test(readFileSync(file, 'utf8')))
    expect(using).toEqual([])
  })

  // scripts/fonts/fonts.ts cuts the fonts down to CHARSET; the handout tests check that no glyph falls back to a
  // system font in the PDFs.
  it('writes its slides, notes and diagrams in characters the bundled fonts have', () => {
    const sources = ['slides.md', ...readdirSync('pages').filter(file => file.endsWith('.md')).map(file => `pages/${file}`), ...readdirSync('pages/diagrams').map(file => `pages/diagrams/${file}`)]
    const outside = sources.flatMap(file => [...new Set(readFileSync(file, 'utf8'))]
      .filter(char => char !== '\n' && char !== '\t' && !inCharset(char))
      .map(char => `${file}: ${char} U+${char.codePointAt(0)!.toString(16).toUpperCase()}`))
    expect(outside).toEqual([])
  })
})

describe('speaker notes', () => {
  it('exist on every slide and say something', () => {
    const bare = deck.slides.filter(slide => slide.note.length < 120).map(slide => `${slide.no} ${slide.title}`)
    expect(bare).toEqual([])
  })

  it('follow the clicks: one [click] marker per click step', () => {
    const mismatched = deck.slides
      .filter(slide => (slide.note.match(/\[click\]/g) ?? []).length !== slide.clicks)
      .map(slide => `${slide.no} ${slide.title}: ${slide.clicks} clicks, ${(slide.note.match(/\[click\]/g) ?? []).length} markers`)
    expect(mismatched).toEqual([])
  })
})

describe('click steps come from the diagrams\' data', () => {
  const pages = readdirSync('pages').filter(file => file.endsWith('.md')).map(file => `pages/${file}`)

  it('leaves clicks: out of every slide whose diagrams give the count (components/clicks.ts)', async () => {
    // The pages as written: Slidev's parser without the preparser (setup/preparser.ts) that adds the count.
    const written = await Promise.all(pages.map(async file => ({ file, ...(await parse(readFileSync(file, 'utf8'), file)) })))
    const declared = written.flatMap(({ file, slides }) => slides
      .filter(slide => boundDiagrams(slide.content).length > 0 && 'clicks' in slide.frontmatter)
      .map(slide => `${file}: "${slide.title}" declares clicks: ${String(slide.frontmatter.clicks)}`))
    expect(written.flatMap(({ slides }) => slides).filter(slide => boundDiagrams(slide.content).length > 0).length).toBeGreaterThanOrEqual(18)
    expect(declared).toEqual([])
  })

  it('has a click count for every diagram bound to a slide\'s clicks', () => {
    const tags = deck.slides.flatMap(slide => boundDiagrams(slide.content).map(tag => ({ slide, tag })))
    expect(tags.filter(({ tag }) => !isRegistered(tag)).map(({ slide, tag }) => `${slide.no}: <${tag.name}>`)).toEqual([])
    expect(new Set(tags.map(({ tag }) => tag.name))).toEqual(new Set(Object.keys(diagramClicks)))
  })

  it('gives each diagram slide its diagrams\' clicks, or its v-click markup\'s when that is more', () => {
    const wrong = deck.slides.flatMap((slide) => {
      const tags = boundDiagrams(slide.content)
      const needs = Math.max(...tags.map(clicksOf), countMarkupClicks(slide.content))
      return tags.length > 0 && slide.clicks !== needs ? [`${slide.no} ${slide.title}: ${tags.map(tag => tag.name).join(', ')} need ${needs}, slide has ${slide.clicks}`] : []
    })
    expect(wrong).toEqual([])
  })

  it('gives Slidev, through setup/preparser.ts, the clicks the deck reader counts', async () => {
    const extensions = await preparser({ filepath: resolve('slides.md'), headmatter: {} })
    const parsed = (await Promise.all(pages.map(async file => (await parse(readFileSync(file, 'utf8'), file, extensions)).slides))).flat()
    const diagramSlides = deck.slides.filter(slide => boundDiagrams(slide.content).length > 0)
    expect(diagramSlides.length).toBeGreaterThanOrEqual(18)
    const frontmatterClicks = new Map(parsed.map(slide => [slide.content, slide.frontmatter.clicks]))
    expect(diagramSlides.map(slide => [slide.no, frontmatterClicks.get(slide.content)])).toEqual(diagramSlides.map(slide => [slide.no, slide.clicks]))
  })

  it('fails Slidev\'s load on a diagram bound to the slide\'s clicks with no count', async () => {
    const extensions = await preparser({ filepath: resolve('slides.md'), headmatter: {} })
    await expect(parse('# New\n\n<NewDiagram :clicks="$clicks" />\n', 'pages/new.md', extensions)).rejects.toThrow(/NewDiagram/)
  })

  it('shows each startup timeline view on its own slide', () => {
    const views = deck.slides.flatMap(slide => boundDiagrams(slide.content).filter(tag => tag.name === 'StartupTimeline').map(tag => tag.attrs.view))
    expect(views).toEqual(Object.keys(timelineViews))
  })
})

describe('every figure has a source', () => {
  it('cites only sources that exist', () => {
    const unknown = deck.slides.flatMap(slide =>
      arrayProp(slide.content, 'Cite', 'ids')
        .filter(id => !isSourceId(id))
        .map(id => `${slide.no}: ${id}`))
    expect(unknown).toEqual([])
  })

  it('shows only figure sets that exist', () => {
    const sets = deck.slides.flatMap(slide => [...slide.content.matchAll(/<FigureTable set="([^"]+)"/g)].map(match => match[1]!))
    expect(sets.length).toBeGreaterThan(0)
    expect(sets.filter(set => !Object.hasOwn(figures, set))).toEqual([])
  })

  it('puts a citation on every slide that shows a figure', () => {
    const uncited = deck.slides
      .filter(slide => FIGURE.test(visibleMarkdown(slide.content)))
      .filter(slide => !/<Cite |<FigureTable /.test(slide.content))
      .map(slide => `${slide.no} ${slide.title}: ${visibleMarkdown(slide.content).match(FIGURE)![0]}`)
    expect(uncited).toEqual([])
  })

  it('recognises figures in slide text', () => {
    for (const text of ['568 ms', 'about 2.3 ms', '50 of 88 exploits', 'Linux 2.4.19', '160 MiB', '56%'])
      expect(text).toMatch(FIGURE)
    for (const text of ['Chapter 10', 'CVE-2019-5736', 'm7i.large', 'vCPU'])
      expect(text).not.toMatch(FIGURE)
  })

  it('gives every comparison a caption a step, each one short sentence', () => {
    const compared = deck.slides.filter(slide => slide.content.includes('<Compare'))
    expect(compared.length).toBeGreaterThanOrEqual(8)
    for (const slide of compared) {
      const captions = [...slide.content.matchAll(/:captions="\[('(?:[^'\\]|\\.)*'), ('(?:[^'\\]|\\.)*')\]"/g)]
        .flatMap(match => [match[1]!, match[2]!].map(quoted => quoted.slice(1, -1).replace(/\\'/g, '\'')))
      expect(captionProblems(captions, COMPARE_CLICKS), `slide ${slide.no} (${slide.title})`).toEqual([])
      for (const caption of captions)
        expect(caption.length, `slide ${slide.no}: "${caption}" prints in one line`).toBeLessThanOrEqual(85)
    }
  })

  it('lists every source on the reference slides', () => {
    const groups = new Set(deck.slides.flatMap(slide => arrayProp(slide.content, 'SourceList', 'groups')))
    expect([...groups].sort()).toEqual(['boundary', 'chapter', 'cpu', 'defence', 'host', 'isolation', 'kernel', 'overhead', 'practice', 'reality', 'startup'])
    expect(sourceIds.length).toBeGreaterThan(20)
  })
})

/** Figures with a unit in a text: `568 ms`, `up to 125 ms`, `~17-47 ms`, `110 pods`; a range is one figure. */
const SAID = /(\d+(?:\.\d+)?)(?:\s?(?:-|to)\s?(\d+(?:\.\d+)?))?\s?(ms|s|µs|MiB|KB|pods)(?![\w-])/g

function saidFigures(text: string): Array<{ from: string, to?: string, unit: string }> {
  return [...text.matchAll(SAID)].map(([, from, to, unit]) => ({ from: from!, to, unit: unit! }))
}

/** The ways a figure may be written in notes or on a slide: `25.8 s` or `25.8 seconds`, `8-10 ms` or `8 to 10 ms`. */
function spellings({ from, to, unit }: { from: string, to?: string, unit: string }): string[] {
  const units = { s: ['s', 'seconds'], ms: ['ms', 'milliseconds'] }[unit] ?? [unit]
  const numbers = to ? [`${from}-${to}`, `${from} to ${to}`] : [from]
  return numbers.flatMap(number => units.map(name => `${number} ${name}`))
}

describe('every source is cited, and every citation is a source', () => {
  const cited = () => new Set<string>(deck.slides.flatMap(slide => [
    ...arrayProp(slide.content, 'Cite', 'ids'),
    ...dataDiagrams(slide.content).flatMap(diagram => diagram.sources),
  ]))

  it('cites, on a slide or in a diagram\'s data on a slide, only sources that exist', () => {
    expect([...cited()].filter(id => !isSourceId(id))).toEqual([])
  })

  it('cites every source it lists, on the slide its figure is on; the chapter\'s own references on the chapter\'s reference slide', () => {
    const found = cited()
    const chapterSlide = deck.slides.find(slide => slide.title === 'References from the chapter')!
    expect(arrayProp(chapterSlide.content, 'SourceList', 'groups')).toEqual(['chapter'])
    const uncited = sourceIds.filter(id => !found.has(id) && sources[id].group !== 'chapter')
    expect(uncited).toEqual([])
  })

  it('finds the diagrams that draw sourced data on the slides', () => {
    const drawn = deck.slides.flatMap(slide => dataDiagrams(slide.content))
    expect(drawn.length).toBeGreaterThanOrEqual(Object.keys(DATA_DIAGRAMS).length)
    expect(drawn.every(diagram => diagram.sources.length > 0)).toBe(true)
  })
})

describe('every source shown with a figure carries the words the figure comes from', () => {
  /** A quote that only says the source gives no figure, or that the wording was not checked. */
  const placeholder = (id: SourceId) => /^(?:No figure|Paraphrase)/.test(sources[id].quote)

  it('has a quote, in the source\'s own words, for every source a slide shows a figure with', () => {
    const shown = new Set<SourceId>(deck.slides.flatMap((slide) => {
      const diagrams = dataDiagrams(slide.content)
      const figureOnSlide = FIGURE.test(visibleMarkdown(slide.content)) || diagrams.some(diagram => diagram.figures.length > 0)
      if (!figureOnSlide)
        return []
      return [...arrayProp(slide.content, 'Cite', 'ids').filter(isSourceId), ...diagrams.flatMap(diagram => diagram.figures.map(figure => figure.source))]
    }))
    expect(shown.size).toBeGreaterThan(20)
    expect([...shown].filter(id => sources[id].quote.trim().length < 20)).toEqual([])
    // The sources a diagram's figures come from: the very row or sentence, not a paraphrase.
    const drawn = new Set<SourceId>(deck.slides.flatMap(slide => dataDiagrams(slide.content).flatMap(diagram => diagram.figures.map(figure => figure.source))))
    expect([...drawn].filter(placeholder)).toEqual([])
  })

  it('quotes the number each table and chart row shows', () => {
    const rows = [
      ...Object.values(figures).flat().map(row => ({ said: row.value, source: row.source })),
      ...densityFigures(),
    ]
    const missing = rows.filter(({ said, source }) => {
      const number = said.match(/\d+(?:\.\d+)?/)?.[0]
      return number === undefined || !sources[source].quote.includes(number)
    })
    expect(missing).toEqual([])
  })
})

describe('figures on the slides agree with the diagrams\' data', () => {
  it('says every figure a slide\'s diagrams draw, as the data has it, in the slide\'s notes', () => {
    const unsaid = deck.slides.flatMap(slide => dataDiagrams(slide.content)
      .flatMap(diagram => diagram.figures)
      .flatMap(figure => saidFigures(figure.said))
      .filter(figure => !spellings(figure).some(spelling => slide.note.includes(spelling)))
      .map(figure => `${slide.no} ${slide.title}: ${spellings(figure)[0]}`))
    expect(unsaid).toEqual([])
  })

  it('writes on a slide only the figures its cited sources\' data hold', () => {
    const wrong = deck.slides.flatMap((slide) => {
      const citedHere = new Set<string>([...arrayProp(slide.content, 'Cite', 'ids'), ...dataDiagrams(slide.content).flatMap(diagram => diagram.sources)])
      const known = allDataFigures.filter(figure => citedHere.has(figure.source)).flatMap(figure => saidFigures(figure.said)).flatMap(spellings)
      if (known.length === 0)
        return []
      return saidFigures(visibleMarkdown(slide.content))
        .filter(figure => !spellings(figure).some(spelling => known.includes(spelling)))
        .map(figure => `${slide.no} ${slide.title}: ${spellings(figure)[0]}`)
    })
    expect(wrong).toEqual([])
  })

  it('reads figures as they are written', () => {
    expect(saidFigures('up to 125 ms, ~17-47 ms, 8 to 10 ms, 110 pods per node, 25.8 s').map(spellings).map(found => found[0])).toEqual(['125 ms', '17-47 ms', '8-10 ms', '110 pods', '25.8 s'])
    expect(spellings({ from: '25.8', unit: 's' })).toContain('25.8 seconds')
    expect(saidFigures('CVE-2019-5736, m7i.large, Linux 2.4.19')).toEqual([])
  })
})
