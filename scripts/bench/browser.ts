/**
 * What `npm run bench` measures in Chromium: one first visit of a built deck
 * in a new browser context (cold cache), through the Chrome DevTools Protocol,
 * and optionally a click-through of every step.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-chromium'
import type { BenchServer } from './server'
import { bytesSentFor, droppedFrames, isOtherHost, shortUrl, slideNumber, THROTTLED_PROFILE } from './lib'

/** The throttled profile (10 Mbit/s down, 5 Mbit/s up, 40 ms round trip) as CDP takes it: bytes per second. */
export const THROTTLED = {
  offline: false,
  latency: THROTTLED_PROFILE.roundTripMs,
  downloadThroughput: THROTTLED_PROFILE.downloadMbit * 1e6 / 8,
  uploadThroughput: THROTTLED_PROFILE.uploadMbit * 1e6 / 8,
} as const

/** The network counts as idle after this long without a request in flight. */
export const IDLE_MS = 500
/** Most steps a click-through takes (a bound, far above any deck's). */
export const MAX_STEPS = 2000
/** At the last slide, how long to wait for one more step before taking the deck as done. */
export const LAST_STEP_WAIT_MS = 1500

export interface TransferredFile {
  url: string
  type: string
  bytes: number
}

export interface ClickThrough {
  steps: number
  /** Whether the click-through got where it was going: past slide upTo, or the deck's last slide. */
  reachedEnd: boolean
  finalUrl: string
  longTasks: number
  longTaskMs: number
  droppedFrames: number
  /** Long tasks by the step they came in (the URL after the key press), and the frames dropped there. */
  slowSteps: { url: string, longTasks: number, longTaskMs: number, droppedFrames: number }[]
}

export interface Visit {
  timeToFirstSlideMs: number
  bytes: number
  requests: number
  /** By CDP resource type (Script, Stylesheet, Font, Image, Document, ...). */
  bytesByType: Record<string, number>
  files: TransferredFile[]
  serviceWorkerBytes: number
  serviceWorkerRequests: number
  /** What the service worker fetched, file by file (local URLs from /). */
  serviceWorkerFiles: TransferredFile[]
  otherHostRequests: number
  otherHostUrls: string[]
  clickThrough?: ClickThrough
}

export interface VisitOptions {
  throttled: boolean
  /**
   * When the visit has arrived: 'first-slide' (the default) waits for the
   * first slide's layout with its fonts ready, and times it; 'load' waits for
   * the page's load event alone, for a page that need not be Slidev's (the
   * time to first slide is then NaN). Either way the network must then be idle.
   */
  ready?: 'first-slide' | 'load'
  /** Wait for the service worker's precache and count it (the default), unthrottled only. */
  precache?: boolean
  /** Step through the deck after the first visit; needs the deck's slide count. Stops after slide upTo when given. */
  clickThrough?: { slides: number, upTo?: number }
  timeoutMs: number
}

interface BenchWindow {
  __bench?: {
    /** performance.now() when the first slide showed with its fonts ready; 0 until then. */
    firstSlide: number
    startFrames: () => void
    stopFrames: () => { frames: { at: number, delta: number }[], longTasks: { start: number, duration: number }[] }
    serviceWorkerReady: (waitMs: number) => Promise<boolean>
  }
}

/**
 * Runs in the page before its own scripts: notes when the first slide's layout
 * is visible with its fonts ready, observes long tasks, and records frame
 * times while asked to. Plain JavaScript in a string: a function would be
 * serialised as tsx compiled it, with helpers the page does not have.
 */
