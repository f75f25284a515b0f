/**
 * `npm run bench`: this deck against the create-slidev starter deck, both
 * built with this repository's Slidev, measured in one run, alternating
 * (ours, starter, ours, starter, ...): first visit, click-through smoothness,
 * export and build; this deck on `npm run serve`'s server as its audience
 * opens it; Lighthouse's mobile audit of its pages beside the starter's.
 * Prints medians, ours/starter and the targets; writes
 * scripts/bench/results.json (or --out). A benchmark, not a test: a figure that misses
 * its target is printed as "missed"; the exit code is 1 only when something
 * broke. `npm run bench -- --help` lists the options.
 *
 * The starter is the `template/` folder of the create-slidev package (an exact
 * devDependency), copied into a temporary folder whose node_modules links to
 * this repository's, so nothing is installed or downloaded. Two harness files
 * go with it: a vite.config.mjs that lets Vite's dev server (slidev export)
 * serve files through those links, and scripts/bench/typescript-6.mjs (see there).
 * Only this machine is contacted: Chromium maps every host but localhost to
 * "not found", so the starter's Google fonts and remote images fail to load,
 * as they would for a user offline, and are counted.
 *
 * `npm run bench` runs it as `node --import tsx`, not with the tsx command:
 * that wrapper SIGKILLs its child when a Ctrl-C is not acknowledged within
 * 30 ms, which would cut the cleanup short.
 */
