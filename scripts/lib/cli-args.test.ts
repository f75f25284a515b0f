import { describe, expect, it } from 'vitest'
import { optionValue, readOptions, whole } from './cli-args'

describe('optionValue', () => {
  it('reads `--name VALUE` and `--name=VALUE` under any of its names, undefined when absent', () => {
    expect(optionValue(['build', '--out', 'site'], ['--out', '-o'])).toBe('site')
    expect(optionValue(['-o', 'site', '--without-notes'], ['--out', '-o'])).toBe('site')
    expect(optionValue(['--out=site/x'], ['--out', '-o'])).toBe('site/x')
    expect(optionValue(['--outside', 'x', '--without-notes'], ['--out', '-o'])).toBeUndefined()
    expect(optionValue(['--out'], ['--out'])).toBeUndefined()
  })
})

describe('whole', () => {
  it('reads a whole number in range, the fallback when absent, and refuses anything else', () => {
    expect(whole('runs', undefined, 3, 1)).toBe(3)
    expect(whole('runs', '5', 3, 1, 10)).toBe(5)
    expect(() => whole('runs', '0', 3, 1)).toThrow(/--runs must be a whole number from 1/)
    expect(() => whole('runs', '2.5', 3, 1)).toThrow()
    expect(() => whole('runs', '11', 3, 1, 10)).toThrow()
  })
})

describe('readOptions', () => {
  it('reads values and flags by name, undefined when absent, and help', () => {
    expect(readOptions(['--runs', '3', '--quick'], ['runs', 'out'], ['quick'])).toEqual({ runs: '3', quick: true })
    expect(readOptions(['--out=x.json'], ['runs', 'out'])).toEqual({ out: 'x.json' })
    expect(readOptions(['--help', '--runs', '3'], ['runs'])).toBe('help')
  })

  it('refuses an unknown option, a value for a flag and a positional argument', () => {
    expect(() => readOptions(['--nope'], ['runs'])).toThrow()
    expect(() => readOptions(['--quick=yes'], [], ['quick'])).toThrow()
    expect(() => readOptions(['extra'], ['runs'])).toThrow()
  })
})