export const PAGE_PROBE = `(() => {
  const longTasks = []
  let frames = []
  let recording = false
  let recordingSince = 0
  const bench = window.__bench = { firstSlide: 0 }
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        longTasks.push({ start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'longtask', buffered: true })
  }
  catch {}
  const shown = () => {
    const layout = document.querySelector('.slidev-page-1 .slidev-layout')
    if (!layout)
      return false
    const box = layout.getBoundingClientRect()
    return box.width > 0 && box.height > 0 && layout.checkVisibility({ opacityProperty: true, visibilityProperty: true })
  }
  const settle = () => {
    document.fonts.ready.then(() => {
      if (document.fonts.status === 'loaded')
        bench.firstSlide = performance.now()
      else
        settle()
    }, settle)
  }
  const watch = () => {
    if (shown())
      // One more frame, so the fonts the slide uses have been asked for.
      requestAnimationFrame(settle)
    else
      requestAnimationFrame(watch)
  }
  requestAnimationFrame(watch)
  bench.startFrames = () => {
    recording = true
    recordingSince = performance.now()
    frames = []
    let last = 0
    const loop = (time) => {
      if (!recording)
        return
      if (last > 0)
        frames.push({ at: time, delta: time - last })
      last = time
      requestAnimationFrame(loop)
    }
    requestAnimationFrame(loop)
  }
  bench.stopFrames = () => {
    recording = false
    return { frames, longTasks: longTasks.filter(task => task.start >= recordingSince) }
  }
  // Whether the page registers a service worker that becomes active within waitMs.
  bench.serviceWorkerReady = (waitMs) => {
    if (!('serviceWorker' in navigator))
      return Promise.resolve(false)
    return Promise.race([
      navigator.serviceWorker.getRegistration().then(registration => registration ? navigator.serviceWorker.ready.then(() => true) : false),
      new Promise(resolve => setTimeout(() => resolve(false), waitMs)),
    ])
  }
})()`

/** Resolves in the page once its main thread is idle (at most 10 s) and its fonts have loaded; a string, as PAGE_PROBE is. */
const MAIN_THREAD_IDLE = 'new Promise(resolve => requestIdleCallback(() => document.fonts.ready.then(() => resolve(), () => resolve()), { timeout: 10000 }))'

/** Requests in flight, and when the last one started or ended. */
class Inflight {
  private readonly active = new Set<string>()
  lastChange = performance.now()
  start(id: string): void {
    this.active.add(id)
    this.lastChange = performance.now()
  }

  end(id: string): void {
    if (this.active.delete(id))
      this.lastChange = performance.now()
  }

  /** Resolves once nothing has been in flight for quietMs; false when that takes longer than timeoutMs. */
  async idle(quietMs: number, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs
    while (performance.now() < deadline) {
      if (this.active.size === 0 && performance.now() - this.lastChange >= quietMs)
        return true
      await new Promise(resolve => setTimeout(resolve, 50))
    }
    return false
  }
}

async function clickThrough(page: Page, origin: string, slides: number, upTo: number, timeoutMs: number): Promise<ClickThrough> {
  await page.evaluate(() => (window as BenchWindow).__bench!.startFrames())
  const pressed: { at: number, url: string }[] = []
  let reachedEnd = false
  let url = await page.evaluate(() => location.href)
  while (pressed.length < MAX_STEPS) {
    const atLastSlide = slideNumber(url) >= slides
    const at = await page.evaluate(() => performance.now())
    await page.keyboard.press('ArrowRight')
    const changed = await page.waitForFunction(before => location.href !== before, url, { polling: 'raf', timeout: atLastSlide ? LAST_STEP_WAIT_MS : timeoutMs })
      .then(() => true, () => false)
    if (!changed) {
      reachedEnd = atLastSlide
      break
    }
    url = await page.evaluate(() => location.href)
    pressed.push({ at, url: shortUrl(url, origin) })
    await page.evaluate('new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))')
    if (slideNumber(url) > upTo) {
      reachedEnd = true
      break
    }
  }
  const { frames, longTasks } = await page.evaluate(() => (window as BenchWindow).__bench!.stopFrames())
  const slow = new Map<string, { url: string, longTasks: number, longTaskMs: number, droppedFrames: number }>()
  const stepAt = (time: number): string => pressed.findLast(step => step.at <= time)?.url ?? 'before the first step'
  const note = (time: number, longTaskMs: number, dropped: number): void => {
    const url = stepAt(time)
    const entry = slow.get(url) ?? { url, longTasks: 0, longTaskMs: 0, droppedFrames: 0 }
    entry.longTasks += longTaskMs > 0 ? 1 : 0
    entry.longTaskMs += longTaskMs
    entry.droppedFrames += dropped
    slow.set(url, entry)
  }
  for (const task of longTasks)
    note(task.start, task.duration, 0)
  for (const frame of frames) {
    const dropped = droppedFrames([frame.delta])
    if (dropped > 0)
      note(frame.at, 0, dropped)
  }
  return {
    steps: pressed.length,
    reachedEnd,
    finalUrl: url,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((sum, task) => sum + task.duration, 0),
    droppedFrames: droppedFrames(frames.map(frame => frame.delta)),
    slowSteps: [...slow.values()].sort((a, b) => b.longTaskMs - a.longTaskMs || b.droppedFrames - a.droppedFrames),
  }
}

