declare module 'virtual:talk-links' {
  /** The deck's public address and the closing slide's QR codes (scripts/vite/talk-links.ts). */
  const links: {
    publicUrl: string | null
    exportFilename: string
    /** SVG markup by link id ('reader', 'handout'); empty without a public address. */
    qr: Record<string, string>
  }
  export default links
}
