/**
 * Loaded with `node --import` into the starter deck's `slidev build` and
 * `slidev export` by `npm run bench` (scripts/bench/bench.ts). Not used by this deck.
 *
 * A fresh install of the starter has TypeScript 6 (what @slidev/cli depends on)
 * at the top of its node_modules. The bench builds the starter with this
 * repository's node_modules instead, where the top-level TypeScript is this
 * repository's 5.9 and Slidev's own 6 is nested under @slidev/cli. The starter's
 * Twoslash code block needs 6 (Slidev passes `ignoreDeprecations: "6.0"`,
 * which 5.9 refuses with TS5103), and Twoslash resolves `typescript` from the
 * top level. So here every `typescript` import and require resolves to the
 * TypeScript that @slidev/cli itself resolves, as in the starter's own install.
 */
import Module, { createRequire, register } from 'node:module'
import { dirname } from 'node:path'
import { pathToFileURL } from 'node:url'

const cliRequire = createRequire(createRequire(import.meta.url).resolve('@slidev/cli/package.json'))
const typescriptDir = dirname(cliRequire.resolve('typescript/package.json'))

function isTypescript(specifier) {
  return specifier === 'typescript' || specifier.startsWith('typescript/')
}

// require() and require.resolve() (@typescript/vfs finds the lib files this way).
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, isTypescript(request) ? typescriptDir + request.slice('typescript'.length) : request, ...rest)
}

// import (Twoslash imports `typescript` as an ES module).
const parent = JSON.stringify(pathToFileURL(`${typescriptDir}/package.json`).href)
register(`data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' || specifier.startsWith('typescript/'))
    return next(specifier, { ...context, parentURL: ${parent} })
  return next(specifier, context)
}`)}`)
