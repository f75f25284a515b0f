import { configs } from '@slidev/client/env.ts'
import { slides } from '@slidev/client/logic/slides.ts'
import { defineAppSetup } from '@slidev/types'
import { preloadNeighbours, slideNoOf } from './preload-neighbours'
import { installSync } from './sync/install'

export default defineAppSetup(({ router }) => {
  // The download button fetches the slides PDF that `npm run export` copies
  // into dist/. Slidev resolves `download:` against the current page, which
  // misses from /presenter/N; resolve it against the deck's base instead, so
  // it works under any base path.
  if (typeof configs.download === 'string' && !/^(?:[a-z]+:)?\//i.test(configs.download))
    configs.download = `${import.meta.env.BASE_URL}${configs.download}`

  // Served by `npm run serve`: the audience follows the presenter on their own devices.
  installSync(router)

  // The slides on either side of the one shown, mounted ahead as Slidev would (slides.md turns its own
  // preloading off, which would also mount every slide at once three seconds after load).
  router.afterEach(to => void preloadNeighbours(slides.value, slideNoOf(to)))
})
