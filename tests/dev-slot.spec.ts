import type { Page } from '@playwright/test'
import type { ChildProcess } from 'node:child_process'
import type { Deck } from '../scripts/lib/deck'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import process from 'node:process'
import { expect, test } from '@playwright/test'
import { sourceAnchor } from '../components/paper-anchors'
import { sourcesShown } from '../components/sources'
import { citedSources } from '../scripts/lib/citations'
import { loadDeck } from '../scripts/lib/deck'
import { killGroup } from '../scripts/lib/processes'
import { DEV_PORT } from './support/servers'

/**
 * `?slot=short` on `npm run dev` (scripts/vite/slot-switch.ts): one `slidev`
 * dev server in a child process for the file, on the full edition; a page
 * opened with `?slot=short` gets the short edition's deck (its slides, their
 * numbers, the progress bar, the edition), a tab already open follows by
 * Slidev's hot update, and `?slot=full` brings the full edition back.
 */
const origin = `http://localhost:${DEV_PORT}`
let server: ChildProcess | undefined
let output = ''
let full: Deck
let short: Deck

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(120_000)
  ;[full, short] = await Promise.all([loadDeck(process.cwd(), 'full'), loadDeck(process.cwd(), 'short')])
  const env = { ...process.env }
  delete env.DECK_SLOT
  // Slidev reads its shortcut keys from stdin and ends with it: it stays open until the end.
  server = spawn(process.execPath, [createRequire(import.meta.url).resolve('@slidev/cli/bin/slidev.mjs'), '--port', String(DEV_PORT)], { env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] })
  // Slidev prints its address once the server listens.
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: string) => {
      output += chunk
      // eslint-disable-next-line no-control-regex
      if (output.replace(/\x1B\[[\d;]*m/g, '').includes(`${origin}/`))
        resolve()
    }
    server!.stdout!.setEncoding('utf8').on('data', read)
    server!.stderr!.setEncoding('utf8').on('data', read)
    server!.once('exit', () => reject(new Error(`slidev exited before listening:\n${output}`)))
  })
})

test.afterAll(async () => {
  if (server)
    await killGroup(server)
})

/** What Slidev's router has: the slides' titles, in order (window.__slidev__ exists in dev). */
function routedTitles(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __slidev__: { nav: { slides: { meta: { slide?: { title?: string } } }[] } } }).__slidev__.nav.slides.map(route => route.meta.slide?.title ?? ''))
}

/** Waits until slide `no` is on screen, and gives the width of its progress bar. */
async function progressOn(page: Page, no: number): Promise<string | null> {
  await expect(page.locator(`.slidev-page-${no}`)).toBeVisible({ timeout: 90_000 })
  return page.locator(`.slidev-page-${no} .place-mark__done`).getAttribute('style')
}

const width = (no: number, total: number) => `width: ${Math.round(no / total * 1000) / 10}%;`

/** A reference slide of the short edition that lists fewer sources than the full edition's: its number and the anchors it lists. */
function shortenedReferences(): { no: number, anchors: string[] } {
  const cited = citedSources(short.slides)
  for (const slide of short.slides) {
    const groups = /<SourceList :groups="\[([^\]]*)\]"/.exec(slide.content)?.[1]?.match(/[\w-]+/g) as Parameters<typeof sourcesShown>[0] | undefined
    if (groups && sourcesShown(groups, cited).length < sourcesShown(groups, null).length)
      return { no: slide.no, anchors: sourcesShown(groups, cited).map(source => sourceAnchor(source.id)) }
  }
  throw new Error('No reference slide of the short edition lists fewer sources')
}

test('?slot=short serves the short edition, a tab already open follows, and ?slot=full brings the full edition back', async ({ browser }) => {
  test.setTimeout(240_000)
  const deep = full.slides.find(slide => slide.frontmatter.depth === 'deep')!
  // The slide the short edition numbers where the first deep slide was.
  const at = deep.no
  expect(short.slides[at - 1]!.title).not.toBe(deep.title)

  const open = await (await browser.newContext()).newPage()
  await open.goto(`${origin}/${at}`)
  expect(await progressOn(open, at)).toBe(width(at, full.slides.length))
  expect(await routedTitles(open)).toEqual(full.slides.map(slide => slide.title))
  // The full edition's cited sources, loaded (and kept by the server) before the switch: every source listed.
  expect(await (await open.request.get(`${origin}/@id/__x00__virtual:deck-cited`)).text()).toMatch(/^export default null\n/)

  const page = await (await browser.newContext()).newPage()
  await page.goto(`${origin}/${at}?slot=short`)
  expect(await progressOn(page, at)).toBe(width(at, short.slides.length))
  // The first paint is already the short edition's: no deep slide, every other one numbered in order.
  expect(await routedTitles(page)).toEqual(short.slides.map(slide => slide.title))
  await expect(page.locator(`.slidev-page-${at}`)).toContainText(short.slides[at - 1]!.title.replace(/`/g, ''))
  const edition = await (await page.request.get(`${origin}/@id/__x00__virtual:deck-edition`)).text()
  expect(edition).toContain('"slot":"short"')
  expect(output).toContain('Slot: the short edition now')
  // Its reference slides list only the sources it still cites.
  const references = shortenedReferences()
  await page.goto(`${origin}/${references.no}`)
  await expect(page.locator(`.slidev-page-${references.no} .source-list li`).first()).toBeVisible({ timeout: 90_000 })
  expect(await page.locator(`.slidev-page-${references.no} .source-list li`).evaluateAll(items => items.map(item => item.id))).toEqual(references.anchors)
  // The tab left open hears of it by Slidev's hot update.
  await expect.poll(() => routedTitles(open), { timeout: 30_000 }).toEqual(short.slides.map(slide => slide.title))

  // The server keeps the slot for a page without ?slot=, until ?slot=full.
  await page.goto(`${origin}/1`)
  await expect(page.locator('.slidev-page-1')).toBeVisible({ timeout: 90_000 })
  expect(await routedTitles(page)).toHaveLength(short.slides.length)
  await page.goto(`${origin}/${at}?slot=full`)
  expect(await progressOn(page, at)).toBe(width(at, full.slides.length))
  expect(await routedTitles(page)).toEqual(full.slides.map(slide => slide.title))
  await expect(page.locator(`.slidev-page-${at}`)).toContainText(deep.title.replace(/`/g, ''))
  expect(await (await page.request.get(`${origin}/@id/__x00__virtual:deck-edition`)).text()).not.toContain('"slot"')
})
