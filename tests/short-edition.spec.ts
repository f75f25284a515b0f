import type { ServedDist } from '../scripts/export/serve-dist'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import process from 'node:process'
import { expect, test } from '@playwright/test'
import { editionLabel } from '../components/edition'
import { sourceIds, sources } from '../components/sources'
import { exportDeck } from '../scripts/export/export-deck'
import { exportFiles } from '../scripts/export/outputs'
import { readPdf } from '../scripts/export/read-pdf'
import { serveDist } from '../scripts/export/serve-dist'
import { findChromium } from '../scripts/lib/chromium'
import { citedSources } from '../scripts/lib/citations'
import { loadDeck } from '../scripts/lib/deck'
import { builtEdition } from '../scripts/lib/edition'
import { normalise, openSlide } from './support/deck-page'
import { sectionOutline } from './support/outline'
import { expectSlideLinks } from './support/pdf-links'

/**
 * The short edition as `npm run build -- --slot short && npm run export --
 * --slot short` makes it (components/slot.ts): built once for this file into
 * its own folder (the full edition keeps dist/), and printed, of all the
 * outputs, only the slides PDF with its PNGs and dark PDF, which carry what
 * the slot changes. tests/exports.spec.ts and tests/pdf.spec.ts check every
 * output of the full edition; tests/short-edition.test.ts the short
 * edition's content.
 */
const DIST = 'node_modules/.cache/dist-short'
const EXPORTS = 'node_modules/.cache/exports-short'
const full = await loadDeck(process.cwd(), 'full')
const deck = await loadDeck(process.cwd(), 'short')
const files = exportFiles(deck, EXPORTS)
let served: ServedDist | undefined
let buildOutput = ''

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(360_000)
  const env: Record<string, string | undefined> = { ...process.env, DECK_VITE_CACHE_DIR: 'node_modules/.cache/vite-short' }
  delete env.DECK_SLOT
  delete env.TALK_EDITION
  delete env.BASE
  const build = spawn(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--slot', 'short', '--out', DIST], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  build.stdout.setEncoding('utf8').on('data', (chunk: string) => buildOutput += chunk)
  build.stderr.setEncoding('utf8').on('data', (chunk: string) => buildOutput += chunk)
  const status = await new Promise<number | null>(resolve => build.once('exit', resolve))
  expect(status, buildOutput).toBe(0)
  expect(buildOutput).toContain('Built the short edition.')
  await exportDeck({ deck, dist: DIST, dir: EXPORTS, executablePath: findChromium().path, outputs: ['slides'] })
  served = await serveDist(DIST)
})

test.afterAll(async () => {
  await served?.close()
})

test('its files are named -short, and it is stamped "short edition" in print and in the metadata', async () => {
  expect(deck.exportFilename).toBe(`${full.exportFilename}-short`)
  for (const path of [files.slides.path, files.dark.path])
    expect(existsSync(path), path).toBe(true)
  expect(files.png.dir).toBe(`${EXPORTS}/png-short`)
  expect(readdirSync(files.png.dir).sort()).toEqual(deck.slides.map(slide => `${slide.no}.png`).sort())

  const edition = builtEdition(DIST)
  expect(edition.slot).toBe('short')
  const label = editionLabel(edition)
  expect(label).toContain(' · short edition · ')
  const pdf = await readPdf(files.slides.path)
  expect((pdf.info.Custom as Record<string, string>).Edition).toBe(label)
  expect(normalise(pdf.pages.at(-1)!.text)).toContain(label)
})

test('the slides PDF has a page per slide of the short edition, in its outline, and no deep slide', async () => {
  const pdf = await readPdf(files.slides.path)
  expect(deck.slides.length).toBeLessThan(full.slides.length)
  expect(pdf.pages).toHaveLength(deck.slides.length)
  expect(pdf.outline).toEqual(sectionOutline(deck))
  const missing = deck.slides.filter(slide => !normalise(pdf.pages[slide.no - 1]!.text).includes(normalise(slide.title)))
  expect(missing.map(slide => `page ${slide.no}: "${slide.title}"`)).toEqual([])
  const deep = full.slides.filter(slide => slide.frontmatter.depth === 'deep')
  expect(deep.length).toBeGreaterThan(0)
  expect(deep.filter(slide => pdf.outline.some(item => item.title === slide.title || item.children.some(child => child.title === slide.title))).map(slide => slide.title)).toEqual([])
})

test('its links open the right pages: the agenda its dividers, each citation its reference, each reference the slides citing it', async () => {
  // Every part keeps its divider (no section opens with a deep slide).
  expect(deck.slides.filter(slide => typeof slide.frontmatter.part === 'number').map(slide => slide.frontmatter.part)).toEqual([1, 2, 3, 4, 5])
  await expectSlideLinks(deck, files.slides.path, false)
})

test('its reference slides list only the sources its slides cite, and the chapter\'s own', async () => {
  const pdf = await readPdf(files.slides.path)
  const links = new Set(pdf.pages.flatMap(page => page.links))
  const cited = citedSources(deck.slides)
  const listed = sourceIds.filter(id => sources[id].group === 'chapter' || cited.includes(id))
  expect(listed.length).toBeLessThan(sourceIds.length)
  expect(listed.filter(id => !links.has(sources[id].url))).toEqual([])
  expect(sourceIds.filter(id => !listed.includes(id) && links.has(sources[id].url))).toEqual([])
})

test('the built deck numbers the short edition\'s slides, and its progress bar runs to the last', async ({ browser }) => {
  const page = await (await browser.newContext({ baseURL: served!.url })).newPage()
  const deep = full.slides.find(slide => slide.frontmatter.depth === 'deep')!
  // Where the first deep slide was, the slide after it.
  const at = await openSlide(page, deep.no)
  await expect(at.locator('.slidev-layout')).toContainText(deck.slides[deep.no - 1]!.title.replace(/`/g, ''))
  await expect(at.locator('.place-mark__done')).toHaveAttribute('style', `width: ${Math.round(deep.no / deck.slides.length * 1000) / 10}%;`)
  const last = deck.slides.at(-1)!
  const end = await openSlide(page, last.no)
  await expect(end.locator('.slidev-layout')).toContainText(last.title.replace(/`/g, ''))
  await expect(end.locator('.place-mark__done')).toHaveAttribute('style', 'width: 100%;')
  await page.keyboard.press('ArrowRight')
  await expect(page).toHaveURL(new RegExp(`/${last.no}(\\?clicks=\\d+)?$`))
})

test('its reader edition has the short edition\'s slides', () => {
  const html = readFileSync(`${DIST}/reader/index.html`, 'utf8')
  const sections = [...html.matchAll(/<section\s[^>]*id="slide-(\d+)"/g)].map(match => Number(match[1]))
  expect(sections).toEqual(deck.slides.map(slide => slide.no))
  expect(buildOutput).toContain(`Reader edition: ${deck.slides.length} slides in ${DIST}/reader/`)
})
