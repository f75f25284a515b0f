declare module 'virtual:deck-cited' {
  /** The sources the short edition's slides cite; null in the full edition (scripts/vite/cited-sources.ts). */
  const cited: import('./sources').SourceId[] | null
  export default cited
}
