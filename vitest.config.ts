import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['components/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
  },
})
