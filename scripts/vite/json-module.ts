import type { Plugin } from 'vite'
import process from 'node:process'

/**
 * A virtual module whose default export is a value worked out at build (or
 * dev) time, as JSON: `import value from 'virtual:NAME'`. The deck's
 * virtual modules (./cited-sources.ts, ./talk-links.ts, ./deck-edition.ts)
 * are each one of these; `value` is given the project's root and a way to
 * watch the files it reads (the module is loaded again when one changes).
 */
export interface JsonModule {
  /** The plugin's name, `deck:…`. */
  name: string
  /** The module's id, `virtual:…`. */
  id: string
  value: (root: string, watch: (file: string) => void) => unknown
}

export function jsonModulePlugin(module: JsonModule): Plugin {
  const resolved = `\0${module.id}`
  let root = process.cwd()
  return {
    name: module.name,
    configResolved(config) {
      root = config.root
    },
    resolveId(id) {
      return id === module.id ? resolved : undefined
    },
    async load(id) {
      if (id !== resolved)
        return undefined
      return `export default ${JSON.stringify(await module.value(root, file => this.addWatchFile(file)))}\n`
    },
  }
}
