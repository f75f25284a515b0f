// The part of subset-font 2.9 that scripts/fonts/fonts.ts uses (the package ships no types).
declare module 'subset-font' {
  import type { Buffer } from 'node:buffer'

  export default function subsetFont(font: Buffer, text: string, options?: { targetFormat?: 'woff2' | 'woff' | 'truetype' | 'sfnt' }): Promise<Buffer>
}
