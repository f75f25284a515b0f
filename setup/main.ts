import { configs } from '@slidev/client/env.ts'
import { slides } from '@slidev/client/logic/slides.ts'
import { defineAppSetup } from '@slidev/types'
import { installSync } from './sync/install'
import { warmSlides } from './warm-slides'

export default defineAppSetup(({ router }) => {
  // The download button fetches the slides PDF that `npm run export` copies
  // into dist/. Slidev resolves `download:` against the current page, which
  // misses from /presenter/N; resolve it against the deck's base instead, so
  // it works under any base path.
  if (typeof configs.download === 'string' && !/^(?:[a-z]+:)?\//i.test(configs.download))
    configs.download = `${import.meta.env.BASE_URL}${configs.download}`

  // Served by `npm run serve`: the audience follows the presenter on their own devices.
  installSync(router)

  // `npm run dev` compiles a slide when it is first imported: do it ahead, while idle. A built deck has
  // its service worker download every file after the first visit instead.
  if (import.meta.env.DEV)
    void router.isReady().then(() => warmSlides(slides.value))
})
