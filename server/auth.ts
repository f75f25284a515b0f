/**
 * Who may drive: the presenter proves the secret to the server. The secret
 * comes from the environment or is generated at start; it is never part of
 * the built deck.
 */
import type { Buffer } from 'node:buffer'
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { MAX_SECRET_LENGTH } from '../shared/sync-protocol'
import { KeyedBuckets, takeAll, TokenBucket } from './limits'

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
    // What the presenter view and the export can carry, so the right secret is always accepted by both.
    if (given.length > MAX_SECRET_LENGTH)
      throw new Error(`${SECRET_ENV} must be at most ${MAX_SECRET_LENGTH} characters long: the presenter view sends no longer one.`)
    if (given.trim() !== given)
      throw new Error(`${SECRET_ENV} must not begin or end with white space: an HTTP header (the export's) loses it.`)
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    if (/[\u0000-\u001F\u007F]/.test(given))
      throw new Error(`${SECRET_ENV} must not hold control characters (a line break, a tab): an HTTP header cannot carry them.`)
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

export interface GuessLimits {
  /** Wrong secrets one address may send in a burst, and then per second. */
  perAddress?: { burst: number, perSecond: number }
  /** Wrong secrets the whole server answers in a burst, and then per second. */
  global?: { burst: number, perSecond: number }
}

/** 5 from one address, then one every 12 s (5 a minute); 10 for the whole server, then one a second. */
export const DEFAULT_GUESS_LIMITS: Required<GuessLimits> = {
  perAddress: { burst: 5, perSecond: 1 / 12 },
  global: { burst: 10, perSecond: 1 },
}

/**
 * Limits wrong secrets, per client address and for the whole server. It only
 * ever sees wrong ones: the hub compares a secret first and accepts the right
 * one whatever the limits say, so no flood of wrong guesses, from one address
 * or many, can lock the presenter out. A wrong guess within both limits is
 * counted (and answered "wrong"); beyond either it is not counted, and the
 * hub answers "limited" with the time until the limits allow another.
 */
export class GuessLimiter {
  private readonly global: TokenBucket
  private readonly perAddress: KeyedBuckets

  constructor(limits: GuessLimits = {}, now: () => number = Date.now) {
    const { perAddress, global } = { ...DEFAULT_GUESS_LIMITS, ...limits }
    this.global = new TokenBucket(global.burst, global.perSecond, now)
    this.perAddress = new KeyedBuckets(perAddress.burst, perAddress.perSecond, now)
  }

  /** Counts a wrong guess from `address`: 0 when the limits allowed it, else milliseconds until they allow the next. */
  fail(address: string): number {
    return takeAll([['address', this.perAddress.get(address)], ['global', this.global]])?.wait ?? 0
  }

  /** How many addresses have wrong guesses on record; forgets those whose limit has refilled. */
  get size(): number {
    this.perAddress.prune()
    return this.perAddress.size
  }
}
