import { builtinModules } from 'node:module'
import antfu from '@antfu/eslint-config'

/** shared/ runs in the browser as well as in Node: the deck imports it too. */
const inBrowserToo = 'shared/ is loaded by the deck in the browser: keep Node out of it'

export default antfu({
  vue: true,
  typescript: true,
  ignores: ['dist', 'exports', 'test-results', 'playwright-report', '.slidev'],
}, {
  name: 'deck/shared-runs-in-the-browser',
  files: ['shared/**'],
  rules: {
    'no-restricted-imports': ['error', {
      paths: [...builtinModules, 'ws'].map(name => ({ name, message: inBrowserToo })),
      patterns: [{ group: ['node:*'], message: inBrowserToo }],
    }],
    'no-restricted-globals': [
      'error',
      // antfu's own two, repeated: this list replaces antfu's for shared/.
      { name: 'global', message: 'Use `globalThis` instead.' },
      { name: 'self', message: 'Use `globalThis` instead.' },
      ...['process', 'Buffer', 'require', '__dirname', '__filename'].map(name => ({ name, message: inBrowserToo })),
    ],
  },
})