import type { ChildProcess } from 'node:child_process'
import type { Browser } from 'playwright-chromium'
import type { Deck as DeckSources } from '../lib/deck'
import type { LighthouseChromium } from '../lib/lighthouse'
import type { Visit } from './browser'
import type { BuildFigures, DeckExportFigures, DeckName, ExportFigures, RunRecord } from './lib'
import type { LighthousePageId, LighthouseRun, LighthouseSettings } from './lighthouse'
import type { BenchServer } from './server'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { PDFDocument } from 'pdf-lib'
import { chromium } from 'playwright-chromium'
import { spawnServe } from '../../server/test-serve'
import { exportDeck as printBuiltDeck } from '../export/export-deck'
import { locateChromium } from '../lib/chromium'
import { loadDeck } from '../lib/deck'
import { launchLighthouseChromium, runLighthouse } from '../lib/lighthouse'
import { visit } from './browser'
import { benchResults, DECK_LABELS, deckEnv, DECKS, parseBenchArgs, rangeSize, reportLines, runRecord, USAGE } from './lib'
import { auditOrder, LIGHTHOUSE_PAGES, lighthouseRun, lighthouseSettings } from './lighthouse'
import { mermaidFootprint } from './mermaid'
import { killAll, runMeasured } from './proc'
import { otherProcessServer, serveStatic } from './server'
import { HOST_RULES, prepareStarter, TYPESCRIPT_HOOK, writeChromiumWrapper } from './starter'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const requireHere = createRequire(import.meta.url)
const SLIDEV = requireHere.resolve('@slidev/cli/bin/slidev.mjs')
const TSX = requireHere.resolve('tsx/cli')
/** The same `slidev export` flags for both decks (plus --per-slide --range in quick mode). */
const EXPORT_TIMEOUT_MS = 60_000
/** `slidev export` attempts per run: a page that never goes network-idle within --timeout on a busy machine fails the attempt. */
const EXPORT_ATTEMPTS = 3

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`)
}

function versionOf(name: string): string {
  return String((JSON.parse(readFileSync(requireHere.resolve(`${name}/package.json`), 'utf8')) as { version?: string }).version)
}

// ---- cleanup on exit and Ctrl-C --------------------------------------------

const cleanups: (() => Promise<void> | void)[] = []
let cleaning: Promise<void> | undefined

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await killAll()
    for (const step of cleanups.reverse()) {
      try {
        await step()
      }
      catch (error) {
        log(`while cleaning up: ${(error as Error).message}`)
      }
    }
  })()
  return cleaning
}

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // `on`, not `once`: tsx passes the terminal's Ctrl-C on once more, which must not end the process mid-cleanup.
  process.on(signal, () => {
    if (stopping)
      return
    stopping = true
    log(`${signal}: stopping, closing everything`)
    const force = setTimeout(() => process.exit(130), 15_000)
    force.unref()
    void cleanup().finally(() => process.exit(130))
  })
}

// ---- the decks -----------------------------------------------------------------

interface Deck {
  name: DeckName
  dir: string
  slides: number
  /** Node options before the Slidev CLI (the starter's TypeScript hook). */
  nodeArgs: string[]
  /** The environment of its build and export. */
  env: NodeJS.ProcessEnv
  build: (out: string) => { command: string, args: string[], env: NodeJS.ProcessEnv }
  /** The deck as `npm run export` reads it, for the decks it can print (this one; the starter's build has no /print page). */
  print?: DeckSources
}

// ---- steps -----------------------------------------------------------------

async function buildDeck(deck: Deck, out: string, timeoutMs: number): Promise<Omit<BuildFigures, 'mermaid'>> {
  const { command, args, env } = deck.build(out)
  const result = await runMeasured(command, args, { cwd: deck.dir, env, timeoutMs, measureBuildMemory: true })
  if (result.timedOut || result.code !== 0)
    throw new Error(`The build of ${DECK_LABELS[deck.name]} ${result.timedOut ? `took longer than ${timeoutMs / 1000} s` : `failed (exit ${result.code ?? result.signal})`}:\n${result.output}`)
  return { seconds: result.wallMs / 1000, peakRssMb: result.peakRssKb / 1024 }
}

async function exportDeck(deck: Deck, pdf: string, executable: string, range: string | undefined, timeoutMs: number): Promise<ExportFigures> {
  const args = [...deck.nodeArgs, SLIDEV, 'export', '--executable-path', executable, '--output', pdf, '--timeout', String(EXPORT_TIMEOUT_MS), ...(range ? ['--per-slide', '--range', range] : [])]
  const failures: string[] = []
  for (let attempt = 1; attempt <= EXPORT_ATTEMPTS; attempt++) {
    rmSync(pdf, { force: true })
    const result = await runMeasured(process.execPath, args, { cwd: deck.dir, env: deck.env, timeoutMs })
    if (!result.timedOut && result.code === 0) {
      const bytes = readFileSync(pdf)
      const pages = (await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false })).getPageCount()
      return { pages, seconds: result.wallMs / 1000, bytes: bytes.byteLength, attempts: attempt }
    }
    const why = result.timedOut ? `took longer than ${timeoutMs / 1000} s` : `exit ${result.code ?? result.signal}`
    failures.push(`attempt ${attempt}: ${why}\n${result.output.slice(-2000)}`)
    log(`export of ${DECK_LABELS[deck.name]} failed (${why}), attempt ${attempt} of ${EXPORT_ATTEMPTS}`)
  }
  throw new Error(`slidev export of ${DECK_LABELS[deck.name]} failed ${EXPORT_ATTEMPTS} times:\n${failures.join('\n')}`)
}

/**
 * A build of this deck on `npm run serve`'s server (server/cli.ts, its own
 * process) at /, on a free port of 127.0.0.1, with a throwaway secret and data
 * directory: the deck as its audience gets it.
 */
async function serveHosted(dir: string, dataDir: string): Promise<BenchServer> {
  const children: ChildProcess[] = []
  const served = await spawnServe(['--dir', dir, '--base', '/', '--data', dataDir], { DECK_SECRET: randomBytes(18).toString('base64url') }, children)
  let closing: Promise<void> | undefined
  const close = (): Promise<void> => closing ??= (async () => {
    if (served.child.exitCode === null && served.child.signalCode === null) {
      served.child.kill('SIGTERM')
      const force = setTimeout(() => served.child.kill('SIGKILL'), 5000)
      await served.exited
      clearTimeout(force)
    }
  })()
  cleanups.push(close)
  // By name, as the bench server: the browsers resolve no other host.
  return otherProcessServer(`http://localhost:${served.port}`, close)
}

/** What Lighthouse emulated, from the first report. */
let lighthouseSettingsSeen: LighthouseSettings | undefined

