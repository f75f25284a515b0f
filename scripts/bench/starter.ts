/**
 * What `npm run bench` sets up before it measures: the create-slidev starter
 * deck in a folder of its own, built with this repository's packages, and a
 * Chromium that reaches no host but this machine.
 */
import { cpSync, mkdirSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const requireHere = createRequire(import.meta.url)

/** The starter deck `npm create slidev` writes: the `template/` folder of the create-slidev package. */
export const TEMPLATE = join(dirname(requireHere.resolve('create-slidev/package.json')), 'template')

/** Loaded with `node --import` into the starter's Slidev: `typescript` resolves to the TypeScript 6 that @slidev/cli depends on (see typescript-6.mjs). */
export const TYPESCRIPT_HOOK = fileURLToPath(new URL('typescript-6.mjs', import.meta.url))

/** What the browsers resolve: nothing but this machine. */
export const HOST_RULES = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost'

/** Folders of node_modules that are caches, not packages: the starter keeps its own. */
const NOT_PACKAGES = new Set(['.vite', '.cache', '.package-lock.json'])

/**
 * The template copied into folder, with a link per package to `modules` (this
 * repository's node_modules) instead of an install. Returns the folder.
 */
export function prepareStarter(folder: string, modules: string): string {
  cpSync(TEMPLATE, folder, { recursive: true })
  // npm renames .gitignore in published packages; create-slidev renames it back.
  try {
    renameSync(join(folder, '_gitignore'), join(folder, '.gitignore'))
  }
  catch {}
  mkdirSync(join(folder, 'node_modules'))
  // One link per package (not one for the whole folder), so the starter's Vite cache stays in its own folder.
  for (const name of readdirSync(modules)) {
    if (!NOT_PACKAGES.has(name))
      symlinkSync(join(modules, name), join(folder, 'node_modules', name))
  }
  // The links resolve outside the deck's folder; Vite's dev server may serve from there (an install keeps them inside).
  writeFileSync(join(folder, 'vite.config.mjs'), `// Written by npm run bench: lets Vite serve this repository's packages through node_modules links.\nexport default { server: { fs: { allow: ${JSON.stringify([folder, modules])} } } }\n`)
  return folder
}

/** A script at path that runs Chromium with HOST_RULES: `slidev export` takes only a path to a browser. Returns the path. */
export function writeChromiumWrapper(path: string, executable: string): string {
  writeFileSync(path, `#!/bin/sh\nexec ${JSON.stringify(executable)} ${JSON.stringify(HOST_RULES)} "$@"\n`, { mode: 0o755 })
  return path
}
