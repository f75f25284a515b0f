/**
 * The room's edition of the handout (`npm run export -- --room DIR`),
 * printed from the built deck (`npm run build`) and the fixture data
 * directory tests/fixtures/room/data (what it holds: scripts/export/room.test.ts).
 * What it prints beside the slides, what it must not print (hidden and
 * unanswered questions, device ids, a question's markup as markup), its
 * stamp, pages, outline, structure and links.
 */
import type { RoomExport } from '../scripts/export/export-room'
import type { InternalLink, PdfFacts } from '../scripts/export/read-pdf'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { editionLabel } from '../components/edition'
import { exportRoom } from '../scripts/export/export-room'
import { handoutOutline } from '../scripts/export/print-handout'
import { outlineTitles, readInternalLinks, readPdf, readStructure } from '../scripts/export/read-pdf'
import { structureProblems } from '../scripts/export/structure'
import { findChromium } from '../scripts/lib/chromium'
import { loadDeck } from '../scripts/lib/deck'
import { builtEdition } from '../scripts/lib/edition'
import { OTHER_QUESTIONS_TITLE, roomEditionLabel } from '../setup/handout/room-edition'
import { normalise } from './support/deck-page'
import { holds, linksToNowhere, placedLinks, sourceLinks } from './support/pdf-links'

const FIXTURE = 'tests/fixtures/room/data'
const deck = await loadDeck()
const opening = deck.slides.find(slide => slide.content.includes('<Poll id="lightweight-vms"'))!
const again = deck.slides.find(slide => slide.content.includes('compare="lightweight-vms"'))!

/** Every device id in the fixture's journals and snapshot. */
const deviceIds = [...new Set(['questions.jsonl', 'questions.snapshot.json', 'polls.jsonl'].flatMap(name => readFileSync(join(FIXTURE, name), 'utf8').match(/fixture-dev-[\da-f]+/g) ?? []))]

test.describe.configure({ mode: 'serial' })

let printed: RoomExport
let pdf: PdfFacts
let links: InternalLink[][]
/** The page (0-based) each slide starts on. */
let starts: number[]

test.beforeAll(async () => {
  // Printing the handout: about a minute on a loaded 2-core machine.
  test.setTimeout(180_000)
  printed = await exportRoom({ deck, dist: 'dist', room: FIXTURE, dir: mkdtempSync(join(tmpdir(), 'room-edition-')), executablePath: findChromium().path })
  ;[pdf, links] = await Promise.all([readPdf(printed.path), readInternalLinks(printed.path)])
  starts = handoutOutline(deck, pdf.pages.map(page => page.text)).map(entry => entry.page - 1)
})

/** The text of the pages slide `no` fills: from its first page to the next slide's. */
function slideText(no: number): string {
  return normalise(pdf.pages.slice(starts[no - 1], starts[no] ?? pdf.pages.length).map(page => page.text).join(' '))
}

test('is named as the other exports are, and read the fixture as a data directory', () => {
  expect(printed.path).toMatch(/\/containers-vs-vms-room\.pdf$/)
  expect(printed.from).toBe('data directory')
  expect(printed.room).toMatchObject({ date: '2026-05-14', event: 'Platform engineering meetup' })
})

test('prints the opening poll\'s answers before and after beside its slide, with counts and shares, and the poll slides show the room\'s votes', () => {
  const text = slideText(opening.no)
  for (const words of ['The room\'s answers: Are containers just lightweight VMs?', 'Before, on this slide', `After, on slide ${again.no}`, 'Yes, lightweight VMs 3 · 60% 1 · 17% -43 pts', 'Sort of 1 · 20% 1 · 17% -3 pts', 'No, something else 1 · 20% 4 · 67% +47 pts', 'In all 5 votes 6 votes'])
    expect(holds(text, words), `slide ${opening.no}: "${words}" in ${text}`).toBe(true)
  // The slides themselves: the room's bars, not the placeholder for the hosted talk.
  expect(holds(text, '5 votes · poll closed')).toBe(true)
  const repeat = slideText(again.no)
  expect(holds(repeat, 'Before: 5 votes · now: 6 votes · poll closed'), repeat).toBe(true)
  expect(repeat).not.toContain('Before and now appear here in the hosted talk')
  expect(holds(repeat, 'The room\'s answers')).toBe(false)
})

