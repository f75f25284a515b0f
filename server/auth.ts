/**
 * Who may drive: the presenter proves the secret to the server. The secret
 * comes from the environment or is generated at start; it is never part of
 * the built deck.
 */
import type { Buffer } from 'node:buffer'
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** The environment variable that holds the presenter's secret. */
export const SECRET_ENV = 'DECK_SECRET'

/** The shortest secret accepted from the environment. */
export const MIN_SECRET_LENGTH = 12

/** The secret from `DECK_SECRET`, or a new random one (24 URL-safe characters, 144 bits). */
export function resolveSecret(env: Record<string, string | undefined>): { secret: string, generated: boolean } {
  const given = env[SECRET_ENV]
  if (given !== undefined && given !== '') {
    if (given.length < MIN_SECRET_LENGTH)
      throw new Error(`${SECRET_ENV} must be at least ${MIN_SECRET_LENGTH} characters long.`)
    return { secret: given, generated: false }
  }
  return { secret: randomBytes(18).toString('base64url'), generated: true }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}

/**
 * Compares a guess with the secret in constant time: both are hashed first,
 * so neither the length nor the first differing character shows in the timing.
 */
export function secretMatches(secret: string, guess: string): boolean {
  return timingSafeEqual(digest(secret), digest(guess))
}

/**
 * Limits failed attempts per client address: after `maxFailures` within
 * `windowMs`, that address is refused until the window has passed, even with
 * the right secret.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    readonly maxFailures = 5,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs
    const times = (this.failures.get(key) ?? []).filter(time => time > cutoff)
    if (times.length === 0)
      this.failures.delete(key)
    else
      this.failures.set(key, times)
    return times
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  blockedFor(key: string): number {
    const times = this.recent(key)
    if (times.length < this.maxFailures)
      return 0
    return times[times.length - this.maxFailures]! + this.windowMs - this.now()
  }

  fail(key: string): void {
    this.failures.set(key, [...this.recent(key), this.now()])
  }

  /** How many addresses have failures on record (the map never outgrows the attackers of one window). */
  get size(): number {
    for (const key of [...this.failures.keys()])
      this.recent(key)
    return this.failures.size
  }
}
