/**
 * Coalesces changes before they go to every deck: the first change after a
 * quiet spell goes out at once; changes during the next `windowMs` are held,
 * the latest per key, and go out together when it ends (and start another
 * window). A quiet room sees each vote or question at once; a room voting at
 * once sees the results a few times a second, instead of one message per vote
 * to every deck (1,000 votes to 1,000 decks would be a million messages).
 */
export class Coalescer<K, V> {
  private readonly pending = new Map<K, V>()
  private timer: ReturnType<typeof setTimeout> | undefined

  /** `merge` combines a held value with a newer one for the same key (by default the newer wins). */
  constructor(private readonly windowMs: number, private readonly flush: (changes: Map<K, V>) => void, private readonly merge: (held: V, next: V) => V = (_held, next) => next) {}

  add(key: K, value: V): void {
    const held = this.pending.get(key)
    this.pending.set(key, held === undefined ? value : this.merge(held, value))
    if (!this.timer)
      this.release()
  }

  /** Sends what is held now, and starts a window. */
  private release(): void {
    if (this.pending.size === 0) {
      this.timer = undefined
      return
    }
    const changes = new Map(this.pending)
    this.pending.clear()
    this.timer = setTimeout(() => this.release(), this.windowMs)
    this.timer.unref?.()
    this.flush(changes)
  }

  /** Sends what is held at once (a poll closed: every deck should know now). */
  flushNow(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.release()
  }

  close(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.pending.clear()
  }
}
