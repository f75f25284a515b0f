/**
 * Renders the deck's slides to static HTML with Vue's server renderer, for the
 * reader edition. Runs inside Vite (build.ts loads it with `ssrLoadModule`;
 * Vitest runs its tests), which compiles the deck's own components: every
 * diagram is drawn by the same component as in the talk, once per click step.
 *
 * Slidev syntax, translated:
 * - `v-click` (with `.hide`), `v-after` and `<v-clicks>` become
 *   fragments (`.fragment`) with the click number as `data-fragment-index`;
 * - a component bound to `$clicks` renders at every step (`<ReaderSteps>`);
 * - a mermaid block becomes `<MermaidDiagram>` with its drawn SVG (scripts/mermaid/);
 * - `$renderContext` is `'print'` and `$nav.isPrintMode` true: components draw
 *   their still, finished state as on Slidev's print page.
 * A component, directive or global that is none of these fails the render
 * with its name and the slide's file, before anything is written.
 */
import type { CompilerOptions } from '@vue/compiler-dom'
import type { Component, DirectiveBinding, RuntimeCompilerOptions, VNode } from 'vue'
import type { DeckSlide } from '../lib/deck'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { createGenerator } from '@unocss/core'
import presetIcons from '@unocss/preset-icons'
import { ElementTypes, NodeTypes, parse } from '@vue/compiler-dom'
import { renderToString } from '@vue/server-renderer'
import { camelize, capitalize, cloneVNode, createSSRApp, defineComponent, Fragment, h, isVNode } from 'vue'
import { compileStyle, parse as parseSfc } from 'vue/compiler-sfc'
import { isIsland } from '../../components/islands'
import { IN_READER_EDITION } from '../../components/reader-edition'
import { markIsland } from '../audience/island-marker'
import { closeRenderer, expandMermaid } from '../mermaid/diagrams'
import { notesMarkup, slideMarkup } from './markdown'
import { readerTemplate, STEPS_COMPONENT } from './template'

export interface RenderedSlide {
  no: number
  title: string
  level: number
  /** Slidev's layout name: `default`, `cover` or `center`. */
  layout: string
  clicks: number
  file: string
  /** The slide's content as HTML. */
  html: string
  /** Its speaker notes as HTML ('' when it has none). */
  notes: string
  /** Its own `<style>` blocks, scoped to it. */
  css: string
}

export class ReaderRenderError extends Error {}

/** Layouts the edition draws (scripts/reader/reader.css); another fails the render by name. */
export const LAYOUTS = ['default', 'cover', 'center'] as const

const modules = import.meta.glob<{ default: Component & { __scopeId?: string } }>('../../components/*.vue', { eager: true })

/** The deck's components by name, as Slidev registers them (file name). */
export const components: Record<string, Component & { __scopeId?: string }> = Object.fromEntries(
  Object.entries(modules).map(([path, module]) => [path.replace(/^.*\/|\.vue$/g, ''), module.default]),
)

/** Vue's own directives, and the Slidev ones translated here. */
const KNOWN_DIRECTIVES = new Set(['bind', 'on', 'if', 'else', 'else-if', 'for', 'show', 'slot', 'html', 'text', 'once', 'memo', 'pre', 'cloak', 'click', 'after'])

function pascal(tag: string): string {
  return capitalize(camelize(tag))
}

/** Throws, naming each, when `template` has components or directives the edition cannot render. */
export function checkTemplate(template: string, where: string): void {
  const problems: string[] = []
  const visit = (children: ReturnType<typeof parse>['children']): void => {
    for (const node of children) {
      if (node.type !== NodeTypes.ELEMENT)
        continue
      if (node.tagType === ElementTypes.COMPONENT && !(pascal(node.tag) in components) && !['VClicks', STEPS_COMPONENT].includes(pascal(node.tag)))
        problems.push(`unknown component <${node.tag}>`)
      for (const prop of node.props) {
        if (prop.type === NodeTypes.DIRECTIVE && !KNOWN_DIRECTIVES.has(prop.name))
          problems.push(`unknown directive v-${prop.name}`)
      }
      visit(node.children)
    }
  }
  visit(parse(template).children)
  if (problems.length > 0)
    throw new ReaderRenderError(`${where}: ${[...new Set(problems)].join(', ')}. The reader edition renders the deck's components (components/*.vue), v-click, v-after and v-clicks; add the component or translate the syntax in scripts/reader/render.ts.`)
}

