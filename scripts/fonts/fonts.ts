/**
 * `npm run fonts`: the deck's fonts, cut down to the characters an English
 * talk uses, from the Latin files of @fontsource/inter and
 * @fontsource/fira-code. Writes styles/fonts/*.woff2 and styles/fonts.css
 * (both committed; styles/index.ts imports the CSS). The Latin files carry
 * about 230 characters more (Vietnamese and other accented letters, combining
 * marks, more punctuation); the first visit downloads two of these fonts.
 * `npm run fonts -- --check` exits 1 when the committed files differ from what
 * it would write; scripts/fonts/fonts.test.ts runs that check and checks that the
 * deck uses only these characters.
 *
 * Static weights rather than the variable font: Chromium embeds static fonts
 * in PDFs as real fonts, variable ones as Type 3 bitmaps-in-vectors.
 */
import { Buffer } from 'node:buffer'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import subsetFont from 'subset-font'

const require = createRequire(import.meta.url)
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const FONTS_DIR = join(ROOT, 'styles', 'fonts')
export const FONTS_CSS = join(ROOT, 'styles', 'fonts.css')

/** Code point ranges kept: ASCII, Latin-1, and the punctuation and symbols of English typography. */
export const CHARSET: readonly (readonly [number, number])[] = [
  [0x20, 0x7E],
  [0xA0, 0xFF],
  [0x131, 0x131],
  [0x152, 0x153],
  [0x2C6, 0x2C6],
  [0x2DA, 0x2DA],
  [0x2DC, 0x2DC],
  [0x2013, 0x2014],
  [0x2018, 0x201A],
  [0x201C, 0x201E],
  [0x2020, 0x2022],
  [0x2026, 0x2026],
  [0x2030, 0x2030],
  [0x2032, 0x2033],
  [0x2039, 0x203A],
  [0x2044, 0x2044],
  [0x20AC, 0x20AC],
  [0x2122, 0x2122],
  [0x2212, 0x2212],
]

export function inCharset(char: string): boolean {
  const code = char.codePointAt(0)!
  return CHARSET.some(([from, to]) => code >= from && code <= to)
}

export function charsetText(): string {
  return CHARSET.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, index) => String.fromCodePoint(from + index))).join('')
}

/** The CSS unicode-range of CHARSET, so a browser takes any other character from a fallback font. */
export function unicodeRange(): string {
  const hex = (code: number): string => code.toString(16).toUpperCase()
  return CHARSET.map(([from, to]) => from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`).join(', ')
}

export interface Face {
  family: 'Inter' | 'Fira Code'
  weight: 400 | 600 | 700
  style: 'normal' | 'italic'
}

export const FACES: readonly Face[] = [
  { family: 'Inter', weight: 400, style: 'normal' },
  { family: 'Inter', weight: 400, style: 'italic' },
  { family: 'Inter', weight: 600, style: 'normal' },
  { family: 'Inter', weight: 700, style: 'normal' },
  { family: 'Fira Code', weight: 400, style: 'normal' },
]

const slug = (face: Face): string => face.family.toLowerCase().replace(/\s+/g, '-')

/** The fontsource package's Latin file of the face. */
export function sourceFile(face: Face): string {
  return require.resolve(`@fontsource/${slug(face)}/files/${slug(face)}-latin-${face.weight}-${face.style}.woff2`)
}

export function outputName(face: Face): string {
  return `${slug(face)}-${face.weight}${face.style === 'italic' ? '-italic' : ''}.woff2`
}

export function fontsCss(): string {
  const rules = FACES.map(face => [
    '@font-face {',
    `  font-family: '${face.family}';`,
    `  font-style: ${face.style};`,
    `  font-weight: ${face.weight};`,
    '  font-display: swap;',
    `  src: url('./fonts/${outputName(face)}') format('woff2');`,
    `  unicode-range: ${unicodeRange()};`,
    '}',
  ].join('\n'))
  return `/* Written by npm run fonts (scripts/fonts/fonts.ts): Inter and Fira Code cut down to English text; their licences are in fonts/. */\n${rules.join('\n')}\n`
}

export async function subsetFace(face: Face): Promise<Buffer> {
  return subsetFont(readFileSync(sourceFile(face)), charsetText(), { targetFormat: 'woff2' })
}

/** Each file the fonts consist of, with the content it should have. */
export async function fontFiles(): Promise<{ path: string, content: Buffer }[]> {
  const files = await Promise.all(FACES.map(async face => ({ path: join(FONTS_DIR, outputName(face)), content: await subsetFace(face) })))
  return [...files, { path: FONTS_CSS, content: Buffer.from(fontsCss()) }]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check')
  const stale: string[] = []
  for (const file of await fontFiles()) {
    let current: Buffer | undefined
    try {
      current = readFileSync(file.path)
    }
    catch {}
    if (current?.equals(file.content))
      continue
    if (check)
      stale.push(file.path)
    else
      writeFileSync(file.path, file.content)
  }
  if (check && stale.length > 0) {
    process.stderr.write(`Out of date (run npm run fonts): ${stale.join(', ')}\n`)
    process.exit(1)
  }
  process.stdout.write(check ? 'The fonts are up to date.\n' : `Wrote ${FACES.length} fonts and ${FONTS_CSS}\n`)
}
