import { defineConfig } from 'vite'
import { measuredStartup } from './scripts/measured-plugin.ts'

// Slidev merges this into its own Vite config.
export default defineConfig({
  plugins: [measuredStartup()],
})