/**
 * One first visit of the deck on the bench server, in a new context (cold cache).
 *
 * Bytes are CDP's: the page's `Network.loadingFinished` encodedDataLength. A
 * dedicated worker's script is asked for by the page, but Chromium reports its
 * end to no session, so for a page request that never finishes the bytes come
 * from what the bench server sent for that path instead (a script the browser
 * took from its cache was not sent, and adds nothing). The network is idle when
 * for IDLE_MS the server has sent nothing and the page's CDP session has
 * reported nothing.
 */
export async function visit(browser: Browser, server: BenchServer, options: VisitOptions): Promise<Visit> {
  const origin = server.origin
  server.reset()
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  try {
    await context.addInitScript(PAGE_PROBE)
    const page = await context.newPage()
    page.setDefaultTimeout(options.timeoutMs)
    const cdp = await context.newCDPSession(page)

    const started = new Map<string, { url: string, type: string }>()
    const ended = new Set<string>()
    const files: TransferredFile[] = []
    const otherHostUrls: string[] = []
    const fromCache = new Set<string>()
    let bytes = 0
    let counting = true
    let lastEvent = performance.now()
    cdp.on('Network.requestWillBeSent', (event) => {
      lastEvent = performance.now()
      const url = event.request.url
      if (!/^(?:https?|wss?):/.test(url))
        return
      if (isOtherHost(url, origin))
        otherHostUrls.push(url)
      if (!counting || started.has(event.requestId))
        return
      started.set(event.requestId, { url, type: event.type ?? 'Other' })
    })
    cdp.on('Network.loadingFinished', (event) => {
      lastEvent = performance.now()
      const request = started.get(event.requestId)
      if (request && counting && !ended.has(event.requestId)) {
        bytes += event.encodedDataLength
        files.push({ url: request.url, type: request.type, bytes: event.encodedDataLength })
      }
      ended.add(event.requestId)
    })
    cdp.on('Network.requestServedFromCache', event => fromCache.add(event.requestId))
    cdp.on('Network.responseReceived', (event) => {
      const response = event.response
      if (response.fromDiskCache || response.fromServiceWorker || response.fromPrefetchCache)
        fromCache.add(event.requestId)
    })
    cdp.on('Network.loadingFailed', (event) => {
      lastEvent = performance.now()
      ended.add(event.requestId)
    })
    await cdp.send('Network.enable')
    if (options.throttled)
      await cdp.send('Network.emulateNetworkConditions', THROTTLED)

    const networkIdle = async (): Promise<boolean> => {
      const deadline = performance.now() + options.timeoutMs
      while (performance.now() < deadline) {
        const now = performance.now()
        if (server.inflight() === 0 && now - Math.max(lastEvent, server.lastActivity()) >= IDLE_MS)
          return true
        await new Promise(resolve => setTimeout(resolve, 50))
      }
      return false
    }

    // The service worker's own requests (Playwright reports them on the context, with CDP's sizes).
    const workerInflight = new Inflight()
    const workerSizes: Promise<number>[] = []
    const workerFiles: Promise<TransferredFile>[] = []
    let serviceWorkerRequests = 0
    const workerId = new Map<Request, string>()
    context.on('request', (request) => {
      if (!request.serviceWorker())
        return
      const id = String(serviceWorkerRequests++)
      workerId.set(request, id)
      workerInflight.start(id)
      if (isOtherHost(request.url(), origin))
        otherHostUrls.push(request.url())
    })
    context.on('requestfinished', (request) => {
      const id = workerId.get(request)
      if (id === undefined)
        return
      const size = request.sizes().then(sizes => sizes.responseBodySize + sizes.responseHeadersSize, () => 0)
      workerSizes.push(size)
      workerFiles.push(size.then(bytes => ({ url: shortUrl(request.url(), origin), type: request.resourceType(), bytes })))
      workerInflight.end(id)
    })
    context.on('requestfailed', (request) => {
      const id = workerId.get(request)
      if (id !== undefined)
        workerInflight.end(id)
    })

    let timeToFirstSlideMs = Number.NaN
    if (options.ready === 'load') {
      await page.goto(`${origin}/`, { waitUntil: 'load' })
    }
    else {
      await page.goto(`${origin}/`, { waitUntil: 'commit' })
      await page.waitForFunction(() => ((window as BenchWindow).__bench?.firstSlide ?? 0) > 0, undefined, { polling: 100 }).catch((error: Error) => {
        throw new Error(`The first slide did not show with its fonts ready: ${error.message}`)
      })
      timeToFirstSlideMs = await page.evaluate(() => (window as BenchWindow).__bench!.firstSlide)
    }
    if (!await networkIdle())
      throw new Error(`The network was not idle within ${options.timeoutMs / 1000} s of the ${options.ready === 'load' ? 'load event' : 'first slide'}`)
    if (options.ready === 'load') {
      // A page still running its scripts after load asks for more later (a route's code, then its fonts):
      // idle again once its main thread has been idle and its fonts have loaded, until that asks for nothing new.
      let seen: number
      do {
        seen = started.size
        await page.evaluate(MAIN_THREAD_IDLE)
        if (!await networkIdle())
          throw new Error(`The network was not idle within ${options.timeoutMs / 1000} s of the page's main thread`)
      } while (started.size !== seen)
    }
    counting = false
    // Requests that went to the network: not those the browser's cache or the service worker answered.
    const requests = [...started.keys()].filter(id => !fromCache.has(id)).length

    // Page requests that never finished on the page: worker scripts; their bytes as sent.
    const local = (url: string): string | undefined => url.startsWith(`${origin}/`) ? new URL(url).pathname : undefined
    const finishedPaths = files.map(file => local(file.url)).filter((path): path is string => path !== undefined)
    const unfinished = [...started].filter(([id, request]) => !ended.has(id) && local(request.url) !== undefined).map(([, request]) => request)
    const offPage = bytesSentFor(unfinished.map(request => local(request.url)!), finishedPaths, server.sent)
    unfinished.forEach((request, index) => {
      const sent = offPage[index]!
      if (sent > 0) {
        bytes += sent
        files.push({ url: request.url, type: request.type, bytes: sent })
      }
    })

    let serviceWorkerBytes = 0
    let serviceWorkerFiles: TransferredFile[] = []
    let workerRequestsSeen = 0
    if (!options.throttled && options.precache !== false) {
      // Precaching starts once the worker installs; count it until it is active and its network is quiet.
      if (await page.evaluate(waitMs => (window as BenchWindow).__bench!.serviceWorkerReady(waitMs), Math.min(options.timeoutMs, 30_000)))
        await workerInflight.idle(IDLE_MS, options.timeoutMs)
      serviceWorkerBytes = (await Promise.all(workerSizes)).reduce((sum, size) => sum + size, 0)
      serviceWorkerFiles = (await Promise.all(workerFiles)).sort((a, b) => b.bytes - a.bytes)
      workerRequestsSeen = serviceWorkerRequests
    }

    const bytesByType: Record<string, number> = {}
    for (const file of files)
      bytesByType[file.type] = (bytesByType[file.type] ?? 0) + file.bytes

    const result: Visit = {
      timeToFirstSlideMs,
      bytes,
      requests,
      bytesByType,
      files: files.map(file => ({ ...file, url: shortUrl(file.url, origin) })).sort((a, b) => b.bytes - a.bytes),
      serviceWorkerBytes,
      serviceWorkerRequests: workerRequestsSeen,
      serviceWorkerFiles,
      otherHostRequests: 0,
      otherHostUrls: [],
    }
    if (options.clickThrough)
      result.clickThrough = await clickThrough(page, origin, options.clickThrough.slides, options.clickThrough.upTo ?? Number.POSITIVE_INFINITY, options.timeoutMs)
    result.otherHostRequests = otherHostUrls.length
    result.otherHostUrls = [...new Set(otherHostUrls)]
    return result
  }
  finally {
    await context.close().catch(() => {})
  }
}
