/**
 * What every stored event has, whether a question's (./questions.ts) or a
 * poll's (./polls.ts): a JSON object, with the time it happened in `at`.
 */

/** A stored time: an ISO date string of at most 40 characters that parses. */
export function isEventTime(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value))
}

/** The stored value as an object of fields, or undefined when it is not a plain JSON object. */
export function eventFields(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined
}