/** Lighthouse, its default (mobile) run, on each of the deck's pages on the server at origin, one after the other, in run `run`'s order (auditOrder). */
async function auditPages(deck: DeckName, origin: string, chrome: LighthouseChromium, label: string, run: number): Promise<Partial<Record<LighthousePageId, LighthouseRun>>> {
  const runs: Partial<Record<LighthousePageId, LighthouseRun>> = {}
  for (const page of auditOrder(LIGHTHOUSE_PAGES.filter(page => page.deck === deck), run)) {
    log(`${label}: Lighthouse on ${page.label}`)
    const started = performance.now()
    const report = await runLighthouse(`${origin}${page.path}`, chrome.port)
    lighthouseSettingsSeen ??= lighthouseSettings(report)
    const run = lighthouseRun(report)
    runs[page.id] = run
    const seconds = (performance.now() - started) / 1000
    const scores = run.figures
    log(`${label}: ${page.label}: performance ${scores.performance}, accessibility ${scores.accessibility}, best practices ${scores.bestPractices}, SEO ${scores.seo} (${seconds.toFixed(1)} s)`)
  }
  return runs
}

async function measureRun(deck: Deck, browser: Browser, lighthouseChromium: LighthouseChromium, temp: string, run: number, executable: string, options: ReturnType<typeof parseOptionsOrExit>): Promise<RunRecord> {
  const label = `run ${run}/${options.runs} ${deck.name}`
  const out = join(temp, `dist-${deck.name}-${run}`)
  log(`${label}: build`)
  const build = { ...await buildDeck(deck, out, options.stepTimeoutMs), mermaid: mermaidFootprint(out) }
  log(`${label}: built in ${build.seconds.toFixed(1)} s, peak ${Math.round(build.peakRssMb)} MB; first visit`)
  const server = await serveStatic(out)
  cleanups.push(() => server.close())
  let first: Visit
  let throttled: Visit | undefined
  let hostedVisit: Visit | undefined
  let lighthouse: Partial<Record<LighthousePageId, LighthouseRun>> = {}
  try {
    first = await visit(browser, server, { throttled: false, clickThrough: { slides: deck.slides, upTo: options.clickThroughSlides }, timeoutMs: options.stepTimeoutMs })
    if (options.throttled) {
      log(`${label}: throttled first visit`)
      throttled = await visit(browser, server, { throttled: true, timeoutMs: options.stepTimeoutMs })
    }
    if (deck.name === 'starter')
      lighthouse = await auditPages(deck.name, server.origin, lighthouseChromium, label, run)
  }
  finally {
    await server.close()
  }
  let deckExport: DeckExportFigures | undefined
  try {
    if (deck.name === 'ours') {
      log(`${label}: npm run serve on the build; first visit as the audience`)
      const hosted = await serveHosted(out, join(temp, `serve-data-${run}`))
      try {
        // Ready at the load event: what the server gives the audience at / need not be Slidev's deck.
        hostedVisit = await visit(browser, hosted, { throttled: false, ready: 'load', precache: false, timeoutMs: options.stepTimeoutMs })
        log(`${label}: hosted first visit ${Math.round(hostedVisit.bytes / 1000)} kB in ${hostedVisit.requests} requests`)
        lighthouse = await auditPages(deck.name, hosted.origin, lighthouseChromium, label, run)
      }
      finally {
        await hosted.close()
      }
    }
    if (deck.print) {
      log(`${label}: npm run export's printer on the build`)
      const printed = await printBuiltDeck({ deck: deck.print, dist: out, dir: join(temp, `exports-${deck.name}-${run}`), executablePath: executable })
      deckExport = { seconds: printed.seconds, pages: printed.slidePages + printed.handoutPages + printed.images }
      log(`${label}: printed ${deckExport.pages} pages and images in ${printed.seconds.toFixed(1)} s`)
    }
  }
  finally {
    rmSync(out, { recursive: true, force: true })
  }
  const click = first.clickThrough!
  if (!click.reachedEnd)
    log(`${label}: the click-through stopped at ${click.finalUrl} after ${click.steps} steps, before ${options.clickThroughSlides ? `leaving slide ${options.clickThroughSlides}` : `the last slide (${deck.slides})`}`)
  log(`${label}: export${options.exportRange ? ` of slides ${options.exportRange}` : ''}`)
  const exported = await exportDeck(deck, join(temp, `${deck.name}-${run}.pdf`), executable, options.exportRange, options.stepTimeoutMs)
  log(`${label}: exported ${exported.pages} pages in ${exported.seconds.toFixed(1)} s`)
  if (options.exportRange && exported.pages !== rangeSize(options.exportRange, deck.slides))
    throw new Error(`slidev export of ${DECK_LABELS[deck.name]} printed ${exported.pages} pages for --range ${options.exportRange}`)
  return runRecord(build, first, throttled, exported, deckExport, { hostedVisit, lighthouse })
}

