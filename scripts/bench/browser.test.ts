/**
 * What `npm run bench` measures in Chromium, on a three-slide stand-in for a
 * built deck (no Slidev build): the first visit's bytes, requests and requests
 * to other hosts, the time to the first slide, throttled and not, the
 * click-through to the last slide, and a visit that waits for the load event
 * alone, on a server known by its origin only (as `npm run serve` is).
 */
import type { Browser } from 'playwright-chromium'
import type { BenchServer } from './server'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-chromium'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { locateChromium } from '../lib/chromium'
import { visit } from './browser'
import { otherProcessServer, serveStatic } from './server'
import { HOST_RULES } from './starter'

/** Slides at /, /2 and /3, in Slidev's markup; ArrowRight goes to the next one; a picture from another host that cannot load. */
const APP = `const total = 3
const current = () => Number(location.pathname.slice(1)) || 1
const render = () => {
  document.getElementById('app').innerHTML = '<div class="slidev-page-' + current() + '"><div class="slidev-layout">Slide ' + current() + '</div></div>'
}
addEventListener('keydown', (event) => {
  if (event.key === 'ArrowRight' && current() < total) {
    history.pushState(null, '', '/' + (current() + 1))
    render()
  }
})
render()
// ${'padding '.repeat(400)}
`

describe('a first visit and a click-through', () => {
  let folder: string
  let server: BenchServer
  let browser: Browser
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'bench-browser-'))
    mkdirSync(join(folder, 'assets'))
    writeFileSync(join(folder, 'index.html'), '<!doctype html><html><head><title>deck</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/style.css"></head><body><div id="app"></div><img src="https://images.example.org/cover.jpg" alt=""><script src="/assets/app.js"></script></body></html>')
    writeFileSync(join(folder, 'assets', 'style.css'), '.slidev-layout { width: 400px; height: 300px; }\n')
    writeFileSync(join(folder, 'assets', 'app.js'), APP)
    server = await serveStatic(folder)
    browser = await chromium.launch({ executablePath: (await locateChromium()).path, args: ['--no-sandbox', HOST_RULES] })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    rmSync(folder, { recursive: true, force: true })
  })

  it('counts the bytes and requests of the visit, the other host asked, and clicks through to the last slide', async () => {
    const result = await visit(browser, server, { throttled: false, clickThrough: { slides: 3 }, timeoutMs: 30_000 })
    expect(result.timeToFirstSlideMs).toBeGreaterThan(0)
    expect(result.files.map(file => file.url).sort()).toEqual(['/', '/assets/app.js', '/assets/style.css'])
    expect(result.bytes).toBe(result.files.reduce((sum, file) => sum + file.bytes, 0))
    expect(result.bytesByType).toMatchObject({ Document: expect.any(Number), Script: expect.any(Number), Stylesheet: expect.any(Number) })
    // The script went gzipped: fewer bytes than its text, more than its headers.
    const script = result.files.find(file => file.url === '/assets/app.js')!
    expect(script.bytes).toBeLessThan(APP.length)
    expect(script.bytes).toBeGreaterThan(200)
    expect(result.requests).toBe(4)
    expect(result.otherHostRequests).toBe(1)
    expect(result.otherHostUrls).toEqual(['https://images.example.org/cover.jpg'])
    expect(result).toMatchObject({ serviceWorkerBytes: 0, serviceWorkerRequests: 0 })
    // Long tasks are counted, not asserted: how many there are depends on what else the machine is doing (npm run bench reports them).
    expect(result.clickThrough).toMatchObject({ steps: 2, reachedEnd: true, finalUrl: `${server.origin}/3`, longTasks: expect.any(Number) })
  }, 60_000)

  it('stops the click-through after slide upTo', async () => {
    const result = await visit(browser, server, { throttled: false, clickThrough: { slides: 3, upTo: 1 }, timeoutMs: 30_000 })
    expect(result.clickThrough).toMatchObject({ steps: 1, reachedEnd: true, finalUrl: `${server.origin}/2` })
  }, 60_000)

  it('ready at the load event, on a server known by its origin only: the same files, no time to first slide', async () => {
    const elsewhere = otherProcessServer(server.origin, async () => {})
    const result = await visit(browser, elsewhere, { throttled: false, ready: 'load', precache: false, timeoutMs: 30_000 })
    expect(result.files.map(file => file.url).sort()).toEqual(['/', '/assets/app.js', '/assets/style.css'])
    expect(result.requests).toBe(4)
    expect(result.timeToFirstSlideMs).toBeNaN()
    expect(result.clickThrough).toBeUndefined()
  }, 60_000)

  it('on the throttled profile, waits at least a round trip for the page and one for its files', async () => {
    const result = await visit(browser, server, { throttled: true, timeoutMs: 30_000 })
    expect(result.timeToFirstSlideMs).toBeGreaterThanOrEqual(80)
    expect(result.clickThrough).toBeUndefined()
  }, 60_000)
})
