import type { SetupFigures } from './sync-cluster'
import { describe, expect, it } from 'vitest'
import { CLUSTER_DEFAULTS, clusterTable, followersPerCore, instancesFor, isClusterRun, parseClusterOptions, perFollowerCpuMs } from './sync-cluster'

function figures(overrides: Partial<SetupFigures> = {}): SetupFigures {
  return {
    label: '3 instances on Redis, HAProxy',
    delays: [10, 20, 30],
    acks: [5, 6, 7],
    instancesCpuMs: 400,
    redisCpuMs: 100,
    balancerCpuMs: 50,
    advances: 50,
    clients: 1000,
    exported: [[500, 300, 200], [500, 300, 200]],
    expected: [500, 300, 200],
    ...overrides,
  }
}

describe('bench:sync --instances N --redis', () => {
  it('is asked for with --instances, and needs --redis with it', () => {
    expect(isClusterRun(['--instances', '3', '--redis'])).toBe(true)
    expect(isClusterRun(['--clients', '3'])).toBe(false)
    expect(parseClusterOptions(['--instances', '3', '--redis'])).toEqual(CLUSTER_DEFAULTS)
    expect(parseClusterOptions(['--instances', '4', '--redis', '--clients', '200'])).toMatchObject({ instances: 4, clients: 200 })
    expect(() => parseClusterOptions(['--instances', '3'])).toThrow(/--redis/)
    expect(() => parseClusterOptions(['--instances', '1', '--redis'])).toThrow(/from 2 to 8/)
  })

  it('sizes from the CPU per follower: the instances\' and Redis\' (10 µs), one advance to that many within 100 ms on a core, and one spare instance', () => {
    expect(perFollowerCpuMs(figures())).toBeCloseTo(0.01)
    expect(followersPerCore(figures())).toBe(10_000)
    expect(instancesFor(20_000, 10_000)).toBe(3)
    expect(instancesFor(20_000, 3000)).toBe(8)
    expect(followersPerCore(figures({ instancesCpuMs: 0, redisCpuMs: 0 }))).toBeNaN()
  })

  it('says the votes were counted once only when every instance exports what was sent', () => {
    const good = clusterTable([figures()]).join('\n')
    expect(good).toContain('once, equal everywhere')
    expect(good).toContain('8.0 ms') // instances' CPU per advance
    const bad = clusterTable([figures({ exported: [[500, 300, 200], [501, 300, 200]] })]).join('\n')
    expect(bad).toContain('MISCOUNTED')
  })
})
