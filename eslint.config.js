import { builtinModules } from 'node:module'
import antfu from '@antfu/eslint-config'

/** shared/ runs in the browser as well as in Node: the deck imports it too. */
const inBrowserToo = 'shared/ is loaded by the deck in the browser: keep Node out of it'

/**
 * The layers, each importing only from those below it: shared/ (what the deck
 * and the server both read) under everything; the server beside the deck
 * (components/, setup/), never reading it; the build's scripts/ over all.
 */
function layer(from, forbidden, why) {
  return { regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`, message: `${from} ${why}` }
}
const outOfShared = layer('shared/', ['components', 'setup', 'server', 'scripts', 'tests'], 'is read by both the deck and the server: it imports nothing of either')

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
      patterns: [{ group: ['node:*'], message: inBrowserToo }, outOfShared],
    }],
    'no-restricted-globals': [
      'error',
      // antfu's own two, repeated: this list replaces antfu's for shared/.
      { name: 'global', message: 'Use `globalThis` instead.' },
      { name: 'self', message: 'Use `globalThis` instead.' },
      ...['process', 'Buffer', 'require', '__dirname', '__filename'].map(name => ({ name, message: inBrowserToo })),
    ],
  },
}, {
  name: 'deck/server-reads-no-deck',
  files: ['server/**'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [layer('server/', ['components', 'setup', 'scripts'], 'runs without the deck\'s sources: what it shares with the deck goes in shared/, build steps in scripts/')],
    }],
  },
}, {
  name: 'deck/setup-reads-no-server',
  files: ['setup/**'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [layer('The deck', ['server'], 'runs in the browser: what it shares with the server goes in shared/')],
    }],
  },
}, {
  name: 'deck/components-read-no-setup',
  files: ['components/**'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [layer('components/', ['server', 'setup'], 'are the slides\' parts, also rendered by the reader edition: they read no app setup (setup/ provides to them instead)')],
    }],
  },
})