function parseOptionsOrExit() {
  try {
    const options = parseBenchArgs(process.argv.slice(2))
    if (options === 'help') {
      process.stdout.write(`${USAGE}\n`)
      process.exit(0)
    }
    return options
  }
  catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`)
    process.exit(2)
  }
}

// ---- main -------------------------------------------------------------------

async function main(): Promise<number> {
  const options = parseOptionsOrExit()
  const started = performance.now()
  const startedAt = new Date()
  const executable = (await locateChromium()).path

  const temp = mkdtempSync(join(os.tmpdir(), 'slidev-bench-'))
  cleanups.push(() => rmSync(temp, { recursive: true, force: true }))
  const wrapper = writeChromiumWrapper(join(temp, 'chromium'), executable)
  const starterDir = prepareStarter(join(temp, 'starter'), join(ROOT, 'node_modules'))
  // This deck gets a Vite cache of its own in the temporary folder, as the starter has in its folder: both
  // decks start cold, and the repository's own cache (npm run build and export use it) is left as it is.
  const oursEnv = { ...deckEnv(process.env), DECK_VITE_CACHE_DIR: join(temp, 'vite-ours') }
  const starterEnv = deckEnv(process.env)

  const decks: Record<DeckName, Deck> = {
    ours: {
      name: 'ours',
      dir: ROOT,
      slides: (await loadDeck(ROOT)).slides.length,
      print: await loadDeck(ROOT),
      nodeArgs: [],
      env: oursEnv,
      // `npm run build`, into the bench's folder (dist/ stays as it is), for the base path /.
      build: out => ({ command: process.execPath, args: [TSX, 'scripts/build.ts', '--out', out], env: oursEnv }),
    },
    starter: {
      name: 'starter',
      dir: starterDir,
      slides: (await loadDeck(starterDir)).slides.length,
      nodeArgs: ['--import', TYPESCRIPT_HOOK],
      env: starterEnv,
      // The starter's `npm run build`: `slidev build`.
      build: out => ({ command: process.execPath, args: ['--import', TYPESCRIPT_HOOK, SLIDEV, 'build', '--out', out], env: starterEnv }),
    },
  }

  log(`${options.runs} run(s) of each deck, ${options.quick ? 'quick: ' : ''}export ${options.exportRange ? `slides ${options.exportRange}` : 'every slide'}; Chromium ${executable}; temporary folder ${temp}`)
  const browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox', HOST_RULES], timeout: 60_000, handleSIGINT: false, handleSIGTERM: false })
  cleanups.push(() => browser.close())
  // Lighthouse drives a Chromium of its own, through its debugging port, with the same host rules.
  const lighthouseChromium = await launchLighthouseChromium(executable, [HOST_RULES])
  cleanups.push(() => lighthouseChromium.close())

  const records: Record<DeckName, RunRecord[]> = { ours: [], starter: [] }
  let broken: Error | undefined
  try {
    for (let run = 1; run <= options.runs; run++) {
      for (const name of DECKS)
        records[name].push(await measureRun(decks[name], browser, lighthouseChromium, temp, run, wrapper, options))
    }
  }
  catch (error) {
    broken = error as Error
    if (!stopping)
      log(`stopped: ${broken.message}`)
  }
  // Ctrl-C: the signal handler closes everything and exits; no table, no half-written results.
  if (stopping)
    return 130
  const chromiumVersion = browser.version()

  const durationMs = performance.now() - started
  const results = benchResults({
    options,
    startedAt,
    durationMs,
    error: broken,
    versions: { node: process.version, slidev: versionOf('@slidev/cli'), createSlidev: versionOf('create-slidev'), themeSeriph: versionOf('@slidev/theme-seriph'), chromium: chromiumVersion, lighthouse: versionOf('lighthouse') },
    lighthouseSettings: lighthouseSettingsSeen,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg() },
    slides: { ours: decks.ours.slides, starter: decks.starter.slides },
    records,
  })
  const out = resolve(options.out)
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`)
  process.stdout.write(`${reportLines(results, out, durationMs).join('\n')}\n`)
  if (broken) {
    process.stderr.write(`\nSomething broke, the figures are incomplete:\n${broken.message}\n`)
    return 1
  }
  return 0
}

let code = 1
try {
  code = await main()
}
catch (error) {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
}
finally {
  await cleanup()
}
process.exit(code)
