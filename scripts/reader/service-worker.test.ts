import { describe, expect, it } from 'vitest'
import { readerDenial, withReaderDenied } from './service-worker'

// As Workbox writes it for Slidev (vite-plugin-pwa, generateSW).
const WORKER = 'e.registerRoute(new e.NavigationRoute(e.createHandlerBoundToURL("index.html"),{denylist:[/^\\/(presenter|notes|overview|print|export)/]}))'

/** Whether the worker's navigation route would leave `pathname` to the network. */
function denied(source: string, pathname: string): boolean {
  const list = /denylist:(\[.*\])\}/.exec(source)![1]!
  // eslint-disable-next-line no-new-func -- the worker's own regular expression literals
  const patterns = new Function(`return ${list}`)() as RegExp[]
  return patterns.some(pattern => pattern.test(pathname))
}

describe('withReaderDenied', () => {
  it('leaves the reader edition under the base path to the network, and nothing else', () => {
    for (const base of ['/', '/talk/', '/a.b/c-d/']) {
      const source = withReaderDenied(WORKER, base)
      expect(denied(source, `${base}reader/`), base).toBe(true)
      expect(denied(source, `${base}reader`), base).toBe(true)
      expect(denied(source, `${base}reader/index.html`), base).toBe(true)
      expect(denied(source, `${base}5`), base).toBe(false)
      expect(denied(source, `${base}readers`), base).toBe(false)
      expect(denied(source, '/presenter/1'), base).toBe(true)
    }
    expect(readerDenial('/talk/')).toBe('/^\\/talk\\/reader(?:\\/|$)/')
  })

  it('is idempotent, and fails loudly when the worker has no single denylist', () => {
    const once = withReaderDenied(WORKER, '/')
    expect(withReaderDenied(once, '/')).toBe(once)
    expect(() => withReaderDenied('self.addEventListener("fetch", () => {})', '/')).toThrow(/found 0/)
  })
})
