/** The container column of `<Compare>` appears on this click. */
export const CONTAINERS_COLUMN_STEP = 1
export const COMPARE_CLICKS = CONTAINERS_COLUMN_STEP

/** A column's points as one sentence: "Virtual machines: long-lived, patched in place." */
function columnSentence(title: string, points: readonly string[]): string {
  const listed = points.map((point, index) => index === 0 ? point : point.charAt(0).toLowerCase() + point.slice(1)).join('; ')
  return `${title}: ${listed.replace(/[.!?]$/, '')}.`
}

/** What each step of a comparison shows, in words (components/StepCaptions.vue): the VM column, then the containers'. */
export function compareCaptions(vmTitle: string, vm: readonly string[], containersTitle: string, containers: readonly string[]): string[] {
  return [columnSentence(vmTitle, vm), columnSentence(containersTitle, containers)]
}
