import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { findMermaidBlocks } from '../components/mermaid-steps'
import { MERMAID_CODE } from '../scripts/bench/mermaid'
import { loadDeck } from '../scripts/lib/deck'
import { openSlide } from './support/deck-page'

const deck = await loadDeck()
const mermaidSlides = deck.slides.filter(slide => findMermaidBlocks(slide.content).length > 0)

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)])
}

test.describe('mermaid diagrams are drawn when the deck is built', () => {
  test('the built deck and its offline cache carry none of mermaid\'s code', () => {
    expect(mermaidSlides.length).toBeGreaterThanOrEqual(4)
    const scripts = files('dist').filter(file => /\.(?:m?js|html)$/.test(file))
    expect(scripts.length).toBeGreaterThan(10)
    expect(scripts.filter(file => MERMAID_CODE.test(readFileSync(file, 'utf8')))).toEqual([])
    // The service worker's precache list names every file the offline cache holds: no mermaid chunk.
    const worker = readFileSync('dist/sw.js', 'utf8')
    expect(worker).toContain('MermaidDiagram')
    expect(worker).not.toMatch(/["']assets\/(?!MermaidDiagram-)[^"']*mermaid[^"']*\.m?js["']/i)
  })

  test('each mermaid slide is inline SVG with its labels as text, and loads no mermaid script', async ({ page, baseURL }) => {
    const scripts: { url: string, body: string }[] = []
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script')
        scripts.push({ url: response.url(), body: await response.text().catch(() => '') })
    })
    for (const slide of mermaidSlides) {
      await openSlide(page, slide.no, slide.clicks)
      const svg = page.locator(`[data-slidev-no="${slide.no}"] .mermaid-diagram svg`)
      await expect(svg).toHaveCount(1)
      expect(await svg.locator('text').count(), `slide ${slide.no}: SVG text elements`).toBeGreaterThan(3)
      await expect(svg.locator('foreignObject')).toHaveCount(0)
    }
    expect(scripts.length).toBeGreaterThan(0)
    expect(scripts.filter(script => new URL(script.url).origin !== new URL(baseURL!).origin)).toEqual([])
    expect(scripts.filter(script => MERMAID_CODE.test(script.body)).map(script => script.url)).toEqual([])
  })

  test.describe('in the dark scheme', () => {
    test.use({ colorScheme: 'dark' })

    test('the drawings take the deck\'s dark colours, not mermaid\'s', async ({ page }) => {
      const slide = mermaidSlides.find(candidate => /decision flow/i.test(candidate.title))!
      await openSlide(page, slide.no, slide.clicks)
      await expect(page.locator('html')).toHaveClass(/\bdark\b/)
      const colours = await page.locator(`[data-slidev-no="${slide.no}"] .mermaid-diagram`).evaluate((root) => {
        const probe = document.createElement('span')
        root.append(probe)
        const resolve = (value: string) => {
          probe.style.color = value
          return getComputedStyle(probe).color
        }
        const tokens = { fg: resolve('var(--deck-fg)'), vmBg: resolve('var(--deck-vm-bg)'), ctBg: resolve('var(--deck-ct-bg)') }
        probe.remove()
        const fill = (selector: string) => getComputedStyle(root.querySelector(selector)!).fill
        return { tokens, text: fill('.node text'), vm: fill('.node.vm rect'), ct: fill('.node.ct rect') }
      })
      expect(colours.text).toBe(colours.tokens.fg)
      expect(colours.vm).toBe(colours.tokens.vmBg)
      expect(colours.ct).toBe(colours.tokens.ctBg)
    })
  })
})