test('prints each answered question after the slide it came up on, with its votes, most first, and those of unknown slide on a last page', () => {
  const expected: Record<number, string[]> = {
    [opening.no]: ['Can I change my vote once the poll is closed? (1 vote)'],
    9: ['Do containers share the host kernel, always? (4 votes)', '<b>bold</b> claim: a container is <i>just</i> a process? (2 votes)'],
    11: ['Where does the hypervisor run on a Mac? (0 votes)'],
    [again.no]: ['Which answer did the room move to? (0 votes)'],
  }
  for (const [no, questions] of Object.entries(expected)) {
    const text = slideText(Number(no))
    expect(holds(text, 'The room\'s questions on this slide, answered in the talk'), `slide ${no}`).toBe(true)
    const at = questions.map(question => text.replace(/\s+/g, '').indexOf(question.replace(/\s+/g, '')))
    expect(at.every(index => index >= 0), `slide ${no}: ${questions.join(' / ')} in ${text}`).toBe(true)
    expect(at, `slide ${no}: most votes first`).toEqual([...at].sort((a, b) => a - b))
  }
  const withQuestions = deck.slides.filter(slide => holds(slideText(slide.no), 'The room\'s questions on this slide')).map(slide => slide.no)
  expect(withQuestions).toEqual(Object.keys(expected).map(Number).sort((a, b) => a - b))
  const last = normalise(pdf.pages.slice(starts.at(-1)! + 1).map(page => page.text).join(' '))
  expect(holds(last, OTHER_QUESTIONS_TITLE)).toBe(true)
  expect(holds(last, 'How much memory does an idle container use, next to an idle VM? (3 votes)')).toBe(true)
  expect(holds(last, 'Will the slides be online after the talk? (0 votes)')).toBe(true)
})

test('leaves out hidden and unanswered questions, and every device id; a question\'s markup is its text', () => {
  const text = pdf.pages.map(page => page.text).join(' ')
  for (const absent of ['HIDDEN-QUESTION', 'UNANSWERED-QUESTION', 'Is gVisor a VM?'])
    expect(text, absent).not.toContain(absent)
  expect(deviceIds.length).toBe(6)
  const metadata = JSON.stringify(pdf.info)
  for (const id of deviceIds) {
    expect(text, id).not.toContain(id)
    expect(metadata, id).not.toContain(id)
  }
  // As asked: the tags' characters on the page, nothing set in bold or italics by them.
  expect(holds(text, '<b>bold</b> claim: a container is <i>just</i> a process?')).toBe(true)
})

test('stamps every page and the metadata as the room\'s edition, with the talk\'s day and event', () => {
  const label = roomEditionLabel({ date: '2026-05-14', event: 'Platform engineering meetup' }, editionLabel(builtEdition('dist')))
  expect(label).toMatch(/^Room edition · Platform engineering meetup · 2026-05-14 · Edition /)
  const unstamped = pdf.pages.flatMap((page, index) => holds(page.text, label) ? [] : [index + 1])
  expect(unstamped, 'pages without the room\'s edition in their footer').toEqual([])
  expect((pdf.info.Custom as Record<string, string>).Edition).toBe(label)
  expect(pdf.info.Title).toBe(`${deck.title} — room edition`)
  expect(holds(pdf.pages[0]!.text, 'The room\'s edition (Platform engineering meetup, 2026-05-14)')).toBe(true)
})

test('gives each slide its own page in order, bookmarks every slide and the other questions, and heads each page as the handout does', async () => {
  expect(new Set(starts).size).toBe(deck.slides.length)
  expect(starts).toEqual([...starts].sort((a, b) => a - b))
  expect(pdf.pages.length).toBeGreaterThan(deck.slides.length)
  expect(outlineTitles(pdf.outline)).toEqual([...deck.slides.map(slide => slide.title), OTHER_QUESTIONS_TITLE])
  const facts = await readStructure(printed.path)
  const other = pdf.pages.findIndex(page => holds(page.text, OTHER_QUESTIONS_TITLE))
  const expected = pdf.pages.map((_, index) => {
    const slide = deck.slides[starts.indexOf(index)]
    return slide ? [`${slide.level > 1 ? 'H2' : 'H1'} ${slide.title}`] : index === other ? [`H1 ${OTHER_QUESTIONS_TITLE}`] : []
  })
  expect(structureProblems(facts, expected)).toEqual([])
})

test('opens the page each of its links names: the poll asked again, the sources, the slides referred to', () => {
  const all = placedLinks(links)
  expect(linksToNowhere(all), 'links to nowhere').toEqual([])
  const fromPoll = all.filter(link => link.from - 1 >= starts[opening.no - 1]! && link.from - 1 < starts[opening.no]! && link.dest === `slide-${again.no}`)
  expect(fromPoll.map(link => link.page)).toEqual([starts[again.no - 1]! + 1])
  const citations = sourceLinks(all, pdf.pages)
  expect(citations.count).toBeGreaterThan(20)
  expect(citations.misplaced).toEqual([])
  const toSlides = all.filter(link => /^slide-\d+$/.test(link.dest))
  expect(toSlides.filter(link => link.page !== starts[Number(link.dest.slice('slide-'.length)) - 1]! + 1).map(link => `page ${link.from}: #${link.dest} opens page ${link.page}`)).toEqual([])
})
