import process from 'node:process'
import { definePreparserSetup } from '@slidev/types'
import { boundDiagrams, clicksOf, slideClicks } from '../components/clicks.ts'
import { MermaidSourceError } from '../components/mermaid-steps.ts'
import { applySlot, parseSlot, SLOT_ENV } from '../components/slot.ts'
import { MermaidDiagramError } from '../scripts/mermaid/source.ts'

/**
 * Slidev runs this as it loads the deck (dev, build and export): a slide whose
 * diagrams step with its clicks gets `clicks:` from their data
 * (components/clicks.ts), so Slidev knows the count before the slide mounts
 * and the pages never write it by hand. scripts/lib/deck.ts reads the deck
 * with the same function.
 *
 * In the short edition (`DECK_SLOT=short`, components/slot.ts) a slide marked
 * `depth: deep` becomes `disabled: true`, so Slidev leaves it out and numbers
 * the rest; the headmatter names the short edition's files. The slot is read
 * at every load: `?slot=` in `npm run dev` changes the dev server's
 * `DECK_SLOT` and has Slidev load the deck again (scripts/vite/slot-switch.ts).
 */
export default definePreparserSetup(() => [{
  name: 'deck:slot',
  async transformSlide(_content, frontmatter: Record<string, unknown>) {
    applySlot(frontmatter, parseSlot(process.env[SLOT_ENV]))
    return undefined
  },
}, {
  name: 'deck:diagram-clicks',
  async transformSlide(content, frontmatter: Record<string, unknown>) {
    let diagrams
    try {
      diagrams = boundDiagrams(content)
    }
    catch (error) {
      // A broken mermaid block: setup/transformers.ts fails the slide with its page and line.
      if (error instanceof MermaidSourceError || error instanceof MermaidDiagramError)
        return undefined
      throw error
    }
    if (diagrams.length > 0) {
      // A diagram with no count fails the load, naming it, rather than skip its steps.
      diagrams.forEach(clicksOf)
      frontmatter.clicks = slideClicks(content, frontmatter.clicks)
    }
    return undefined
  },
}])
