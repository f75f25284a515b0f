import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { fromSlidevStyles, UNUSED_STYLES } from './unused-styles'

const require = createRequire(import.meta.url)

describe('the stylesheets of features the deck does not use', () => {
  it('are still the ones Slidev\'s client styles import (otherwise the plugin has nothing to do)', () => {
    const styles = readFileSync(require.resolve('@slidev/client/styles/index.ts'), 'utf8')
    for (const source of UNUSED_STYLES)
      expect(styles).toContain(`import '${source}'`)
  })

  it('are emptied only where Slidev\'s client styles import them', () => {
    expect(fromSlidevStyles('/deck/node_modules/@slidev/client/styles/index.ts')).toBe(true)
    expect(fromSlidevStyles('C:\\deck\\node_modules\\@slidev\\client\\styles\\index.ts')).toBe(true)
    expect(fromSlidevStyles('/deck/node_modules/@slidev/client/builtin/ShikiMagicMove.vue')).toBe(false)
    expect(fromSlidevStyles('/deck/styles/index.ts')).toBe(false)
    expect(fromSlidevStyles(undefined)).toBe(false)
  })
})
