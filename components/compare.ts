/** The container column of `<Compare>` appears on this click. */
export const CONTAINERS_COLUMN_STEP = 1
export const COMPARE_CLICKS = CONTAINERS_COLUMN_STEP

/** Captions longer than this would wrap above the title on paper: a long column is named by its first point. */
const CAPTION_MAX = 80

/** A column's points as one sentence: "Virtual machines: long-lived; patched in place." */
function columnSentence(title: string, points: readonly string[]): string {
  const lower = (point: string) => point.charAt(0).toLowerCase() + point.slice(1)
  const all = `${title}: ${points.map(lower).join('; ').replace(/[.!?]$/, '')}.`
  if (all.length <= CAPTION_MAX || points.length < 2)
    return all
  const more = points.length - 1
  return `${title}: ${lower(points[0]!).replace(/[.!?]$/, '')}, and ${more} more point${more === 1 ? '' : 's'}.`
}

/** What each step of a comparison shows, in words (components/StepCaptions.vue): the VM column, then the containers'. */
export function compareCaptions(vmTitle: string, vm: readonly string[], containersTitle: string, containers: readonly string[]): string[] {
  return [columnSentence(vmTitle, vm), columnSentence(containersTitle, containers)]
}
