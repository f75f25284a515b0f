import type { SourceId } from './sources'

/**
 * Every number the talk puts on a slide, with the conditions it was measured
 * under and the source it comes from. A slide shows figures through
 * `<FigureTable>`, which prints the source beside each row.
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

export type FigureSet = 'vm-start' | 'container-start' | 'overhead'

export const figures: Record<FigureSet, readonly Figure[]> = {
  'vm-start': [
    {
      label: 'Cloud VM (EC2) launch',
      value: '25.8 s',
      conditions: 'API 4.8 s + pending to running 17.8 s + boot to SSH 3.2 s; m7i.large, n=3, 2026',
      source: 'ec2-coldboot',
    },
    {
      label: 'Distro VM under QEMU/KVM',
      value: '14.6 s',
      conditions: 'firmware 6.9 + loader 3.7 + kernel 0.66 + initrd 1.7 + user space 1.7 s; laptop, UEFI, 2020',
      source: 'mkosi-550',
    },
    {
      label: 'Firecracker microVM',
      value: 'up to 125 ms',
      conditions: 'API call to guest /sbin/init; 1 vCPU, 128 MiB, minimal kernel',
      source: 'firecracker-spec',
    },
    {
      label: 'LightVM (Xen, unikernel guest)',
      value: '2.3 ms',
      conditions: 'redesigned Xen toolstack, unikernel or Tinyx guest',
      source: 'lightvm',
    },
  ],
  'container-start': [
    {
      label: 'docker run (alpine, warm)',
      value: '568 ms',
      conditions: 'namespace set-up only 8–10 ms of it; 2 vCPU VM, SSD, Docker 28, n=50',
      source: 'khan-2026',
    },
    {
      label: 'runc, one /bin/true container',
      value: '~33 ms',
      conditions: '100 sequential containers in 3.34 s',
      source: 'crun',
    },
    {
      label: 'crun, one /bin/true container',
      value: '~17 ms',
      conditions: '100 sequential containers in 1.69 s',
      source: 'crun',
    },
    {
      label: 'Process fork + exec',
      value: '~1 ms',
      conditions: 'Linux, as quoted by the LightVM authors',
      source: 'lightvm',
    },
  ],
  'overhead': [
    {
      label: 'QEMU per-VM overhead',
      value: '~131 MiB',
      conditions: 'VMM memory beyond guest RAM; m5d.metal, QEMU 4.2',
      source: 'firecracker-nsdi',
    },
    {
      label: 'Kata pod overhead (QEMU)',
      value: '160 MiB',
      conditions: 'RuntimeClass podFixed default, plus 250m CPU',
      source: 'kata-runtimeclass',
    },
    {
      label: 'Firecracker VMM overhead',
      value: '< 5 MiB',
      conditions: 'per microVM, 1 vCPU / 128 MiB guest; guest kernel memory comes on top',
      source: 'firecracker-spec',
    },
    {
      label: 'crun container memory floor',
      value: '512 KB',
      conditions: 'runs under a 512 KB limit where runc fails at 4 MB; podman, Fedora image',
      source: 'crun',
    },
  ],
}

export function allFigures(): Figure[] {
  return Object.values(figures).flat()
}
