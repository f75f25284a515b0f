import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import { citedSourcesPlugin } from './scripts/vite/cited-sources.ts'
import { measuredStartup } from './scripts/vite/measured-startup.ts'
import { talkLinksPlugin } from './scripts/vite/talk-links.ts'

export default defineConfig({
  plugins: [vue(), citedSourcesPlugin(), measuredStartup(), talkLinksPlugin()],
  test: {
    include: ['components/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'setup/**/*.test.ts', 'shared/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
  },
})
