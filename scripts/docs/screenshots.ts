/**
 * `npm run docs:screenshots`: the pictures in README.md and docs/, taken from
 * the built deck (run `npm run build` first; nothing is built here) as
 * `npm run serve` hosts it, in the Chromium that `npm run chromium` finds:
 *
 * - docs/images/presenter-view.png: the presenter view, proved presenter, on a
 *   diagram slide mid-build, with a phone following (the badge counts it);
 * - docs/images/phone-following.png: a phone held upright following the talk;
 * - docs/images/presenter-pace.png: the presenter view seven minutes into the
 *   talk by Slidev's timer, still on "The wrong comparison": the pace line
 *   says where the talk should be and how far behind it is (no rehearsal
 *   saved: the slides' shares);
 * - docs/images/diagram-mid-build.png: that slide alone at that click, as a
 *   static host shows it (server/static.ts without the sync channel).
 *
 * Each waits for what it shows (the position reached, the badge's state, the
 * fonts, Slidev's "Caching for offline…" note gone once the service worker has
 * cached the deck), with reduced motion so no step is caught mid-fade. The
 * server runs on a free port with a throwaway data directory and secret.
 */
import type { ChildProcess } from 'node:child_process'
import type { Browser, Page } from 'playwright-chromium'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { chromium } from 'playwright-chromium'
import { createStaticHandler } from '../../server/static'
import { chromiumOrExit } from '../lib/chromium'
import { loadDeck } from '../lib/deck'

const root = resolve(import.meta.dirname, '../..')
const dist = join(root, 'dist')
const images = join(root, 'docs', 'images')
/** The diagram shown mid-build, and the click it is shown at. */
const DIAGRAM_TITLE = 'Architecture, side by side'
const DIAGRAM_CLICK = 3
/** The slide the pace picture is on, and how long into the talk (by the presenter's timer) it is taken. */
const PACE_TITLE = 'The wrong comparison'
const PACE_ELAPSED_MS = 7 * 60_000
/** Smaller than the tests' 1280 × 720, so each picture stays well under 150 kB; text stays readable. */
const LAPTOP = { width: 1280, height: 720 }
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true }

/** Starts `npm run serve` on dist/ (server/cli.ts, as the command runs it); resolves with its port once it listens. */
async function serve(dataDir: string, secret: string): Promise<{ child: ChildProcess, port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--dir', dist, '--data', dataDir, '--port', '0', '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, DECK_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const port = await new Promise<number>((resolvePort, reject) => {
    const read = (chunk: string) => {
      output += chunk
      const match = /on port (\d+)\./.exec(output)
      if (match)
        resolvePort(Number(match[1]))
    }
    child.stdout!.setEncoding('utf8').on('data', read)
    child.stderr!.setEncoding('utf8').on('data', read)
    child.once('exit', () => reject(new Error(`npm run serve exited before listening:\n${output}`)))
  })
  return { child, port }
}

/** Serves dist/ as a static host does, without the sync channel; resolves with its origin and a way to close it. */
async function serveStatic(): Promise<{ origin: string, close: () => Promise<void> }> {
  const files = createStaticHandler({ dir: dist, base: '/', syncAvailable: false })
  const server = createServer(files)
  await new Promise<void>(listening => server.listen(0, '127.0.0.1', listening))
  const address = server.address()
  if (address === null || typeof address === 'string')
    throw new Error('the static host has no port')
  return {
    origin: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((closed) => {
      server.closeAllConnections()
      server.close(() => closed())
    }),
  }
}

async function open(browser: Browser, url: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options })
  const page = await context.newPage()
  await page.goto(url)
  return page
}

/** Waits until the page shows slide `no` at `clicks` (its address says so) with its fonts in. */
async function at(page: Page, no: number, clicks: number): Promise<void> {
  await page.waitForURL(new RegExp(`/${no}(\\?clicks=${clicks})?$`))
  await page.locator(`[data-slidev-no="${no}"] .slidev-layout`).first().waitFor({ state: 'visible' })
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
}

/** Slidev's note says "Caching for offline…", then "Ready offline" for 4 s: the picture waits until it has gone. */
async function offlineNoteGone(page: Page): Promise<void> {
  await page.locator('.slidev-pwa-indicator').waitFor({ state: 'detached', timeout: 120_000 })
}

