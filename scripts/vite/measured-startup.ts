import type { Plugin } from 'vite'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { parseMeasured } from '../../components/measured.ts'

/**
 * `virtual:measured-startup`: the start times `npm run measure` wrote for
 * this machine, checked, or null. The file is `data/measured.json`, or the
 * path in `DECK_MEASURED`. A missing file is normal (the slide shows the
 * cited figures alone); a malformed or out-of-date one is ignored with a
 * warning that names every problem, and never fails the build.
 */

const ID = 'virtual:measured-startup'
const RESOLVED = `\0${ID}`

export const DEFAULT_MEASURED_FILE = 'data/measured.json'

export interface MeasuredModule {
  file: string
  /** The checked result, or null when there is none to show. */
  code: string
  /** Why the file was ignored; empty when it was used or absent. */
  problems: string[]
}

/** The module's source for one file on disk. */
export function measuredModule(file: string): MeasuredModule {
  if (!existsSync(file))
    return { file, code: 'export default null\n', problems: [] }
  const check = parseMeasured(readFileSync(file, 'utf8'))
  if (!check.ok)
    return { file, code: 'export default null\n', problems: check.problems }
  return { file, code: `export default ${JSON.stringify(check.measured)}\n`, problems: [] }
}

/** `root`: where the file's path is from; by default the Vite build's root. */
export function measuredStartup(options: { root?: string } = {}): Plugin {
  let file = ''
  return {
    name: 'deck:measured-startup',
    configResolved(config) {
      file = resolve(options.root ?? config.root, process.env.DECK_MEASURED ?? DEFAULT_MEASURED_FILE)
    },
    resolveId(id) {
      return id === ID ? RESOLVED : undefined
    },
    configureServer(server) {
      // A measurement written while the deck is open shows up without a restart.
      server.watcher.add(file)
      const reload = (changed: string) => {
        if (resolve(changed) !== file)
          return
        const module = server.moduleGraph.getModuleById(RESOLVED)
        if (module)
          server.moduleGraph.invalidateModule(module)
        server.ws.send({ type: 'full-reload' })
      }
      server.watcher.on('add', reload)
      server.watcher.on('change', reload)
      server.watcher.on('unlink', reload)
    },
    load(id) {
      if (id !== RESOLVED)
        return undefined
      const module = measuredModule(file)
      if (module.problems.length > 0) {
        this.warn(`${file} ignored; the startup timeline shows the cited figures only. Run \`npm run measure\` to write it again.\n  - ${module.problems.join('\n  - ')}`)
      }
      return module.code
    },
  }
}
