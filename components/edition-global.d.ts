import type { Edition } from './edition'

declare global {
  /** The deck's edition, defined by vite.config.ts (components/edition.ts). */
  const __TALK_EDITION__: Edition
}
