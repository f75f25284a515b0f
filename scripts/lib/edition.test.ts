import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtEdition, currentEdition, EDITION_FILE } from './edition'

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'edition-'))
  writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '1.2.3' }))
  return root
}

const now = new Date('2026-12-01T23:30:00Z')

describe('currentEdition', () => {
  it('outside a git checkout: the version, an unknown commit and the day', () => {
    expect(currentEdition(repo(), now, 'full')).toEqual({ version: '1.2.3', commit: 'unknown', date: '2026-12-01' })
  })

  it('names the short edition\'s slot', () => {
    expect(currentEdition(repo(), now, 'short')).toEqual({ version: '1.2.3', commit: 'unknown', date: '2026-12-01', slot: 'short' })
  })

  it('names the commit, and marks changes made since it', () => {
    const root = repo()
    const run = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, encoding: 'utf8' }).trim()
    run('init', '-q')
    run('add', 'package.json')
    run('commit', '-qm', 'one')
    const short = run('rev-parse', '--short=7', 'HEAD')
    expect(currentEdition(root, now).commit).toBe(short)
    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '1.2.4' }))
    expect(currentEdition(root, now)).toEqual({ version: '1.2.4', commit: `${short}+`, date: '2026-12-01' })
  })
})

describe('builtEdition', () => {
  it('reads what the build wrote, and says to build when it is missing', () => {
    const dir = repo()
    expect(() => builtEdition(dir)).toThrow('run `npm run build` first')
    writeFileSync(join(dir, EDITION_FILE), JSON.stringify({ version: '1.2.3', commit: 'abc1234', date: '2026-12-01' }))
    expect(builtEdition(dir)).toEqual({ version: '1.2.3', commit: 'abc1234', date: '2026-12-01' })
  })
})
