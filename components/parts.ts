/**
 * The talk's five parts, in order: the agenda lists them, a divider slide
 * opens each (its frontmatter says `part: N`, its title is the part's
 * title), and every slide after it shows the part's short name in its corner
 * (`<PlaceMark>`). tests/deck.test.ts checks the dividers against this list.
 */
export interface Part {
  /** 1-based, as the agenda numbers them. */
  no: number
  /** The part's title: the agenda's line and its divider slide's heading. */
  title: string
  /** A few words for the corner of every slide in the part. */
  short: string
}

export const parts: readonly Part[] = [
  { no: 1, title: 'The myth, and the difference in one sentence', short: 'The myth' },
  { no: 2, title: 'Layer by layer: what each one virtualises', short: 'Layer by layer' },
  { no: 3, title: 'What follows: start-up, density, isolation, failures, OS choice', short: 'What follows' },
  { no: 4, title: 'How we run them: pets vs cattle, scaling, debugging', short: 'How we run them' },
  { no: 5, title: 'When to use which, and how they combine', short: 'Which, when' },
]

/** The part a frontmatter's `part:` names, or undefined when it names none. */
export function partByNo(value: unknown): Part | undefined {
  const no = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN
  return parts.find(part => part.no === no)
}

/**
 * The part slide `no` (1-based) belongs to: the last divider at or before it,
 * given each slide's `part:` frontmatter in order. Undefined before the first.
 */
export function partOfSlide(partFields: readonly unknown[], no: number): Part | undefined {
  for (let index = Math.min(no, partFields.length) - 1; index >= 0; index--) {
    const part = partByNo(partFields[index])
    if (part)
      return part
  }
  return undefined
}
