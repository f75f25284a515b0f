/**
 * The phone remote's credentials. The presenter view asks the server for a
 * pairing token and shows it as a QR code; the phone that scans it opens
 * `${base}remote#pair=TOKEN` (a fragment: browsers never send it to the
 * server, so it is in no URL path and no server log), proves the token on the
 * sync channel and gets a session token back, which it keeps to come back after
 * its screen locks or the server restarts.
 *
 * Both are signed with a key derived from the presenter's secret (HMAC), never
 * the secret itself: a token says what it is, when it was issued and when it
 * expires, and the signature says the server made it. A pairing token lives a
 * few minutes and pairs one phone only; a session lasts a talk's day. Revoking
 * (from the presenter view) refuses every token issued until then. Both the
 * pairing codes used and the last revocation are kept in `remote.json` in the
 * data directory, saved before the phone or the presenter is answered, so a
 * restart neither makes a used code good again nor brings a revoked phone
 * back. Times read back are never later than now (a clock that ran ahead
 * must not void later revocations). Changing the secret refuses them all too.
 */
import type { Position, RemoteRefusal } from '../shared/sync-protocol'
import { Buffer } from 'node:buffer'
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MAX_REMOTE_TOKEN_LENGTH } from '../shared/sync-protocol'
import { replaceFile, writeProblem } from './store'

export const REMOTE_FILE = 'remote.json'

/** A pairing token pairs one phone within 5 minutes; a session lasts 12 hours. */
export const PAIRING_TTL_MS = 5 * 60_000
export const SESSION_TTL_MS = 12 * 60 * 60_000

export type TokenKind = 'pair' | 'session'

/** `p` or `s`, a random id, issued and expiry times (base 36 ms), and a 128-bit signature, dot-separated: under 80 characters. */
const TOKEN_PATTERN = /^([ps])\.([\w-]{8,32})\.([0-9a-z]{1,12})\.([0-9a-z]{1,12})\.([\w-]{22})$/

/** What `remote.json` keeps: the last revocation, and the pairing codes used (by id) with when they expire. */
export interface RemoteState {
  revokedBefore: number
  used: Record<string, number>
}

export interface RemoteKeysOptions {
  secret: string
  now?: () => number
  /** The state kept from before a restart: tokens issued before `revokedBefore` are refused, the `used` codes too. */
  state?: RemoteState
}

export class RemoteKeys {
  private readonly key: Buffer
  private readonly now: () => number
  private revokedAt: number
  /** The latest issue time of any token: a revocation is after it, whatever the clock says. */
  private lastIssued = 0
  /** Pairing tokens already used, by id, until they expire. */
  private readonly used = new Map<string, number>()

  constructor(options: RemoteKeysOptions) {
    // A key of its own, so a token's signature says nothing about the secret and cannot stand in for it.
    this.key = createHmac('sha256', options.secret).update('deck phone remote v1').digest()
    this.now = options.now ?? Date.now
    this.revokedAt = options.state?.revokedBefore ?? 0
    for (const [id, expiresAt] of Object.entries(options.state?.used ?? {}))
      this.used.set(id, expiresAt)
  }

  get revokedBefore(): number {
    return this.revokedAt
  }

  /** What `remote.json` keeps now. */
  state(): RemoteState {
    this.forgetExpired(this.now())
    return { revokedBefore: this.revokedAt, used: Object.fromEntries(this.used) }
  }

  issue(kind: TokenKind): { token: string, expiresAt: number } {
    // Never before the last revocation, which is set a millisecond ahead: a token issued just after it is good.
    const issuedAt = Math.max(this.now(), this.revokedAt)
    this.lastIssued = Math.max(this.lastIssued, issuedAt)
    const expiresAt = issuedAt + (kind === 'pair' ? PAIRING_TTL_MS : SESSION_TTL_MS)
    const body = `${kind === 'pair' ? 'p' : 's'}.${randomBytes(12).toString('base64url')}.${issuedAt.toString(36)}.${expiresAt.toString(36)}`
    return { token: `${body}.${this.sign(body)}`, expiresAt }
  }

  /**
   * What `token` is, or why it is refused. A pairing token is accepted once:
   * its id is taken as used now, and `undo` gives it back when that cannot be saved.
   */
  check(token: string): { kind: TokenKind, issuedAt: number, expiresAt: number, undo: () => void } | { refused: RemoteRefusal } {
    const match = token.length <= MAX_REMOTE_TOKEN_LENGTH ? TOKEN_PATTERN.exec(token) : null
    if (!match)
      return { refused: 'malformed' }
    const [, kindLetter, id, issued, expires, signature] = match as unknown as [string, string, string, string, string, string]
    const body = token.slice(0, token.length - signature.length - 1)
    const expected = Buffer.from(this.sign(body))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { refused: 'wrong' }
    const issuedAt = Number.parseInt(issued, 36)
    const expiresAt = Number.parseInt(expires, 36)
    const now = this.now()
    if (issuedAt < this.revokedAt)
      return { refused: 'revoked' }
    if (now >= expiresAt)
      return { refused: 'expired' }
    const kind: TokenKind = kindLetter === 'p' ? 'pair' : 'session'
    if (kind === 'pair') {
      this.forgetExpired(now)
      if (this.used.has(id))
        return { refused: 'used' }
      this.used.set(id, expiresAt)
      return { kind, issuedAt, expiresAt, undo: () => this.used.delete(id) }
    }
    return { kind, issuedAt, expiresAt, undo: () => {} }
  }

