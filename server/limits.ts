/**
 * The server's two small tools against a flood: a token bucket (so many a
 * second, with a burst), kept per client address where needed, and a log that
 * writes at most one line per kind in a window and then how many it held back.
 * Budgets are kept per network (`networkOf`): an IPv4 address, an IPv6 /64.
 */
import { isIP } from 'node:net'

/** Loopback: this machine (the presenter's laptop, a local benchmark, a proxy on the same host without --trust-proxy). */
export function isLoopback(address: string): boolean {
  return address === '::1' || /^(?:::ffff:)?127\./.test(address)
}

/** IPv6 clients are budgeted by their /64 unless told otherwise: one home or phone network gets a /64 and may rotate addresses in it at will. */
export const DEFAULT_IPV6_PREFIX = 64

/** The prefix lengths `--ipv6-prefix` takes: a /48 (a site) to a /128 (one address). */
export const MIN_IPV6_PREFIX = 48
export const MAX_IPV6_PREFIX = 128

/**
 * The network a client address belongs to, for every budget kept per address:
 * an IPv4 address (also as `::ffff:a.b.c.d`) is itself; an IPv6 address is
 * its first `prefix` bits (`2001:db8:1:2::/64`). Anything else (a proxy's
 * header that is no address) is kept as it is, bounded and escaped.
 */
export function networkOf(address: string, prefix = DEFAULT_IPV6_PREFIX): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)
  if (mapped)
    return mapped[1]!
  if (isIP(address) !== 6)
    return isIP(address) === 4 ? address : printable(address, 64)
  const groups = expandIpv6(address)
  if (!groups)
    return printable(address, 64)
  const kept: number[] = []
  for (let bit = 0; bit < prefix; bit += 16) {
    const group = groups[bit / 16]!
    const bits = Math.min(16, prefix - bit)

    kept.push(bits === 16 ? group : group & (0xFFFF << (16 - bits)) & 0xFFFF)
  }
  return `${kept.map(group => group.toString(16)).join(':')}${kept.length < 8 ? '::' : ''}/${prefix}`
}

/** An IPv6 address's eight 16-bit groups (with an embedded IPv4 tail read as two), or undefined. */
function expandIpv6(address: string): number[] | undefined {
  let text = address.split('%')[0]!.toLowerCase()
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, v4.index)}${(a * 256 + b).toString(16)}:${(c * 256 + d).toString(16)}`
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined]
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const fill = tail === undefined ? 0 : 8 - left.length - right.length
  const groups = [...left, ...Array.from({ length: fill }, () => '0'), ...right].map(group => Number.parseInt(group, 16))
  return groups.length === 8 && groups.every(group => group >= 0 && group <= 0xFFFF) ? groups : undefined
}

/**
 * Text a client chose (an Origin header, a proxy's address header), made safe
 * for one log line: at most `max` characters, anything but printable ASCII
 * escaped as JSON escapes it, quoted when anything was changed.
 */
export function printable(text: string, max = 200): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text

  return /^[\x21-\x7E]*$/.test(cut) && cut === text ? text : JSON.stringify(cut).replace(/[^\x20-\x7E]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
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

  /** Gives back a token taken for something that did not happen (an event that could not be saved). */
  give(): void {
    this.refill()
    this.tokens = Math.min(this.capacity, this.tokens + 1)
  }

  /** Whether it is back to full: a full bucket holds nothing worth keeping. */
  get full(): boolean {
    this.refill()
    return this.tokens >= this.capacity
  }
}

/**
 * Takes one from every bucket when each has one: undefined; otherwise which
 * refused first and the longest wait, and nothing is taken from any.
 */
export function takeAll<B extends string>(budgets: ReadonlyArray<readonly [B, TokenBucket]>): { by: B, wait: number } | undefined {
  let refused: { by: B, wait: number } | undefined
  for (const [by, bucket] of budgets) {
    const wait = bucket.waitMs()
    if (wait > 0 && (!refused || wait > refused.wait))
      refused = { by, wait }
  }
  if (refused)
    return refused
  for (const [, bucket] of budgets)
    bucket.take()
  return undefined
}

/** One bucket per key (a client's network), created on first use; `prune` forgets the full ones. */
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

/** A budget: a burst, then so many a second. */
export interface Rate { burst: number, perSecond: number }

/** Which budget refused, and the milliseconds until it allows another. */
export interface Limited { by: 'device' | 'network' | 'room', wait: number }

/**
 * The budgets of one action the audience takes (a question, an upvote, a
 * vote): per device id, per network (none for loopback, this machine) and for
 * the whole room. All must allow it; `takeAll` takes from all or none.
 */
export class RoomBudgets {
  private readonly device: KeyedBuckets
  private readonly network: KeyedBuckets
  private readonly room: TokenBucket

  constructor(rates: { device: Rate, network: Rate, room: Rate }, now: () => number = Date.now) {
    this.device = new KeyedBuckets(rates.device.burst, rates.device.perSecond, now)
    this.network = new KeyedBuckets(rates.network.burst, rates.network.perSecond, now)
    this.room = new TokenBucket(rates.room.burst, rates.room.perSecond, now)
  }

  /** Takes one for `device` from `network`: undefined when allowed, else which budget refused and the wait (and nothing is taken). */
  take(device: string, network: string, loopback = false): Limited | undefined {
    return takeAll(this.budgets(device, network, loopback))
  }

  /** Gives back what `take` took for something that could not be saved: "try again" then works. */
  refund(device: string, network: string, loopback = false): void {
    for (const [, bucket] of this.budgets(device, network, loopback))
      bucket.give()
  }

  /** Forgets the devices and networks whose budgets have refilled. */
  prune(): void {
    this.device.prune()
    this.network.prune()
  }

  private budgets(device: string, network: string, loopback: boolean): Array<[Limited['by'], TokenBucket]> {
    const budgets: Array<[Limited['by'], TokenBucket]> = [['device', this.device.get(device)]]
    if (!loopback)
      budgets.push(['network', this.network.get(network)])
    budgets.push(['room', this.room])
    return budgets
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
    // One line that reads as written, whatever a client's text in it holds: control characters, line separators and
    // the direction overrides that would reorder what follows them are escaped.
    // eslint-disable-next-line no-control-regex -- finding them is the point
    this.write(text.replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u2028-\u202E\u2066-\u2069]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`))
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
