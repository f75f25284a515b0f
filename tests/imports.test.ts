import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * No import circle in the project's own sources: a module never imports,
 * through any chain (dynamic imports included), a module that imports it. The
 * layers themselves (which folder may import which) are eslint.config.js's.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const FOLDERS = ['components', 'setup', 'shared', 'server', 'scripts']
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g
/** A type-only import or export: gone once compiled, it loads nothing. */
const TYPE_ONLY = /^(?:import|export) type\b[^']*'[^']+'\s*$/gm

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      return entry.name === 'node_modules' ? [] : sources(path)
    return /\.(?:ts|vue)$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [path] : []
  })
}

function target(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier)
  return [base, `${base}.ts`, `${base}.vue`, join(base, 'index.ts')].find(path => /\.(?:ts|vue)$/.test(path) && existsSync(path))
}

/** Each circle, as the files around it, relative to the project. */
function importCircles(files: readonly string[]): string[][] {
  const edges = new Map(files.map(file => [file, [...readFileSync(file, 'utf8').replace(TYPE_ONLY, '').matchAll(SPECIFIER)].map(match => target(file, match[1]!)).filter((path): path is string => path !== undefined)]))
  const circles: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string): void => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open')
        circles.push([...stack.slice(stack.indexOf(next)), next].map(path => relative(ROOT, path)))
      else if (!state.has(next))
        visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of edges.keys()) {
    if (!state.has(file))
      visit(file)
  }
  return circles
}

describe('the project\'s imports', () => {
  it('make no circle', () => {
    expect(importCircles(FOLDERS.flatMap(folder => sources(join(ROOT, folder))))).toEqual([])
  })
})