  /** A pairing token's id, as `check` keeps it used; undefined when it is none. */
  static pairingId(token: string): string | undefined {
    const match = token.length <= MAX_REMOTE_TOKEN_LENGTH ? TOKEN_PATTERN.exec(token) : null
    return match?.[1] === 'p' ? match[2] : undefined
  }

  /**
   * Takes a revocation made elsewhere (another instance of the talk): every
   * token issued before `before` is refused from now on. True when it is later
   * than the one held.
   */
  revokedUntil(before: number): boolean {
    if (before <= this.revokedAt)
      return false
    this.revokedAt = before
    return true
  }

  /** Refuses every token issued until now (and so every phone paired until now). */
  revoke(): number {
    // Strictly after every token issued so far, even one issued in this same millisecond or by a clock since set back.
    this.revokedAt = Math.max(this.now(), this.lastIssued, this.revokedAt) + 1
    // Every code used so far was issued before: the revocation refuses them now.
    this.used.clear()
    return this.revokedAt
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url')
  }

  private forgetExpired(now: number): void {
    for (const [id, expiresAt] of this.used) {
      if (expiresAt <= now)
        this.used.delete(id)
    }
  }
}

/**
 * The state kept in `dir`: none yet is a fresh start. A file that cannot be
 * read (damaged, a directory, not readable) fails closed: the server starts,
 * refuses every token issued before now, and says so; times ahead of the
 * clock are taken as now.
 */
export async function readRemoteState(dir: string, log: (line: string) => void, now: () => number = Date.now): Promise<RemoteState> {
  const file = join(dir, REMOTE_FILE)
  const closed = (why: string): RemoteState => {
    log(`${file} ${why}: every phone remote paired before now must pair again, and its saves will fail until it is a file this server can write`)
    return { revokedBefore: now(), used: {} }
  }
  let text: string
  try {
    text = await readFile(file, 'utf8')
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { revokedBefore: 0, used: {} }
    return closed(`cannot be read (${writeProblem(error)})`)
  }
  let value: { revokedBefore?: unknown, used?: unknown } | undefined
  try {
    value = JSON.parse(text) as typeof value
  }
  catch {}
  const revokedBefore = value?.revokedBefore
  if (typeof revokedBefore !== 'number' || !Number.isFinite(revokedBefore) || revokedBefore < 0)
    return closed('is damaged')
  const at = now()
  const used: Record<string, number> = {}
  if (typeof value?.used === 'object' && value.used !== null) {
    for (const [id, expiresAt] of Object.entries(value.used as Record<string, unknown>)) {
      // A code used once stays used while it could still be good: kept no later than a pairing code's life from now.
      if (/^[\w-]{8,32}$/.test(id) && typeof expiresAt === 'number' && expiresAt > at)
        used[id] = Math.min(expiresAt, at + PAIRING_TTL_MS)
    }
  }
  return { revokedBefore: Math.min(revokedBefore, at), used }
}

/** Saves the remote's state in `dir`, whole (a temporary file, synced, renamed over the old one): a crash leaves one or the other. */
export async function writeRemoteState(dir: string, state: RemoteState): Promise<void> {
  await replaceFile(join(dir, REMOTE_FILE), `${JSON.stringify(state)}\n`)
}

/**
 * `remote.json` as the hub saves it: one write at a time, each with the
 * keys' state when it starts; `onHealth` hears when saving fails and when it
 * works again, as a journal's does (./store.ts).
 */
export class RemoteStateFile {
  private saves: Promise<void> = Promise.resolve()
  private problem: string | undefined
  private listener: ((problem: string | undefined) => void) | undefined

  constructor(private readonly dir: string, private readonly keys: RemoteKeys, private readonly log: (line: string) => void) {}

  /** Resolves once the state, as it is when this write starts, is on disk; rejects when it cannot be. */
  save(): Promise<void> {
    const saved = this.saves.then(() => writeRemoteState(this.dir, this.keys.state()))
    this.saves = saved.then(() => this.report(undefined), (error: unknown) => this.report(writeProblem(error)))
    return saved
  }

  onHealth(listener: (problem: string | undefined) => void): void {
    this.listener = listener
  }

  /** Waits for the writes under way. */
  settled(): Promise<void> {
    return this.saves
  }

  private report(problem: string | undefined): void {
    if (problem === this.problem)
      return
    this.problem = problem
    this.log(problem ? `could not save ${join(this.dir, REMOTE_FILE)}: ${problem}` : `${join(this.dir, REMOTE_FILE)} is saved to again`)
    this.listener?.(problem)
  }
}

/**
 * One step of the deck from `from`: the next click, or the next slide's start;
 * back, the previous click, or the previous slide at its last click (where
 * Slidev itself lands going back). At either end of the deck it stays.
 * `totals` holds each slide's click total (index 0 is slide 1).
 */
export function stepPosition(from: { page: number, clicks: number }, direction: 1 | -1, totals: readonly number[]): Position | undefined {
  const total = totals[from.page - 1]
  if (total === undefined)
    return undefined
  const clicks = Math.min(from.clicks, total)
  if (direction === 1) {
    if (clicks < total)
      return { page: from.page, clicks: clicks + 1, clicksTotal: total }
    const next = totals[from.page]
    return next === undefined ? { page: from.page, clicks, clicksTotal: total } : { page: from.page + 1, clicks: 0, clicksTotal: next }
  }
  if (clicks > 0)
    return { page: from.page, clicks: clicks - 1, clicksTotal: total }
  const previous = totals[from.page - 2]
  return previous === undefined ? { page: from.page, clicks: 0, clicksTotal: total } : { page: from.page - 1, clicks: previous, clicksTotal: previous }
}
