import type { ConsoleMessage, Page, Request, Response } from '@playwright/test'
import { expect } from '@playwright/test'
import { PROJECTOR_QUERY } from '../../shared/audience-route'

export interface PageProblems {
  consoleErrors: string[]
  failedRequests: string[]
  /** Requests to any host but the deck's own. */
  foreignRequests: string[]
  /** Stops recording, so one page can be watched slide by slide. */
  stop: () => void
}

/**
 * Records console errors, failed requests and requests that leave the local
 * host. The browser cannot resolve any other host (see playwright.config.ts),
 * so a test never waits on the network.
 */
export function watchPage(page: Page, origin: string): PageProblems {
  const consoleErrors: string[] = []
  const failedRequests: string[] = []
  const foreignRequests: string[] = []
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === 'error')
      consoleErrors.push(message.text())
  }
  const onPageError = (error: Error) => consoleErrors.push(error.message)
  const onRequest = (request: Request) => {
    const url = request.url()
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
      foreignRequests.push(url)
  }
  const onRequestFailed = (request: Request) => {
    // ERR_ABORTED: the page cancelled it (a navigation away while the favicon loads), not a failure.
    const error = request.failure()?.errorText ?? ''
    if (request.url().startsWith(origin) && error !== 'net::ERR_ABORTED')
      failedRequests.push(`${request.url()} ${error}`)
  }
  const onResponse = (response: Response) => {
    if (response.url().startsWith(origin) && response.status() >= 400)
      failedRequests.push(`${response.url()} ${response.status()}`)
  }
  page.on('console', onConsole)
  page.on('pageerror', onPageError)
  page.on('request', onRequest)
  page.on('requestfailed', onRequestFailed)
  page.on('response', onResponse)
  const stop = () => {
    page.off('console', onConsole)
    page.off('pageerror', onPageError)
    page.off('request', onRequest)
    page.off('requestfailed', onRequestFailed)
    page.off('response', onResponse)
  }
  return { consoleErrors, failedRequests, foreignRequests, stop }
}

/**
 * Opens slide `no` at click `clicks` and waits until Slidev has rendered it. On a hosted deck, pass `projector`:
 * its plain slide address is the audience page (shared/audience-route.ts), `?projector` Slidev's deck.
 */
export async function openSlide(page: Page, no: number, clicks?: number, options: { projector?: boolean } = {}) {
  const params = [...(options.projector ? [PROJECTOR_QUERY] : []), ...(clicks === undefined ? [] : [`clicks=${clicks}`])]
  const query = params.length > 0 ? `?${params.join('&')}` : ''
  // Relative to the base URL, which may carry a base path (the hosted deck's /talk/).
  await page.goto(`${no}${query}`)
  const slide = page.locator(`[data-slidev-no="${no}"]`)
  await slide.locator('.slidev-layout').waitFor()
  // Only this slide: Slidev also preloads its neighbours, which may still be loading.
  await expect(slide.locator('.slidev-slide-loading')).toHaveCount(0)
  await page.evaluate(() => document.fonts.ready)
  return slide
}

export interface Overflow {
  element: string
  text: string
  rect: { left: number, top: number, right: number, bottom: number }
}

/** Elements of the slide that stick out of the slide canvas. */
export async function overflowingElements(page: Page, no: number): Promise<Overflow[]> {
  return page.evaluate((no) => {
    const canvas = document.querySelector('#slide-content')!.getBoundingClientRect()
    const slide = document.querySelector(`[data-slidev-no="${no}"] .slidev-layout`)!
    const tolerance = 1
    return [...slide.querySelectorAll('*')].flatMap((element) => {
      const rect = element.getBoundingClientRect()
      if (rect.width === 0 || rect.height === 0)
        return []
      const inside = rect.left >= canvas.left - tolerance && rect.top >= canvas.top - tolerance
        && rect.right <= canvas.right + tolerance && rect.bottom <= canvas.bottom + tolerance
      if (inside)
        return []
      return [{
        element: `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`,
        text: (element.textContent ?? '').trim().slice(0, 60),
        rect: { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom },
      }]
    })
  }, no)
}

export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
