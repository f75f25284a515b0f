import type { AudienceDeck } from '../../setup/audience/deck'
/**
 * The audience page's HTML: one page per slide (`audience/N.html`), each the
 * same shell with that slide inside, so the slide an audience member opens is
 * in the first response and paints before any script runs; the other slides
 * come as fragments (`audience/slides/N.html`) when the page moves to them.
 * build.ts writes the shell through Vite (which adds the hashed script and
 * stylesheet), then fills it in here for every slide.
 */
import type { RenderedSlide } from '../reader/render'
import { barLinks } from '../../setup/audience/bar'
import { escapeHtml, pageHead } from '../lib/page-head'

/** Where the shell takes the slide, its title and the deck's data. */
export const SLOT = { slide: '<!--audience-slide-->', title: '<!--audience-title-->', deck: '<!--audience-deck-->', links: '<!--audience-links-->' } as const

export interface ShellOptions {
  description: string
  author: string
  /** The deck's base path (`/` or `/talk/`), which every address on the page starts with. */
  base: string
  /** The page's script and the generated stylesheet, as Vite should find them. */
  script: string
  stylesheet: string
}

/** The page before Vite: the slots, the stylesheet and the script. */
export function audienceShell(options: ShellOptions): string {
  return `<!doctype html>
<html lang="en" class="audience-page">
<head>
${pageHead({ titleHtml: SLOT.title, description: options.description, author: options.author, icon: `${options.base}favicon.svg`, script: options.script, stylesheet: options.stylesheet, coverViewport: true })}
</head>
<body>
<div class="audience">
<main class="audience__stage" id="audience-stage">
${SLOT.slide}
</main>
<nav class="audience__bar" aria-label="Slides">
${SLOT.links}
</nav>
</div>
<script type="application/json" id="audience-deck">${SLOT.deck}</script>
</body>
</html>
`
}

/**
 * The faces every audience page draws, at a phone's width as on a wide screen (the slide's text, its titles, the
 * bar): preloaded, so they come with the stylesheet instead of once the first layout asks for them, which the page
 * would then lay out again as they arrive. tests/audience-phone.spec.ts checks on every slide that each is drawn.
 */
export const PRELOADED_FACES = ['inter-400', 'inter-600', 'inter-700'] as const

/** The one file of `name` in the page's assets (Vite's `name-hash8.extension`); fails unless it is built once. */
function builtOnce(assets: readonly string[], name: string, extension: string, what: string): string {
  const built = assets.filter(file => new RegExp(`^${name}-[\\w-]{8}\\.${extension}$`).test(file))
  if (built.length !== 1)
    throw new Error(`The audience page preloads ${what}, and its assets have ${built.length} files of it: ${assets.join(', ')}`)
  return built[0]!
}

/** The shell with `links` before its stylesheet, so that what they preload comes with it. */
function beforeStylesheet(shell: string, links: readonly string[], what: string): string {
  const stylesheet = shell.indexOf('<link rel="stylesheet"')
  if (stylesheet < 0)
    throw new Error(`The audience page's shell has no stylesheet to preload ${what} before`)
  return `${shell.slice(0, stylesheet)}${links.join('\n')}\n${shell.slice(stylesheet)}`
}

/**
 * The built shell with a preload of each face before its stylesheet. `assets`: the file names in the page's
 * assets folder (Vite's `name-hash8.woff2`), `assetsUrl` the folder's address. Fails on a face that is not built once.
 */
export function withFontPreloads(shell: string, assetsUrl: string, assets: readonly string[]): string {
  const links = PRELOADED_FACES.map(face =>
    `<link rel="preload" href="${assetsUrl}${builtOnce(assets, face, 'woff2', `the face ${face}`)}" as="font" type="font/woff2" crossorigin>`)
  return beforeStylesheet(shell, links, 'its fonts')
}

/**
 * The built shell with a preload of the hosted parts' chunk (`hosted-hash8.js`, build.ts), before the stylesheet.
 * Every visit loads it once the slide is on screen (setup/audience/main.ts): preloaded, it comes down beside the
 * first script instead of after it, and is only run when the page asks for it. Fails unless it is built once.
 */
export function withHostedPreload(shell: string, assetsUrl: string, assets: readonly string[]): string {
  const chunk = builtOnce(assets, 'hosted', 'js', 'the hosted parts\' chunk')
  return beforeStylesheet(shell, [`<link rel="modulepreload" crossorigin href="${assetsUrl}${chunk}">`], 'the hosted parts')
}

/**
 * Fails when the built shell's first script imports another chunk (Vite preloads those: `modulepreload`). The
 * slide's script would wait for that chunk to load and run before it, on a phone's network. It happens when the
 * script shares a module with the hosted parts: their chunk (build.ts) takes in what its modules import.
 */
export function checkFirstScriptAlone(shell: string): void {
  const imported = [...shell.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map(match => match[1])
  if (imported.length > 0)
    throw new Error(`The audience page's first script imports ${imported.join(', ')}: it would wait for them. Does it share a module with the hosted parts (setup/audience/hosted.ts)?`)
}

/** The slide as the page shows it: its layout inside an article named for assistive technology. */
export function slideArticle(slide: RenderedSlide, total: number): string {
  return `<article class="audience-slide" data-slide="${slide.no}" data-clicks="${slide.clicks}" aria-label="Slide ${slide.no} of ${total}: ${escapeHtml(slide.title)}">
<div class="slidev-layout ${slide.layout}">${slide.html}</div>
</article>`
}

/** JSON inside a `<script type="application/json">`: nothing in it can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
}

/** Slide `slide`'s page from the built shell. */
export function audiencePage(shell: string, slide: RenderedSlide, deck: AudienceDeck): string {
  const total = deck.slides.length
  const fill: Record<string, string> = {
    [SLOT.title]: escapeHtml(slide.title === deck.title ? deck.title : `${slide.title} · ${deck.title}`),
    [SLOT.slide]: slideArticle(slide, total),
    [SLOT.links]: barLinks(deck.base, slide.no, total),
    [SLOT.deck]: scriptJson(deck),
  }
  let page = shell
  for (const [slot, text] of Object.entries(fill)) {
    if (!page.includes(slot))
      throw new Error(`The audience page's shell has no ${slot}: Vite dropped it?`)
    page = page.replace(slot, () => text)
  }
  return page
}
