/**
 * A slide's rendered markdown as a Vue template for the reader edition.
 *
 * - A diagram bound to the slide's clicks (`:clicks="$clicks"`) is wrapped in
 *   `<ReaderSteps>`, which renders it once per click step; the steps become
 *   fragments, shown click by click. The diagram's own component draws every step.
 * - A component that markdown put alone in a paragraph (`<p><Compare … /></p>`,
 *   when its tag spans lines) is taken out of it: a `<div>` inside a `<p>` is
 *   split by the browser's HTML parser, while Slidev's runtime DOM keeps it.
 */
import type { ElementNode, ParentNode, TemplateChildNode } from '@vue/compiler-dom'
import { ElementTypes, NodeTypes, parse } from '@vue/compiler-dom'

/** The wrapper component the renderer provides (see render.ts). */
export const STEPS_COMPONENT = 'ReaderSteps'

interface Splice {
  start: number
  end: number
  text: string
}

function isBoundToClicks(element: ElementNode): boolean {
  return element.props.some(prop => prop.type === NodeTypes.DIRECTIVE
    && prop.name === 'bind'
    && prop.exp?.type === NodeTypes.SIMPLE_EXPRESSION
    && /\$clicks\b/.test(prop.exp.content))
}

function meaningfulChildren(node: ParentNode): TemplateChildNode[] {
  return node.children.filter(child => !(child.type === NodeTypes.TEXT && child.content.trim() === '') && child.type !== NodeTypes.COMMENT)
}

/**
 * Rewrites `template` (HTML from the slide's markdown) for a slide with
 * `clicks` click steps. Returns the template and how many diagrams were
 * wrapped in steps.
 */
export function readerTemplate(template: string, clicks: number): { template: string, steppedDiagrams: number } {
  const root = parse(template, { comments: false })
  const splices: Splice[] = []
  let steppedDiagrams = 0

  function wrap(element: ElementNode): string {
    const source = template.slice(element.loc.start.offset, element.loc.end.offset)
    if (!isBoundToClicks(element))
      return source
    steppedDiagrams++
    const stepped = source.replace(/\$clicks\b/g, 'step')
    return `<${STEPS_COMPONENT} :count="${clicks}" v-slot="{ step }">${stepped}</${STEPS_COMPONENT}>`
  }

  function visit(node: ParentNode): void {
    for (const child of node.children) {
      if (child.type !== NodeTypes.ELEMENT)
        continue
      const only = meaningfulChildren(child)
      const lone = only.length === 1 && only[0]?.type === NodeTypes.ELEMENT ? only[0] : undefined
      if (child.tag === 'p' && lone && lone.tagType === ElementTypes.COMPONENT) {
        splices.push({ start: child.loc.start.offset, end: child.loc.end.offset, text: wrap(lone) })
        continue
      }
      if (child.tagType === ElementTypes.COMPONENT && isBoundToClicks(child)) {
        splices.push({ start: child.loc.start.offset, end: child.loc.end.offset, text: wrap(child) })
        continue
      }
      visit(child)
    }
  }

  visit(root)
  let result = template
  for (const splice of splices.sort((a, b) => b.start - a.start))
    result = result.slice(0, splice.start) + splice.text + result.slice(splice.end)
  return { template: result, steppedDiagrams }
}
