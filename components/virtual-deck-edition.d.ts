declare module 'virtual:deck-edition' {
  /** The deck's edition (scripts/vite/deck-edition.ts). */
  const edition: import('./edition').Edition
  export default edition
}
