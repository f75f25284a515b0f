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
 * (from the presenter view) refuses every token issued until then, and is
 * kept in `remote.json` in the data directory, so a restart does not bring a
 * revoked phone back. Changing the secret refuses them all too.
 */
import type { Position, RemoteRefusal } from '../shared/sync-protocol'
import { Buffer } from 'node:buffer'
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import process from 'node:process'

export const REMOTE_FILE = 'remote.json'

/** A pairing token pairs one phone within 5 minutes; a session lasts 12 hours. */
export const PAIRING_TTL_MS = 5 * 60_000
export const SESSION_TTL_MS = 12 * 60 * 60_000

export type TokenKind = 'pair' | 'session'

/** `p` or `s`, a random id, issued and expiry times (base 36 ms), and a 128-bit signature, dot-separated: under 80 characters. */
const TOKEN_PATTERN = /^([ps])\.([\w-]{8,32})\.([0-9a-z]{1,12})\.([0-9a-z]{1,12})\.([\w-]{22})$/

export const MAX_TOKEN_LENGTH = 120

export interface RemoteKeysOptions {
  secret: string
  now?: () => number
  /** Tokens issued before this time (ms) are refused: the last revocation. */
  revokedBefore?: number
}

export class RemoteKeys {
  private readonly key: Buffer
  private readonly now: () => number
  private revokedAt: number
  /** Pairing tokens already used, by id, until they expire. */
  private readonly used = new Map<string, number>()

  constructor(options: RemoteKeysOptions) {
    // A key of its own, so a token's signature says nothing about the secret and cannot stand in for it.
    this.key = createHmac('sha256', options.secret).update('deck phone remote v1').digest()
    this.now = options.now ?? Date.now
    this.revokedAt = options.revokedBefore ?? 0
  }

  get revokedBefore(): number {
    return this.revokedAt
  }

  issue(kind: TokenKind): { token: string, expiresAt: number } {
    // Never before the last revocation, which is set a millisecond ahead: a token issued just after it is good.
    const issuedAt = Math.max(this.now(), this.revokedAt)
    const expiresAt = issuedAt + (kind === 'pair' ? PAIRING_TTL_MS : SESSION_TTL_MS)
    const body = `${kind === 'pair' ? 'p' : 's'}.${randomBytes(12).toString('base64url')}.${issuedAt.toString(36)}.${expiresAt.toString(36)}`
    return { token: `${body}.${this.sign(body)}`, expiresAt }
  }

  /** What `token` is, or why it is refused. A pairing token is accepted once. */
  check(token: string): { kind: TokenKind, expiresAt: number } | { refused: RemoteRefusal } {
    const match = token.length <= MAX_TOKEN_LENGTH ? TOKEN_PATTERN.exec(token) : null
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
    }
    return { kind, expiresAt }
  }

  /** Refuses every token issued until now (and so every phone paired until now). */
  revoke(): number {
    // Strictly after every token issued so far, even one issued in this same millisecond.
    this.revokedAt = this.now() + 1
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

/** The last revocation kept in `dir`, or 0; a file that cannot be read is reported and taken as "revoke everything before now". */
export async function readRevocation(dir: string, log: (line: string) => void, now: () => number = Date.now): Promise<number> {
  const file = join(dir, REMOTE_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return 0
    throw error
  }
  try {
    const value = JSON.parse(text) as { revokedBefore?: unknown }
    if (typeof value.revokedBefore === 'number' && Number.isFinite(value.revokedBefore) && value.revokedBefore >= 0)
      return value.revokedBefore
  }
  catch {}
  // Failing safe: a revocation that cannot be read might have been a recent one.
  log(`${file} could not be read: every phone remote paired before now must pair again`)
  return now()
}

/** Keeps the revocation time in `dir`: written to a temporary file, then renamed over the old one, so a crash leaves one or the other. */
export async function writeRevocation(dir: string, revokedBefore: number): Promise<void> {
  await mkdir(dir, { recursive: true })
  const file = join(dir, REMOTE_FILE)
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, `${JSON.stringify({ revokedBefore })}\n`, { mode: 0o600 })
  await rename(temporary, file)
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
