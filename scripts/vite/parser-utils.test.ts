import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import * as utils from '@slidev/parser/utils'
import { describe, expect, it } from 'vitest'
import { fromSlidevClient } from './parser-utils'

const require = createRequire(import.meta.url)
const CLIENT = dirname(require.resolve('@slidev/client/package.json'))

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory())
      return entry.name === 'node_modules' ? [] : sources(path)
    return /\.(?:ts|vue)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

describe('@slidev/parser/core in the client resolves to @slidev/parser/utils', () => {
  it('applies to the client\'s files only', () => {
    expect(fromSlidevClient('/deck/node_modules/@slidev/client/logic/utils.ts')).toBe(true)
    expect(fromSlidevClient('C:\\deck\\node_modules\\@slidev\\client\\logic\\utils.ts')).toBe(true)
    expect(fromSlidevClient('/deck/node_modules/@slidev/cli/dist/serve.mjs')).toBe(false)
    expect(fromSlidevClient('/deck/setup/main.ts')).toBe(false)
    expect(fromSlidevClient(undefined)).toBe(false)
  })

  it('gives the client every name it imports from core', () => {
    const imported = sources(CLIENT).flatMap((file) => {
      const code = readFileSync(file, 'utf8')
      return [...code.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+['"]@slidev\/parser\/core['"]/g)]
        .filter(match => !match[1])
        .flatMap(match => match[2]!.split(',').map(name => name.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!).filter(Boolean))
        .map(name => ({ file: relative(CLIENT, file), name }))
    })
    // The import this is for; if Slidev drops it, the plugin can go.
    expect(imported).toContainEqual({ file: 'logic/utils.ts', name: 'parseRangeString' })
    const missing = imported.filter(({ name }) => !(name in utils))
    expect(missing).toEqual([])
    // Nothing imports core in another way (a namespace or default import) that the check above would miss.
    const other = sources(CLIENT).filter(file => /import\s+(?:\*\s+as\s+)?\w+\s+from\s+['"]@slidev\/parser\/core['"]/.test(readFileSync(file, 'utf8')))
    expect(other).toEqual([])
  })
})
