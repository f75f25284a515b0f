import { describe, expect, it } from 'vitest'
import { instancesPerHost } from './density-chart'
import { DiagramDataError, validateAmount, validateSteps } from './validate'

describe('diagram data validation', () => {
  it('names a layer without a label by its position', () => {
    expect(() => validateSteps('VM stack', [{ label: 'Hardware', step: 1 }, { label: ' ', step: 2 }], 5))
      .toThrow(new DiagramDataError('VM stack: item 2 has no label.'))
  })

  it('names an item whose step is out of range', () => {
    expect(() => validateSteps('Failure domains', [{ label: 'Kernel panic', step: 4 }], 3))
      .toThrow('Failure domains: "Kernel panic" appears at step 4, outside 1..3.')
    expect(() => validateSteps('Failure domains', [{ label: 'Crash', step: 0 }], 3)).toThrow(/"Crash" appears at step 0/)
    expect(() => validateSteps('Failure domains', [{ label: 'Crash', step: 1.5 }], 3)).toThrow(/step 1.5/)
  })

  it('refuses an empty diagram', () => {
    expect(() => validateSteps('Reality', [], 4)).toThrow('Reality: no items to draw.')
  })

  it('names a negative or missing amount', () => {
    expect(() => validateAmount('Density', 'VMs', -160)).toThrow('Density: "VMs" is -160; it must be a number of zero or more.')
    expect(() => validateAmount('Density', 'VMs', Number.NaN)).toThrow(/"VMs" is NaN/)
    expect(() => instancesPerHost({ hostGiB: 64, appMiB: -1 }, 160)).toThrow(/application memory/)
  })

  it('computes whole instances per host', () => {
    expect(instancesPerHost({ hostGiB: 64, appMiB: 128 }, 160)).toBe(227)
    expect(instancesPerHost({ hostGiB: 0, appMiB: 0 }, 0)).toBe(0)
  })
})
