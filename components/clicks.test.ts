import { describe, expect, it } from 'vitest'
import { ARCHITECTURE_CLICKS } from './architecture-compare'
import { boundDiagrams, clicksOf, countMarkupClicks, diagramClicks, slideClicks } from './clicks'
import { REALITY_CLICKS } from './reality-stack'
import { timelineClicks } from './startup-timeline'

describe('boundDiagrams', () => {
  it('finds the diagram tags bound to the slide\'s clicks, with their static attributes, over several lines', () => {
    const content = [
      '<ArchitectureCompare :clicks="$clicks" />',
      '<StartupTimeline view="vms"',
      '  :clicks="$clicks"',
      '  :live="$renderContext === \'slide\'',
      '    && !$nav.isPrintMode"',
      '/>',
      '<Cite :ids="[\'crun\']" />',
      '<KernelCount :clicks="4" />',
      '<!-- <FailureDomains :clicks="$clicks" /> -->',
    ].join('\n')
    expect(boundDiagrams(content).map(tag => [tag.name, tag.attrs.view])).toEqual([['ArchitectureCompare', undefined], ['StartupTimeline', 'vms']])
  })
})

describe('slideClicks', () => {
  it('takes a diagram\'s count from its data, by component and by attributes', () => {
    expect(slideClicks('<ArchitectureCompare :clicks="$clicks" />')).toBe(ARCHITECTURE_CLICKS)
    expect(slideClicks('<StartupTimeline view="all" :clicks="$clicks" />')).toBe(timelineClicks('all'))
    expect(slideClicks('<StartupTimeline view="vms" :clicks="$clicks" />')).toBe(timelineClicks('vms'))
  })

  it('combines a diagram with the slide\'s own v-click markup', () => {
    expect(slideClicks(`<RealityStack :clicks="$clicks" />\n<p v-click="${REALITY_CLICKS}">with the last level</p>`)).toBe(REALITY_CLICKS)
    expect(slideClicks(`<RealityStack :clicks="$clicks" />\n<p v-click="${REALITY_CLICKS + 2}">after it</p>`)).toBe(REALITY_CLICKS + 2)
    expect(slideClicks('<Compare :clicks="$clicks" :vm="[]" :containers="[]" />\n<v-clicks>\n\n- a\n- b\n- c\n\n</v-clicks>')).toBe(3)
  })

  it('keeps a slide without diagrams to its clicks: or its markup', () => {
    expect(slideClicks('<p v-click>a</p>', 5)).toBe(5)
    expect(slideClicks('<p v-click>a</p>')).toBe(1)
  })

  it('refuses a clicks: that disagrees with the diagrams, and counts a diagram only by its entry', () => {
    expect(() => slideClicks('<KernelCount :clicks="$clicks" />', 9)).toThrow(/declares clicks: 9/)
    expect(slideClicks('<KernelCount :clicks="$clicks" />', clicksOf({ name: 'KernelCount', attrs: {} }))).toBe(3)
    expect(() => clicksOf({ name: 'NewDiagram', attrs: {} })).toThrow(/<NewDiagram :clicks="\$clicks"> has no click count/)
    expect(slideClicks('<NewDiagram :clicks="$clicks" />\n<p v-click>a</p>')).toBe(1)
    expect(() => slideClicks('<StartupTimeline view="containers" :clicks="$clicks" />')).toThrow(/view="containers"/)
  })

  it('has a count for every component with a clicks prop', async () => {
    const sources = import.meta.glob<string>('./*.vue', { query: '?raw', import: 'default', eager: true })
    const stepped = Object.entries(sources)
      .filter(([, source]) => /defineProps<\{[^}]*\bclicks: number/.test(source) || /\n\s+clicks: number\n/.test(source))
      .map(([path]) => path.replace(/^\.\/|\.vue$/g, ''))
    // LayerStack steps with the clicks ArchitectureCompare passes it, and StepCaptions says in words what
    // its diagram's clicks added; neither is ever on a slide by itself.
    expect(stepped.filter(name => name !== 'LayerStack' && name !== 'StepCaptions').sort()).toEqual(Object.keys(diagramClicks).sort())
  })
})

describe('mermaid blocks', () => {
  it('step the slide by their %% step: markers, fenced or imported', () => {
    const fence = '# Flow\n\n```mermaid\n%% step: One.\nflowchart LR\n  a --> b\n%% step: Two.\n  b --> c\n%% step: Three.\n  c --> d\n```\n'
    expect(boundDiagrams(fence)).toEqual([{ name: 'MermaidDiagram', attrs: { ':clicks': '$clicks', 'steps': '2' } }])
    expect(slideClicks(fence)).toBe(2)
    // With v-clicks beside it, the larger count.
    expect(slideClicks(`${fence}\n<v-clicks>\n\n- a\n- b\n- c\n\n</v-clicks>`)).toBe(3)
    // An import is read from the deck's root: docker-run.mmd has four steps.
    expect(slideClicks('# Run\n\n<<< @/pages/diagrams/docker-run.mmd\n')).toBe(3)
    expect(() => slideClicks(fence, 5)).toThrow(/declares clicks: 5/)
  })

  it('of a type the deck does not step add no clicks (the transformer refuses them on this deck)', () => {
    expect(boundDiagrams('```mermaid\nmindmap\n  root\n```')).toEqual([])
  })

  it('in an HTML comment are not on the slide', () => {
    expect(boundDiagrams('<!--\n```mermaid\nflowchart LR\n  a --> b\n```\n-->')).toEqual([])
  })
})

describe('countMarkupClicks', () => {
  it('counts v-clicks list items and v-click attributes', () => {
    expect(countMarkupClicks('<v-clicks>\n\n- a\n- b\n\n</v-clicks>\n<p v-click>c</p>')).toBe(3)
    expect(countMarkupClicks('<p v-click="4">at four</p>')).toBe(0)
    expect(countMarkupClicks('no clicks')).toBe(0)
  })
})
