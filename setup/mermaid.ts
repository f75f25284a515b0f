import { defineMermaidSetup } from '@slidev/types'

/**
 * Mermaid in the deck's fonts and colours. Colours come from the deck's CSS
 * variables through `themeCSS`, so one setup serves light and dark mode
 * (Slidev switches mermaid's base theme to `dark` itself).
 */
export default defineMermaidSetup(() => ({
  fontFamily: 'Inter, sans-serif',
  themeCSS: `
    .node rect, .node polygon, .node circle { stroke-width: 2px; }
    .node.vm rect, .node.vm polygon { fill: var(--deck-vm-bg); stroke: var(--deck-vm); }
    .node.ct rect, .node.ct polygon { fill: var(--deck-ct-bg); stroke: var(--deck-ct); }
    .node.ask rect, .node.ask polygon { fill: var(--deck-layer-bg); stroke: var(--deck-layer-border); }
    .nodeLabel, .edgeLabel, .label { color: var(--deck-fg); fill: var(--deck-fg); font-size: 17px; }
    .edgeLabel, .edgeLabel p { background-color: var(--deck-bg); }
    .flowchart-link { stroke: var(--deck-muted); stroke-width: 2px; }
    marker path { fill: var(--deck-muted); stroke: var(--deck-muted); }
  `,
}))
