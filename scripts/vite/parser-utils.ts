import type { Plugin } from 'vite'

/**
 * Slidev 52.20's client imports `parseRangeString` from `@slidev/parser/core`
 * (logic/utils.ts), which also holds the markdown parser and imports the whole
 * `yaml` package: about 30 kB gzipped on every first visit, for a function
 * that core only re-exports from `@slidev/parser/utils`. For imports from the
 * client, this resolves `@slidev/parser/core` to `@slidev/parser/utils`
 * instead; scripts/vite/parser-utils.test.ts checks that utils still has every
 * name the client takes from core. The node side (Slidev's CLI) is untouched.
 */
export function fromSlidevClient(importer: string | undefined): boolean {
  return importer !== undefined && /[\\/]@slidev[\\/]client[\\/]/.test(importer)
}

export function slidevParserUtils(): Plugin {
  return {
    name: 'deck:slidev-parser-utils',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source !== '@slidev/parser/core' || !fromSlidevClient(importer))
        return null
      return this.resolve('@slidev/parser/utils', importer, { ...options, skipSelf: true })
    },
  }
}
