/**
 * Work after the slide is on screen goes in short tasks:
 * between two, the browser paints, and handles a tap or a key. A phone runs
 * script about four times slower than a laptop, so a step that takes a
 * laptop 15 ms holds a phone's main thread for a long task (50 ms and more).
 */

/** Resolves in a later task of its own: what follows an `await nextTask()` runs after the browser's turn. */
export function nextTask(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 0))
}
