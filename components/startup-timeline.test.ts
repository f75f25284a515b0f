import type { StartupId } from './startup-timeline'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { getSource, isSourceId } from './sources'
import { barStep, getBar, phasesMatchTotal, startupBars, timelineCaptions, timelineClicks, timelineViews } from './startup-timeline'
import { captionProblems } from './step-captions'

describe('startup bars', () => {
  it('each name a known source and their conditions', () => {
    const bad = startupBars.filter(bar => ![bar.source, ...(bar.alsoSources ?? [])].every(isSourceId) || bar.conditions.trim().length < 20)
    expect(bad.map(bar => bar.id)).toEqual([])
    expect(startupBars.map(bar => getSource(bar.source).group)).toEqual(startupBars.map(() => 'startup'))
  })

  it('add their phases up to the total their source reports', () => {
    expect(startupBars.filter(bar => !phasesMatchTotal(bar)).map(bar => bar.id)).toEqual([])
    expect(phasesMatchTotal({ ...getBar('local-vm'), totalMs: 16_000 })).toBe(false)
  })

  it('cover the ways to start a workload the chapter compares: VMs, then containers, each slowest first', () => {
    expect(startupBars.map(bar => bar.id)).toEqual(['cloud-vm', 'local-vm', 'microvm', 'docker-run', 'runtime', 'process'])
    for (const group of [startupBars.slice(0, 3), startupBars.slice(3)]) {
      const totals = group.map(bar => bar.totalMs)
      expect(totals).toEqual([...totals].sort((a, b) => b - a))
    }
  })

  it('show namespace creation as the small slice of docker run it is', () => {
    const dockerRun = getBar('docker-run')
    const namespaces = dockerRun.phases.find(phase => phase.kind === 'namespaces')!
    expect(namespaces.ms / dockerRun.totalMs).toBeLessThan(0.02)
  })

  // The EC2 source times "running" with a waiter that polls every 15 s (three runs within 0.1 s of 17.8 s):
  // its phases measure the poll, so the bar shows only the total.
  it('draw the cloud VM as one phase, API call to SSH, not split by a polled state', () => {
    const cloud = getBar('cloud-vm')
    expect(cloud.phases).toHaveLength(1)
    expect(cloud.phases[0]!.ms).toBe(cloud.totalMs)
    expect(cloud.phases[0]!.kind).toBe('unsplit')
  })

  it('refuse an unknown bar', () => {
    expect(() => getBar('mainframe' as never)).toThrow(/no bar "mainframe"/)
  })
})

describe('timeline views', () => {
  it('reveal the VMs on the first slide and add the containers on the second', () => {
    expect(timelineViews.vms.revealed).toEqual(timelineViews.all.shown)
    const all = [...timelineViews.all.shown, ...timelineViews.all.revealed]
    expect([...all].sort()).toEqual(startupBars.map(bar => bar.id).sort())
  })

  it('take one click per revealed bar, plus one for the race', () => {
    expect(timelineClicks('vms')).toBe(3)
    expect(timelineClicks('all')).toBe(4)
  })

  it('place each bar at its click, the ones already explained at 0', () => {
    expect(barStep('vms', 'cloud-vm')).toBe(1)
    expect(barStep('vms', 'microvm')).toBe(3)
    expect(barStep('all', 'cloud-vm')).toBe(0)
    expect(barStep('all', 'process')).toBe(3)
  })
})

describe('timeline step captions', () => {
  it('say what each click of each view shows, one sentence a click', () => {
    for (const view of ['vms', 'all'] as const) {
      expect(captionProblems(timelineCaptions[view], timelineClicks(view))).toEqual([])
      expect(timelineCaptions[view].filter(caption => caption.length >= 90)).toEqual([])
    }
  })
})

describe('the start-up diagrams (pages/diagrams/*.mmd) say what the timeline says', () => {
  const read = (path: string) => readFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), 'utf8')
  const bar = (id: StartupId) => startupBars.find(candidate => candidate.id === id)!
  const seconds = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`

  it('how a VM boots: the distro VM\'s phases, in order, and its total in the slide\'s title', () => {
    const vm = bar('local-vm')
    const source = read('pages/diagrams/vm-boot.mmd')
    const labels = [...source.matchAll(/->>\s*\w+:(.+)$/gm)].map(match => match[1]!.trim())
    const [firmware, loader, kernel, initrd, userSpace] = vm.phases
    expect(labels).toEqual(['reset', seconds(firmware!.ms), seconds(loader!.ms), seconds(kernel!.ms), `${Number((initrd!.ms / 1000).toFixed(1))} + ${Number((userSpace!.ms / 1000).toFixed(1))} s`])
    expect(read('pages/07-startup.md')).toContain(`# How a VM boots: ${seconds(vm.totalMs)}`)
    expect(read('pages/07-startup.md')).toMatch(/vm-boot\.mmd\n\n<Cite :ids="\['mkosi-550', 'systemd-22060'\]"/)
    expect(vm.source).toBe('mkosi-550')
  })

  it('what docker run does: the docker run bar\'s total, and runc alone as two other benchmarks measured it, not as a share of it', () => {
    const run = bar('docker-run')
    const source = read('pages/diagrams/docker-run.mmd')
    expect(source).toContain(`Note over CLI,R: ${run.totalMs} ms in all`)
    // crun's README: 100 sequential /bin/true containers in 3.34 s with runc, about 33 ms each; youki's README: runc 224.6 ms.
    expect(bar('runtime').phases[0]!.said).toContain('runc ~33 ms')
    expect(bar('runtime').conditions).toContain('runc 3.34 s')
    expect(source).toContain('runc alone: 33-225 ms')
    expect(source).not.toMatch(/runc[^\n]*of it/)
  })

  it('what runc asks the kernel: the namespaces\' share of the docker run bar', () => {
    const namespaces = bar('docker-run').phases.find(phase => phase.kind === 'namespaces')!
    expect(read('pages/diagrams/runc-kernel.mmd')).toContain(`new namespaces: ${namespaces.said}`)
  })
})
