import type { Plugin, ViteDevServer } from 'vite'
import type { Slot } from '../../components/slot.ts'
import { resolve } from 'node:path'
import process from 'node:process'
import { normalizePath } from 'vite'
import { parseSlot, SLOT_ENV, SLOTS } from '../../components/slot.ts'
import { useSlot } from '../lib/slot.ts'
import { DECK_CITED_ID } from './cited-sources.ts'
import { DECK_EDITION_ID } from './deck-edition.ts'
import { TALK_LINKS_ID } from './talk-links.ts'

/**
 * `?slot=short` on a page of `npm run dev` switches the dev server to the
 * short edition, `?slot=full` back (components/slot.ts): the server's
 * `DECK_SLOT` changes, then Slidev loads the deck again as on an edit of
 * slides.md (its preparser, setup/preparser.ts, reads the slot as it loads
 * every file), the virtual modules that follow the slot are reloaded, and
 * only then is the page served, so it opens on the slot's deck. Slidev's hot
 * update carries the change to the other open tabs. The slot stays until the
 * next `?slot=` or a restart.
 */

/** The virtual modules that read the slot: the cited sources, the closing slide's links, the edition stamp. */
export const SLOT_MODULES = [DECK_CITED_ID, TALK_LINKS_ID, DECK_EDITION_ID] as const

/** How long a switch waits for Slidev's reload before serving the page anyway. */
const RELOAD_LIMIT_MS = 30_000

/** The slot a page request asks for with `?slot=NAME`; undefined for any other request or name. */
export function requestedSlot(method: string | undefined, url: string | undefined, accept: string | undefined): Slot | undefined {
  if (method !== 'GET' || !url || !accept?.includes('text/html'))
    return undefined
  const name = new URL(url, 'http://localhost').searchParams.get('slot')
  return name !== null && (SLOTS as readonly string[]).includes(name) ? parseSlot(name) : undefined
}

/** The slot the dev server serves now. */
export function currentSlot(env: Record<string, string | undefined> = process.env): Slot {
  return parseSlot(env[SLOT_ENV])
}

export function slotSwitch(): Plugin {
  let entry = ''
  /** Called once Slidev has loaded the deck again for a switch. */
  let reloaded: (() => void) | undefined
  /** Switches one after the other. */
  let queue = Promise.resolve()

  async function switchTo(server: ViteDevServer, slot: Slot): Promise<void> {
    if (currentSlot() === slot)
      return
    useSlot(slot, process.env)
    // Slidev's dev server logs warnings only: the switch is printed as Slidev prints its restarts.
    process.stdout.write(`\n  Slot: the ${slot} edition now (?slot=${slot}); ?slot=${slot === 'full' ? 'short' : 'full'} switches back.\n\n`)
    let timer: NodeJS.Timeout | undefined
    await new Promise<void>((done) => {
      reloaded = done
      timer = setTimeout(() => {
        server.config.logger.warn(`  Slot: Slidev did not load the deck again within ${RELOAD_LIMIT_MS / 1000} s; serving the page as it is.`, { timestamp: true })
        done()
      }, RELOAD_LIMIT_MS)
      // As if slides.md had changed: Slidev reads slides.md and pages/*.md again (this plugin's handleHotUpdate below follows).
      server.watcher.emit('change', entry)
    })
    clearTimeout(timer)
    reloaded = undefined
  }

  return {
    name: 'deck:slot-switch',
    apply: 'serve',
    configResolved(config) {
      entry = normalizePath(resolve(config.root, 'slides.md'))
    },
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const slot = requestedSlot(req.method, req.url, req.headers.accept)
        if (!slot)
          return next()
        queue = queue.then(() => switchTo(server, slot))
        queue.then(() => next(), next)
      })
    },
    // After Slidev's own (its loader is `enforce: 'pre'`): the deck is loaded again, its modules updated.
    handleHotUpdate(context) {
      if (context.file !== entry)
        return undefined
      const graph = context.server.moduleGraph
      const slotModules = SLOT_MODULES.flatMap(id => graph.getModuleById(`\0${id}`) ?? [])
      const modules = [...context.modules, ...slotModules]
      // Before the page a switch holds is served, not only when the hot update goes out.
      for (const module of modules)
        graph.invalidateModule(module)
      reloaded?.()
      return modules
    },
  }
}
