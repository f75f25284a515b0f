import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { charsetText, FACES, fontFiles, fontsCss, inCharset, outputName, sourceFile, unicodeRange } from './fonts'

describe('the deck\'s fonts', () => {
  it('are committed as npm run fonts writes them from the installed fontsource packages', async () => {
    const stale = (await fontFiles()).filter(file => !readFileSync(file.path).equals(file.content)).map(file => file.path)
    expect(stale, 'run npm run fonts').toEqual([])
  }, 60_000)

  it('are smaller than the Latin files they are cut from', async () => {
    const files = await fontFiles()
    for (const face of FACES) {
      const file = files.find(candidate => candidate.path.endsWith(`/${outputName(face)}`))!
      expect(file.content.subarray(0, 4).toString(), outputName(face)).toBe('wOF2')
      expect(file.content.byteLength).toBeLessThan(readFileSync(sourceFile(face)).byteLength)
    }
  }, 60_000)

  it('keep English text and typography, and nothing from other scripts', () => {
    for (const char of [...'AaZz09 éüñßŒ–—‘’“”…•€™−'])
      expect(inCharset(char), char).toBe(true)
    for (const char of [...'őąЖΩ→≤中'])
      expect(inCharset(char), char).toBe(false)
    expect(charsetText()).toContain('x')
    expect(unicodeRange()).toMatch(/^U\+20-7E, U\+A0-FF, /)
  })

  it('declare each face with its unicode-range, so other characters come from a fallback font', () => {
    const css = fontsCss()
    expect(css.match(/@font-face/g)).toHaveLength(FACES.length)
    expect(css.match(/unicode-range: U\+20-7E/g)).toHaveLength(FACES.length)
    expect(css).toContain(`src: url('./fonts/inter-700.woff2') format('woff2');`)
  })
})
