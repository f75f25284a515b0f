/**
 * The big talk's deployment (deploy/): HAProxy accepts its configuration
 * (`haproxy -c`, skipped without haproxy), and the Compose file runs what
 * docs/hosting.md says: Redis with its append-only file synced before each
 * answer, three replicas of the image on that Redis behind the proxy, which
 * trusts the proxy's forwarded addresses, and a secret that must be given.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { haproxyMissing } from './test-haproxy'

const missing = haproxyMissing()

interface Service { image?: string, command?: string[], environment?: Record<string, string>, deploy?: { replicas?: number }, build?: { context?: string }, volumes?: string[], ports?: string[] }

describe('deploy/', () => {
  it.skipIf(Boolean(missing))('haproxy.cfg is a configuration HAProxy accepts', () => {
    const checked = spawnSync(['/usr/sbin/haproxy', '/usr/bin/haproxy'].find(path => spawnSync(path, ['-v']).status === 0) ?? 'haproxy', ['-c', '-f', 'deploy/haproxy.cfg'], { encoding: 'utf8' })
    expect(checked.status, checked.stderr + checked.stdout).toBe(0)
  })

  it('compose.yaml: Redis with appendfsync always, three replicas of the image on it with the proxy\'s addresses trusted, HAProxy with the checked configuration, a secret required', () => {
    const compose = parse(readFileSync('deploy/compose.yaml', 'utf8')) as { services: Record<string, Service> }
    const { redis, deck, proxy } = compose.services
    expect(redis!.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--appendfsync', 'always']))
    expect(redis!.volumes).toEqual(['redis-data:/data'])
    expect(deck!.build?.context).toBe('..')
    expect(deck!.deploy?.replicas).toBe(3)
    expect(deck!.environment).toMatchObject({ DECK_REDIS_URL: 'redis://redis:6379/0', DECK_TRUST_PROXY: '1' })
    expect(deck!.environment!.DECK_SECRET).toMatch(/^\$\{DECK_SECRET:\?/)
    expect(proxy!.volumes).toEqual(['./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro'])
    const config = readFileSync('deploy/haproxy.cfg', 'utf8')
    expect(config).toMatch(/option httpchk GET \/healthz/)
    expect(config).toMatch(/option forwardfor/)
    expect(config).toMatch(/server-template deck \d+ deck:3030/)
  })
})