/**
 * Click numbering inside one slide, as Slidev counts: a `v-click` without a number (or `+N`) comes
 * after the previous one; `v-click="N"` is click N and leaves that count alone; `v-after` goes with
 * the previous `v-click`.
 */
interface ClickCounter { last: number }
let counter: ClickCounter = { last: 0 }

function fragmentProps(index: number, hide = false): Record<string, unknown> {
  return { 'class': hide ? 'fragment fade-out' : 'fragment', 'data-fragment-index': index }
}

/** The click a `v-click` value names: absolute (`4`, `'4'`) or after the running count (none, `'+N'`). */
function clickOf(value: unknown): { index: number, absolute: boolean } {
  if (typeof value === 'number')
    return { index: value, absolute: true }
  if (typeof value === 'string' && /^\d+$/.test(value))
    return { index: Number(value), absolute: true }
  const step = typeof value === 'string' && /^\+\d+$/.test(value) ? Number(value.slice(1)) : 1
  return { index: counter.last + step, absolute: false }
}

const vClick = {
  getSSRProps(binding: DirectiveBinding) {
    const { index, absolute } = clickOf(binding.value)
    if (!absolute)
      counter.last = index
    return fragmentProps(index, binding.modifiers.hide === true)
  },
}

const vAfter = {
  getSSRProps(binding: DirectiveBinding) {
    return fragmentProps(Math.max(counter.last, 1), binding.modifiers.hide === true)
  },
}

/** `<v-clicks>`: each list item (or each child) one click. */
const VClicks = defineComponent({
  name: 'VClicks',
  setup(_props, { slots }) {
    const each = (node: VNode): VNode => {
      counter.last++
      return cloneVNode(node, fragmentProps(counter.last), true)
    }
    const walk = (node: VNode): VNode => {
      if (node.type === 'ul' || node.type === 'ol') {
        const items = Array.isArray(node.children) ? node.children : []
        return cloneVNode({ ...node, children: items.map(item => isVNode(item) && item.type === 'li' ? each(item) : item) } as VNode)
      }
      if (node.type === Fragment && Array.isArray(node.children))
        return h(Fragment, node.children.map(child => isVNode(child) ? walk(child) : child))
      return typeof node.type === 'string' || typeof node.type === 'object' ? each(node) : node
    }
    return () => (slots.default?.() ?? []).map(walk)
  },
})

/**
 * One copy of the diagram per click step, stacked; step k shows from fragment k on. Assistive
 * technology and the keyboard get the finished diagram once: the earlier steps are aria-hidden (and
 * so left out of the status line's announcements, shown-text.ts) and inert (their links take no focus).
 */
const ReaderSteps = defineComponent({
  name: STEPS_COMPONENT,
  props: { count: { type: Number, required: true } },
  setup(props, { slots }) {
    return () => h('div', { 'class': 'reader-steps', 'data-steps': props.count }, Array.from({ length: props.count + 1 }, (_, step) =>
      h('div', {
        'class': step === 0 ? 'reader-step' : 'reader-step fragment',
        'data-step': step,
        ...(step === 0 ? {} : { 'data-fragment-index': step }),
        ...(step < props.count ? { 'aria-hidden': 'true', 'inert': '' } : {}),
      }, slots.default?.({ step }))))
  },
})

/** The CSS of the deck's components, scoped as Vite scopes them (each component's `__scopeId`). */
export function componentStyles(): string {
  return Object.entries(modules).map(([path, module]) => {
    const filename = fileURLToPath(new URL(path, import.meta.url))
    const { descriptor } = parseSfc(readFileSync(filename, 'utf8'), { filename })
    return descriptor.styles.map((block) => {
      const scopeId = module.default.__scopeId
      if (block.scoped && !scopeId)
        throw new ReaderRenderError(`${filename}: a scoped style without a scope id`)
      const result = compileStyle({ source: block.content, filename, id: scopeId ?? 'data-v-unscoped', scoped: block.scoped === true })
      if (result.errors.length > 0)
        throw new ReaderRenderError(`${filename}: ${result.errors.map(String).join('; ')}`)
      return result.code
    }).join('\n')
  }).join('\n')
}

/** The icon classes (`i-carbon-*`) the rendered HTML uses, from the bundled Iconify set. */
export async function iconStyles(html: string): Promise<string> {
  const generator = await createGenerator({
    presets: [presetIcons({
      collections: { carbon: async () => (await import('@iconify-json/carbon/icons.json')).default as never },
      extraProperties: { 'display': 'inline-block', 'vertical-align': 'middle' },
    })],
  })
  return (await generator.generate(html, { preflights: false })).css
}

