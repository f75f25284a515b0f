/**
 * On a phone the reader edition fits each slide to a narrower canvas
 * (client.ts), and finding out whether a slide's content fits means laying it
 * out, every click step of it. So a slide is fitted as it comes near the
 * screen, when the browser lays it out anyway (reader.css skips the slides off
 * screen), rather than the whole deck as the page loads.
 */

export interface NearScreen<Slide> {
  slide: Slide
  /** Whether the slide is now within reach of the screen (false: it left). */
  near: boolean
}

/** Which slides are fitted to the screen, and which are near it. */
export class SlideFitting<Slide> {
  private readonly fitted = new Set<Slide>()
  private readonly near = new Set<Slide>()

  constructor(private readonly fit: (slide: Slide) => void) {}

  /** What an IntersectionObserver reports: the slides that came near the screen are fitted, once. */
  update(changes: Iterable<NearScreen<Slide>>): void {
    for (const { slide, near } of changes) {
      if (!near) {
        this.near.delete(slide)
        continue
      }
      this.near.add(slide)
      if (!this.fitted.has(slide)) {
        this.fit(slide)
        this.fitted.add(slide)
      }
    }
  }

  /** The screen changed: the slides near it are fitted again now, the others when they come near. */
  refit(): void {
    this.fitted.clear()
    this.update([...this.near].map(slide => ({ slide, near: true })))
  }
}
