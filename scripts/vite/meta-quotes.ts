import type { Plugin } from 'vite'

/**
 * Slidev 52.20 writes the description, author and keywords meta tags as JSON
 * strings inside the attribute (`content="&quot;Chapter 9…&quot;"`), so search
 * results and link previews show the quotes. This strips the one pair of
 * quotes around the whole value and leaves every other attribute alone.
 */
export function unquoteMeta(html: string): string {
  return html.replace(/(<meta\s+(?:name|property)="(?:description|author|keywords|og:description)"\s+content=")&quot;((?:(?!&quot;").)*)&quot;"/g, '$1$2"')
}

export function metaQuotes(): Plugin {
  return {
    name: 'deck:meta-quotes',
    transformIndexHtml: { order: 'post', handler: unquoteMeta },
  }
}
