import { configs } from '@slidev/client/env.ts'
import { defineAppSetup } from '@slidev/types'

// The download button fetches the slides PDF that `npm run export` copies
// into dist/. Slidev resolves `download:` against the current page, which
// misses from /presenter/N; resolve it against the deck's base instead, so
// it works under any base path.
export default defineAppSetup(() => {
  if (typeof configs.download === 'string' && !/^(?:[a-z]+:)?\//i.test(configs.download))
    configs.download = `${import.meta.env.BASE_URL}${configs.download}`
})