async function shoot(page: Page, name: string): Promise<void> {
  const file = join(images, name)
  await page.screenshot({ path: file })
  process.stdout.write(`${file.slice(root.length + 1)}: ${Math.round(statSync(file).size / 1024)} kB\n`)
}

if (!existsSync(join(dist, 'index.html'))) {
  process.stderr.write('No built deck in dist/: run `npm run build` first.\n')
  process.exit(1)
}
const slide = (await loadDeck(root)).slides.find(candidate => candidate.title === DIAGRAM_TITLE)
if (!slide || slide.clicks < DIAGRAM_CLICK)
  throw new Error(`No slide "${DIAGRAM_TITLE}" with ${DIAGRAM_CLICK} clicks or more: change DIAGRAM_TITLE in scripts/docs/screenshots.ts`)
mkdirSync(images, { recursive: true })

const secret = randomBytes(18).toString('base64url')
const dataDir = mkdtempSync(join(tmpdir(), 'deck-screenshots-'))
const server = await serve(dataDir, secret)
const staticHost = await serveStatic()
const browser = await chromium.launch({ executablePath: await chromiumOrExit() })
try {
  const url = `http://127.0.0.1:${server.port}/`
  const presenter = await open(browser, `${url}presenter/${slide.no}#secret=${encodeURIComponent(secret)}`, { viewport: LAPTOP })
  const badge = presenter.locator('.deck-sync')
  await badge.and(presenter.locator('[data-role="presenter"]')).waitFor()
  const phone = await open(browser, `${url}1`, PHONE)
  await at(phone, slide.no, 0)
  await badge.filter({ hasText: 'Live: 1 following' }).waitFor()
  for (let click = 0; click < DIAGRAM_CLICK; click++)
    await presenter.keyboard.press('ArrowRight')
  await presenter.waitForURL(new RegExp(`/presenter/${slide.no}\\?clicks=${DIAGRAM_CLICK}$`))
  await at(phone, slide.no, DIAGRAM_CLICK)
  await phone.locator('.deck-sync').filter({ hasText: 'Following the presenter' }).waitFor()
  await presenter.evaluate(() => document.fonts.ready.then(() => undefined))
  await Promise.all([offlineNoteGone(presenter), offlineNoteGone(phone)])
  await shoot(presenter, 'presenter-view.png')
  await shoot(phone, 'phone-following.png')

  // The pace: the page's clock stands still but where the picture puts it; Slidev's timer is started by its own ▶.
  const paceSlide = (await loadDeck(root)).slides.find(candidate => candidate.title === PACE_TITLE)
  if (!paceSlide)
    throw new Error(`No slide "${PACE_TITLE}": change PACE_TITLE in scripts/docs/screenshots.ts`)
  const start = Date.parse('2025-05-12T14:00:00Z')
  const paced = await (await browser.newContext({ reducedMotion: 'reduce', viewport: LAPTOP })).newPage()
  await paced.clock.setFixedTime(start)
  await paced.goto(`${url}presenter/${paceSlide.no}#secret=${encodeURIComponent(secret)}`)
  await paced.locator('.deck-sync[data-role="presenter"]').waitFor()
  const line = paced.getByTestId('pace-line')
  await line.filter({ hasText: 'start the timer' }).waitFor()
  await paced.locator('.slidev-presenter .group').filter({ has: paced.locator('.i-carbon\\:time') }).hover()
  await paced.locator('.slidev-presenter .i-carbon\\:play').click()
  await paced.clock.setFixedTime(start + PACE_ELAPSED_MS)
  await line.filter({ hasText: 'behind' }).waitFor()
  await paced.mouse.move(0, 0)
  await paced.evaluate(() => document.fonts.ready.then(() => undefined))
  await offlineNoteGone(paced)
  await shoot(paced, 'presenter-pace.png')

  const diagram = await open(browser, `${staticHost.origin}${slide.no}?clicks=${DIAGRAM_CLICK}`, { viewport: LAPTOP })
  await at(diagram, slide.no, DIAGRAM_CLICK)
  await offlineNoteGone(diagram)
  await shoot(diagram, 'diagram-mid-build.png')
}
finally {
  await browser.close()
  server.child.kill('SIGTERM')
  await staticHost.close()
  rmSync(dataDir, { recursive: true, force: true })
}
