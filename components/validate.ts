/**
 * Checks for the data that drives the diagrams. Each data module validates
 * itself when it is imported, so bad data fails the build and the tests with a
 * message naming the item, never a silently wrong picture.
 */

export class DiagramDataError extends Error {
  override name = 'DiagramDataError'
}

export interface StepItem {
  label: string
  step: number
}

/** Every item has a label and a whole step from 1 to `maxStep`. */
export function validateSteps(diagram: string, items: readonly StepItem[], maxStep: number): void {
  if (items.length === 0)
    throw new DiagramDataError(`${diagram}: no items to draw.`)
  items.forEach((item, index) => {
    const name = item.label?.trim() ? `"${item.label}"` : `item ${index + 1}`
    if (!item.label?.trim())
      throw new DiagramDataError(`${diagram}: ${name} has no label.`)
    if (!Number.isInteger(item.step) || item.step < 1 || item.step > maxStep)
      throw new DiagramDataError(`${diagram}: ${name} appears at step ${item.step}, outside 1..${maxStep}.`)
  })
}

/** A finite quantity that is zero or more. */
export function validateAmount(diagram: string, label: string, value: number): void {
  if (!Number.isFinite(value) || value < 0)
    throw new DiagramDataError(`${diagram}: "${label}" is ${value}; it must be a number of zero or more.`)
}
