/**
 * The audience page's service worker (built by scripts/audience/build.ts into
 * `<base>audience-sw.js`): after a first visit the talk stays readable with
 * no network. It keeps the page's assets, every slide's fragment and one
 * page; a slide's address asked for offline gets that slide's page if it was
 * kept, else the kept page, which moves itself to the slide the address
 * names (./main.ts). Online, a page always comes from the server, so a new
 * build is seen at once; the assets and fragments come from the cache. Any
 * other request (Slidev's deck, the sync channel, the presenter's exports)
 * is not touched.
 */
import { audiencePageFile, audienceSlide } from '../../shared/audience-route'

declare const __AUDIENCE_BASE__: string
declare const __AUDIENCE_FILES__: string[]
declare const __AUDIENCE_VERSION__: string

/** The parts of the service worker's global scope used here (the DOM library's types describe a window). */
interface WorkerScope {
  addEventListener: (type: string, listener: (event: WorkerEvent) => void) => void
  skipWaiting: () => Promise<void>
  clients: { claim: () => Promise<void> }
  location: Location
}
interface WorkerEvent {
  waitUntil: (promise: Promise<unknown>) => void
  request: Request
  respondWith: (response: Promise<Response>) => void
}

const scope = globalThis as unknown as WorkerScope
const CACHE_PREFIX = 'audience-'
const CACHE = `${CACHE_PREFIX}${__AUDIENCE_VERSION__}`
const kept = new Set(__AUDIENCE_FILES__.map(file => new URL(`${__AUDIENCE_BASE__}${file}`, scope.location.href).href))

scope.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll([...kept])).then(() => scope.skipWaiting()))
})

scope.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then(names => Promise.all(names.filter(name => name.startsWith(CACHE_PREFIX) && name !== CACHE).map(name => caches.delete(name))))
    .then(() => scope.clients.claim()))
})

async function offlinePage(no: number): Promise<Response> {
  const cache = await caches.open(CACHE)
  const page = await cache.match(new URL(`${__AUDIENCE_BASE__}${audiencePageFile(no)}`, scope.location.href).href)
    ?? await cache.match(new URL(`${__AUDIENCE_BASE__}${audiencePageFile(1)}`, scope.location.href).href)
  return page ?? Response.error()
}

scope.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET')
    return
  const url = new URL(request.url)
  if (url.origin !== scope.location.origin)
    return
  if (request.mode === 'navigate') {
    const no = url.pathname.startsWith(__AUDIENCE_BASE__) ? audienceSlide(url.pathname.slice(__AUDIENCE_BASE__.length), url.search) : undefined
    if (no !== undefined)
      event.respondWith(fetch(request).catch(() => offlinePage(no)))
    return
  }
  const key = `${url.origin}${url.pathname}`
  if (kept.has(key))
    event.respondWith(caches.open(CACHE).then(cache => cache.match(key)).then(cached => cached ?? fetch(request)))
})
