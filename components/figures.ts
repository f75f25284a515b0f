import type { SourceId } from './sources'

/**
 * Numbers the talk shows as a table, with the conditions they were measured
 * under and the source they come from. A slide shows them through
 * `<FigureTable>`, which prints the source beside each row. (Start-up times
 * live in `startup.ts`, drawn by `<StartupTimeline>`.)
 */
export interface Figure {
  /** What was measured. */
  label: string
  /** The figure as said aloud. */
  value: string
  /** Machine, versions, method: the figure does not travel without them. */
  conditions: string
  source: SourceId
}

export type FigureSet = 'overhead'

export const figures: Record<FigureSet, readonly Figure[]> = {
  overhead: [
    {
      label: 'QEMU per-VM overhead',
      value: '~131 MiB',
      conditions: 'VMM memory beyond guest RAM; m5d.metal, QEMU 4.2',
      source: 'firecracker-nsdi',
    },
    {
      label: 'Kata pod overhead (QEMU)',
      value: '320 MiB',
      conditions: 'RuntimeClass podFixed default since Kata 4.0 (160 MiB in 3.x), plus 250m CPU',
      source: 'kata-runtimeclass',
    },
    {
      label: 'Firecracker VMM overhead',
      value: '< 5 MiB',
      conditions: 'per microVM, 1 vCPU / 128 MiB guest; guest kernel memory comes on top',
      source: 'firecracker-spec',
    },
    {
      label: 'containerd shim, per container',
      value: '~10 MiB',
      conditions: 'resident memory of containerd-shim-runc-v2, one report (containerd 1.6, 2022); partly shared between shims',
      source: 'containerd-shim-rss',
    },
  ],
}

export function allFigures(): Figure[] {
  return Object.values(figures).flat()
}
