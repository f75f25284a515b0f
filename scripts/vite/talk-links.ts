import type { Plugin } from 'vite'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { parseSync } from '@slidev/parser'
import { renderSVG } from 'uqr'
import { applySlot, parseSlot, SLOT_ENV } from '../../components/slot.ts'
import { publicRoot, talkLinks } from '../../components/talk-links.ts'
import { jsonModulePlugin } from './json-module.ts'

/**
 * `virtual:talk-links`: the deck's public address (headmatter `publicUrl`, or
 * `DECK_PUBLIC_URL` when set), its export name, and a QR code for each of
 * the closing slide's links, drawn here at build time by uqr, offline, as SVG
 * markup. Without an address there are no codes. A malformed address fails
 * the build, by name.
 */

export const TALK_LINKS_ID = 'virtual:talk-links'

export interface TalkLinksModule {
  publicUrl: string | null
  exportFilename: string
  /** SVG markup by link id; empty without a public address. */
  qr: Record<string, string>
}

export function talkLinksModule(publicUrl: unknown, exportFilename: string): TalkLinksModule {
  const root = publicRoot(publicUrl)
  const qr = root
    ? Object.fromEntries(talkLinks(root, '/', exportFilename).map(link => [link.id, renderSVG(link.href, { border: 2 })]))
    : {}
  return { publicUrl: root, exportFilename, qr }
}

export function talkLinksPlugin(): Plugin {
  return jsonModulePlugin({
    name: 'deck:talk-links',
    id: TALK_LINKS_ID,
    value: (root, watch) => {
      // The headmatter alone (the first slide's frontmatter): Vite loads this config natively, so no deck loader here.
      const entry = resolve(root, 'slides.md')
      watch(entry)
      const headmatter = { ...parseSync(readFileSync(entry, 'utf8'), entry).slides[0]?.frontmatter }
      // The short edition's handout is `<exportFilename>-short-handout.pdf` (components/slot.ts).
      applySlot(headmatter, parseSlot(process.env[SLOT_ENV]))
      return talkLinksModule(process.env.DECK_PUBLIC_URL || headmatter.publicUrl, String(headmatter.exportFilename ?? 'slides'))
    },
  })
}
