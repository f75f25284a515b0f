/**
 * Lighthouse on a page this machine serves, for `npm run bench` (the mobile
 * audit of both decks) and tests/lighthouse.spec.ts (the categories that do
 * not depend on timing): a headless Chromium of its own, started by
 * chrome-launcher and driven by Lighthouse through its debugging port, and
 * the audits that failed, with their items, in words.
 */
import type { Flags, Result } from 'lighthouse'
import process from 'node:process'
import { launch } from 'chrome-launcher'
import lighthouse from 'lighthouse'

/** The categories whose scores do not depend on the machine's speed. */
export const NON_TIMING_CATEGORIES = ['accessibility', 'best-practices', 'seo'] as const

/** The part of a Lighthouse result (`lhr`) the reports read; a whole result is one. */
export interface LighthouseReport {
  categories: Record<string, { id: string, score: number | null, auditRefs: readonly { id: string }[] } | undefined>
  audits: Record<string, LighthouseAudit | undefined>
  configSettings?: { formFactor: string, throttlingMethod: string, throttling?: { rttMs?: number, throughputKbps?: number, cpuSlowdownMultiplier?: number } }
}

export interface LighthouseAudit {
  id: string
  title: string
  score: number | null
  /** 'binary' and 'numeric' are scored; 'error' could not run; the others are not scored. */
  scoreDisplayMode: string
  /** A metric's value (ms, or the layout shift score). */
  numericValue?: number
  details?: unknown
}

export interface FailingAudit {
  category: string
  id: string
  title: string
  /** 0 to 1; 0 for an audit that could not run. */
  score: number
  /** What the audit found, one line each (an element's selector, markup and explanation, or a URL). */
  items: string[]
}

export interface LighthouseChromium {
  port: number
  close: () => void
}

/**
 * A headless Chromium for Lighthouse on a free debugging port, in a profile
 * of its own; `flags` are added to chrome-launcher's (the bench's host rules).
 * Root needs --no-sandbox; Ctrl-C is the caller's to handle. chrome-launcher
 * starts it in a process group of its own, which outlives this process unless
 * ended: it is ended when this process exits, however that comes.
 */
export async function launchLighthouseChromium(executablePath: string, flags: readonly string[] = []): Promise<LighthouseChromium> {
  const chrome = await launch({ chromePath: executablePath, chromeFlags: ['--headless=new', '--no-sandbox', ...flags], handleSIGINT: false, logLevel: 'silent' })
  let closed = false
  const close = (): void => {
    if (closed)
      return
    closed = true
    process.removeListener('exit', close)
    chrome.kill()
  }
  process.once('exit', close)
  return { port: chrome.port, close }
}

/**
 * Lighthouse's default run of url (mobile: a phone's screen, simulated slow
 * 4G and a 4× slower CPU), or of the given categories only, in the Chromium on
 * port. Throws when Lighthouse could not audit the page (no paint, an error page).
 */
export async function runLighthouse(url: string, port: number, onlyCategories?: readonly string[]): Promise<Result> {
  const flags: Flags = { port, output: 'json', logLevel: 'error', ...(onlyCategories ? { onlyCategories: [...onlyCategories] } : {}) }
  const result = await lighthouse(url, flags)
  if (!result)
    throw new Error(`Lighthouse returned nothing for ${url}`)
  const error = result.lhr.runtimeError
  if (error)
    throw new Error(`Lighthouse could not audit ${url}: ${error.code}: ${error.message}`)
  return result.lhr
}

/** Scored audits below 1, and audits that could not run, in the given categories (all when none are given), in the report's order. */
export function failingAudits(report: LighthouseReport, categories?: readonly string[]): FailingAudit[] {
  const failing: FailingAudit[] = []
  for (const category of Object.values(report.categories)) {
    if (!category || (categories && !categories.includes(category.id)))
      continue
    for (const ref of category.auditRefs) {
      const audit = report.audits[ref.id]
      if (!audit)
        continue
      const failed = audit.scoreDisplayMode === 'error' || (audit.score !== null && audit.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode))
      if (failed)
        failing.push({ category: category.id, id: audit.id, title: audit.title, score: audit.score ?? 0, items: auditItems(audit.details) })
    }
  }
  return failing
}

/** Most items listed per audit. */
const MAX_ITEMS = 10

interface NodeItem {
  selector?: string
  snippet?: string
  explanation?: string
  nodeLabel?: string
}

/** An audit's table or list items as lines: an element by its selector, markup and explanation, or a URL, or the item as JSON. */
export function auditItems(details: unknown): string[] {
  const items = (details as { items?: unknown } | undefined)?.items
  if (!Array.isArray(items))
    return []
  const lines = items.slice(0, MAX_ITEMS).map((item: Record<string, unknown>) => {
    const node = item.node as NodeItem | undefined
    if (node)
      return [node.selector, node.snippet, node.nodeLabel && `"${node.nodeLabel}"`, node.explanation?.replace(/\s+/g, ' ')].filter(Boolean).join(' ')
    if (typeof item.url === 'string')
      return item.url
    return JSON.stringify(item).slice(0, 300)
  })
  if (items.length > MAX_ITEMS)
    lines.push(`… and ${items.length - MAX_ITEMS} more`)
  return lines
}

/** Failing audits as a report: one line each, `category id (title), score`, then its items indented. */
export function describeFailingAudits(failing: readonly FailingAudit[]): string {
  return failing.map(audit => [
    `${audit.category} ${audit.id} (${audit.title}): score ${audit.score}`,
    ...audit.items.map(item => `    ${item}`),
  ].join('\n')).join('\n')
}
