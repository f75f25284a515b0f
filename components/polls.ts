/**
 * A poll's results as the slide (./Poll.vue) and the hosted panels show them:
 * bars, percentages, the before-and-now comparison, the vote count's label.
 * What a poll is, and its rules, are in shared/polls.ts.
 */

export interface PollBar {
  option: string
  count: number
  /** Of all votes, 0 to 100, rounded. */
  percent: number
}

/** Each option's count and share of the votes (0 % for every option when nobody has voted). */
export function pollBars(options: readonly string[], counts: readonly number[] | undefined): PollBar[] {
  const total = (counts ?? []).reduce((sum, count) => sum + count, 0)
  return options.map((option, index) => {
    const count = counts?.[index] ?? 0
    return { option, count, percent: total === 0 ? 0 : Math.round(count / total * 100) }
  })
}

export const totalVotes = (counts: readonly number[] | undefined): number => (counts ?? []).reduce((sum, count) => sum + count, 0)

export const votesLabel = (votes: number): string => `${votes} ${votes === 1 ? 'vote' : 'votes'}`

export interface ComparisonRow {
  option: string
  before: PollBar
  now: PollBar
  /** Percentage points gained (negative: lost) from before to now. */
  shift: number
}

/** The rows of a before-and-now comparison: each option's share in both polls, and how it moved. */
export function comparison(options: readonly string[], before: readonly number[] | undefined, now: readonly number[] | undefined): ComparisonRow[] {
  const first = pollBars(options, before)
  const second = pollBars(options, now)
  return options.map((option, index) => ({ option, before: first[index]!, now: second[index]!, shift: second[index]!.percent - first[index]!.percent }))
}

/** "+12 pts", "-5 pts", "no change". */
export function shiftLabel(shift: number): string {
  return shift === 0 ? 'no change' : `${shift > 0 ? '+' : '-'}${Math.abs(shift)} pts`
}