/**
 * A slide is one `<section>` on the reader's page, so a component's sections
 * become `<div>`s: the page's sections are its slides alone. The same to
 * assistive technology (a section is a region only when named, which keeps its role).
 */
export function unnestSections(html: string): string {
  return html
    .replace(/<section(\s[^>]*)?>/g, (_tag, attributes = '') => {
      const named = /\saria-label(?:ledby)?=/.test(attributes)
      return `<div${named ? ' role="region"' : ''}${attributes}>`
    })
    .replace(/<\/section>/g, '</div>')
}

function slideScope(no: number): string {
  return `data-v-reader-slide-${no}`
}

/** `root`: the deck's folder, which `slide.file` and `<<< @/` imports are relative to. */
export async function renderSlide(slide: DeckSlide, root = process.cwd()): Promise<RenderedSlide> {
  const where = `slide ${slide.no} (${slide.file})`
  const layout = slide.layout ?? 'default'
  if (!(LAYOUTS as readonly string[]).includes(layout))
    throw new ReaderRenderError(`${where}: unknown layout "${layout}". The reader edition draws the layouts ${LAYOUTS.join(', ')} (scripts/reader/reader.css).`)

  // Mermaid blocks become <MermaidDiagram> with their SVG, as setup/transformers.ts does for Slidev.
  const markup = slideMarkup(await expandMermaid(slide.content, { file: resolve(root, slide.file), line: slide.contentLine }, { root }))
  const { template } = readerTemplate(markup.html, slide.clicks)
  checkTemplate(template, where)

  const scopeId = slideScope(slide.no)
  // The slide's elements carry its scope id, so its own <style> applies to it alone, as in Slidev.
  // (The server renderer passes a component's compilerOptions to @vue/compiler-ssr, which takes scopeId;
  // Vue's runtime type lists only the options the browser compiler takes.)
  const compilerOptions: Pick<CompilerOptions, 'scopeId' | 'whitespace'> = { scopeId, whitespace: 'condense' }
  const Slide = defineComponent({ name: `ReaderSlide${slide.no}`, template, compilerOptions: compilerOptions as RuntimeCompilerOptions })
  const app = createSSRApp(Slide)
  const warnings: string[] = []
  app.config.warnHandler = message => void warnings.push(message)
  app.config.errorHandler = (error) => {
    throw error
  }
  // A component that is live on screen is drawn with its root marked, for the audience page's islands.
  for (const [name, component] of Object.entries(components))
    app.component(name, isIsland(name) ? markIsland(name, component) : component)
  app.component('VClicks', VClicks)
  app.component(STEPS_COMPONENT, ReaderSteps)
  app.directive('click', vClick)
  app.directive('after', vAfter)
  app.provide(IN_READER_EDITION, true)
  Object.assign(app.config.globalProperties, {
    $clicks: slide.clicks,
    $renderContext: 'print',
    $frontmatter: slide.frontmatter,
    $nav: { isPrintMode: true, clicks: slide.clicks, currentPage: slide.no },
  })

  counter = { last: 0 }
  let rendered: string
  try {
    rendered = await renderToString(app)
  }
  catch (error) {
    throw new ReaderRenderError(`${where}: ${[...warnings, error instanceof Error ? error.message : String(error)].join('; ')}`)
  }
  if (warnings.length > 0)
    throw new ReaderRenderError(`${where}: ${warnings.join('; ')}`)
  const html = unnestSections(rendered)

  const css = markup.styles.map((source) => {
    const result = compileStyle({ source, filename: slide.file, id: scopeId, scoped: true })
    if (result.errors.length > 0)
      throw new ReaderRenderError(`${where}: ${result.errors.map(String).join('; ')}`)
    return result.code
  }).join('\n')

  return { no: slide.no, title: slide.title, level: slide.level, layout, clicks: slide.clicks, file: slide.file, html, notes: notesMarkup(slide.note), css }
}

export async function renderSlides(slides: readonly DeckSlide[], root = process.cwd()): Promise<{ slides: RenderedSlide[], css: string }> {
  const rendered: RenderedSlide[] = []
  try {
    for (const slide of slides)
      rendered.push(await renderSlide(slide, root))
  }
  finally {
    // A diagram drawn now (none is, when components/mermaid-svg/ is current) started a Chromium.
    await closeRenderer()
  }
  const css = [componentStyles(), await iconStyles(rendered.map(slide => slide.html).join('\n')), ...rendered.map(slide => slide.css)].join('\n')
  return { slides: rendered, css }
}
