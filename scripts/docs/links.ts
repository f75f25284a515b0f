/**
 * The documentation's links, checked without a network: every relative link
 * (inline, reference-style or an HTML `src`/`href`) in README.md and
 * docs/*.md must name a file that exists, and every `#anchor`
 * one that a heading of that file produces, as GitHub makes them
 * (github-slugger's rules: the heading's text, lower-cased, without
 * punctuation, spaces as hyphens, a repeated one numbered -1, -2, …).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

/** A heading's anchor as GitHub makes it from its text (before numbering repeats). */
export function slug(heading: string): string {
  const text = heading
    // Inline markup shows its text only: code, links, images, emphasis.
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[*_~]{1,3}([^*_~\s][^*_~]*)[*_~]{1,3}/g, '$1')
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-')
}

/** Markdown without its fenced code blocks and code spans, where nothing is a link or a heading. */
function prose(markdown: string): string[] {
  const lines: string[] = []
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (/^\s*(?:```|~~~)/.test(line)) {
      fenced = !fenced
      lines.push('')
      continue
    }
    lines.push(fenced ? '' : line.replace(/`[^`]*`/g, ''))
  }
  return lines
}

/** Every anchor the file's headings produce, repeats numbered as GitHub numbers them. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const line of prose(markdown)) {
    const marked = /^#{1,6} (.*)$/.exec(line)?.[1]
    if (marked === undefined)
      continue
    // A closing run of #s is no part of the heading.
    const heading = marked.replace(/ #+ *$/, '').trim()
    const base = slug(heading)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    result.add(count === 0 ? base : `${base}-${count}`)
  }
  return result
}

export interface Link { line: number, target: string }

/** Where a line links to: inline links and images, reference definitions (`[id]: path`), and HTML `src` and `href`. */
const LINK_FORMS = [
  /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
  /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/g,
  /<(?:a|img|source)\s[^>]*?\b(?:href|src)\s*=\s*"([^"]+)"/gi,
]

/** The links of a markdown file that stay in the repository: relative paths and anchors (not http:, mailto: or the like). */
export function relativeLinks(markdown: string): Link[] {
  const links: Link[] = []
  prose(markdown).forEach((text, index) => {
    const found = LINK_FORMS.flatMap(form => [...text.matchAll(form)]).sort((a, b) => a.index - b.index)
    for (const match of found) {
      const target = match[1]!
      if (!/^[a-z][\w+.-]*:/i.test(target) && !target.startsWith('//'))
        links.push({ line: index + 1, target })
    }
  })
  return links
}

/** What is wrong with the links of `file` (under `root`): one line each, none when every one holds. */
export function brokenLinks(file: string, root: string): string[] {
  const markdown = readFileSync(file, 'utf8')
  const problems: string[] = []
  for (const { line, target } of relativeLinks(markdown)) {
    const [path, anchor] = target.split('#', 2) as [string, string | undefined]
    const where = `${relative(root, file)}:${line}`
    const targetFile = path === '' ? file : join(dirname(file), decodeURIComponent(path))
    if (!existsSync(targetFile)) {
      problems.push(`${where}: ${target}: no file ${relative(root, targetFile)}`)
      continue
    }
    if (anchor !== undefined && targetFile.endsWith('.md') && !anchors(readFileSync(targetFile, 'utf8')).has(decodeURIComponent(anchor)))
      problems.push(`${where}: ${target}: no heading in ${relative(root, targetFile)} makes #${anchor}`)
  }
  return problems
}
