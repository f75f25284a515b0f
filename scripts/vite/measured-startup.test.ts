import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { measuredModule } from './measured-startup'

describe('the measured-startup module', () => {
  const folder = mkdtempSync(join(tmpdir(), 'measured-'))
  const file = (name: string, text: string) => {
    const path = join(folder, name)
    writeFileSync(path, text)
    return path
  }

  it('exports null, quietly, when nothing was measured', () => {
    expect(measuredModule(join(folder, 'absent.json'))).toMatchObject({ code: 'export default null\n', problems: [] })
  })

  it('exports the checked figures of a valid file', () => {
    const module = measuredModule('tests/fixtures/measured.json')
    expect(module.problems).toEqual([])
    expect(module.code).toMatch(/^export default \{"schema":1,/)
  })

  it('exports null with every problem when the file is malformed or out of date', () => {
    expect(measuredModule(file('broken.json', '{"schema": 1,'))).toMatchObject({ code: 'export default null\n', problems: [expect.stringMatching(/^not JSON/)] })
    const old = measuredModule(file('old.json', JSON.stringify({ schema: 0, date: '2020-01-01', machine: {}, probes: [] })))
    expect(old.code).toBe('export default null\n')
    expect(old.problems[0]).toMatch(/out of date/)
    expect(old.problems.length).toBeGreaterThan(1)
  })
})
