/**
 * The server's two small tools against a flood: a token bucket (so many a
 * second, with a burst), kept per client address where needed, and a log that
 * writes at most one line per kind in a window and then how many it held back.
 */

/** Loopback: this machine (the presenter's laptop, a local benchmark, a proxy on the same host without --trust-proxy). */
export function isLoopback(address: string): boolean {
  return address === '::1' || /^(?:::ffff:)?127\./.test(address)
}

/** `capacity` tokens, refilled at `perSecond`; each `take` spends one. */
export class TokenBucket {
  private tokens: number
  private refilledAt: number

  constructor(readonly capacity: number, readonly perSecond: number, private readonly now: () => number = Date.now) {
    this.tokens = capacity
    this.refilledAt = now()
  }

  private refill(): void {
    const now = this.now()
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.perSecond / 1000)
    this.refilledAt = now
  }

  /** Milliseconds until a token is there; 0 when there is one now. */
  waitMs(): number {
    this.refill()
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * 1000 / this.perSecond)
  }

  /** Spends a token and returns 0, or returns the milliseconds until one is there (and spends nothing). */
  take(): number {
    const wait = this.waitMs()
    if (wait === 0)
      this.tokens -= 1
    return wait
  }

  /** Whether it is back to full: a full bucket holds nothing worth keeping. */
  get full(): boolean {
    this.refill()
    return this.tokens >= this.capacity
  }
}

/** One bucket per key (a client address), created on first use; `prune` forgets the full ones. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(readonly capacity: number, readonly perSecond: number, private readonly now: () => number = Date.now) {}

  get(key: string): TokenBucket {
    let bucket = this.buckets.get(key)
    if (!bucket) {
      bucket = new TokenBucket(this.capacity, this.perSecond, this.now)
      this.buckets.set(key, bucket)
    }
    return bucket
  }

  /** Forgets every bucket that has refilled, so the map holds only recent senders. */
  prune(): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.full)
        this.buckets.delete(key)
    }
  }

  get size(): number {
    return this.buckets.size
  }
}

/**
 * Writes the first line of each kind, then holds back the others of that kind
 * for `windowMs` and writes one line with how many it held back: a script that
 * sends thousands of bad messages a second costs two lines per window.
 */
export class ThrottledLog {
  private readonly windows = new Map<string, { held: number, timer: ReturnType<typeof setTimeout> }>()

  constructor(private readonly write: (line: string) => void, readonly windowMs = 10_000) {}

  line(kind: string, text: string): void {
    const window = this.windows.get(kind)
    if (window) {
      window.held++
      return
    }
    this.write(text)
    const timer = setTimeout(() => this.flush(kind), this.windowMs)
    timer.unref?.()
    this.windows.set(kind, { held: 0, timer })
  }

  private flush(kind: string): void {
    const window = this.windows.get(kind)
    if (!window)
      return
    clearTimeout(window.timer)
    this.windows.delete(kind)
    if (window.held > 0)
      this.write(`${kind}: ${window.held} more in the last ${Math.round(this.windowMs / 1000)} s, not logged one by one`)
  }

  /** Writes what is held back now (at shutdown). */
  close(): void {
    for (const kind of [...this.windows.keys()])
      this.flush(kind)
  }
}
