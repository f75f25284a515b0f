// @vitest-environment happy-dom
/**
 * Every figure a diagram draws says in its name what it shows at each step:
 * the name is the alternate text of its `Figure` in the printed PDFs, which a
 * screen reader reads in place of the drawing (tests/exports.spec.ts checks
 * the PDFs themselves).
 */
import type { Component } from 'vue'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { ARCHITECTURE_CLICKS } from './architecture-compare'
import ArchitectureCompare from './ArchitectureCompare.vue'
import { PRINT_CLICKS, shownFigures, steps } from './diagram-testing'
import { FAILURE_CLICKS } from './failure-domains'
import FailureDomains from './FailureDomains.vue'
import { ISOLATION_CLICKS } from './isolation-boundary'
import IsolationBoundary from './IsolationBoundary.vue'
import { WORKLOADS_CLICKS } from './kernel-count'
import KernelCount from './KernelCount.vue'
import { OS_FLEXIBILITY_CLICKS } from './os-flexibility'
import OsFlexibility from './OsFlexibility.vue'
import { timelineClicks } from './startup-timeline'
import StartupTimeline from './StartupTimeline.vue'

const diagrams: { name: string, component: Component, clicks: number, props?: Record<string, unknown>, figures: number }[] = [
  { name: 'ArchitectureCompare', component: ArchitectureCompare, clicks: ARCHITECTURE_CLICKS, figures: 2 },
  { name: 'KernelCount', component: KernelCount, clicks: WORKLOADS_CLICKS, figures: 2 },
  { name: 'IsolationBoundary', component: IsolationBoundary, clicks: ISOLATION_CLICKS, figures: 2 },
  { name: 'FailureDomains', component: FailureDomains, clicks: FAILURE_CLICKS, figures: 2 },
  { name: 'OsFlexibility', component: OsFlexibility, clicks: OS_FLEXIBILITY_CLICKS, figures: 2 },
  { name: 'StartupTimeline vms', component: StartupTimeline, clicks: timelineClicks('vms'), props: { view: 'vms' }, figures: 1 },
  { name: 'StartupTimeline all', component: StartupTimeline, clicks: timelineClicks('all'), props: { view: 'all' }, figures: 1 },
]

/** Lower case, one space between words: a name says a text when it holds it so. */
const plain = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase()

describe('diagram figures', () => {
  for (const diagram of diagrams) {
    it(`${diagram.name}: every figure shown is named at every step, and its name says each text it draws`, () => {
      for (const clicks of [...steps(diagram.clicks), PRINT_CLICKS]) {
        const figures = shownFigures(mount(diagram.component, { props: { ...diagram.props, clicks } }))
        for (const figure of figures) {
          expect(figure.label, `${diagram.name} at click ${clicks}: a figure without a name`).toBeTruthy()
          expect(figure.texts.filter(text => !plain(figure.label!).includes(plain(text))), `${diagram.name} at click ${clicks}: "${figure.label}" leaves out`).toEqual([])
        }
        if (clicks === PRINT_CLICKS)
          expect(figures, `${diagram.name} finished`).toHaveLength(diagram.figures)
      }
    })
  }
})
