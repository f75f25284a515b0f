/**
 * The phone remote (./hub-feature.ts): the presenter asks for a pairing token
 * (shown as a QR code) or revokes every paired phone; a phone proves a token
 * and then steps the deck. A step is taken from the position the phone shows,
 * so two remotes pressing "next" on the same slide take the talk one step,
 * not two: the last command wins, and every deck, the presenter's and the
 * phones' included, is sent where the talk now is. A pairing code is saved as
 * used before the phone is told it is paired, a revocation before the
 * presenter hears the new count (by a remote backend, ./backend.ts; the
 * embedded one keeps both in remote.json, ./remote.ts).
 */
import type { ClientMessage, RefusalCode } from '../shared/sync-protocol'
import type { RemoteBackend, RemoteSession } from './backend'
import type { Feature, Peer, Room } from './hub-feature'
import type { Navigation } from './hub-navigation'
import { CLOSE_CODES } from '../shared/sync-protocol'
import { PAIRING_TTL_MS, stepPosition } from './remote'

/** The close code for a phone remote the presenter revoked; it does not reconnect with its session. */
export const REVOKED = CLOSE_CODES.revoked

type RemoteMessage = 'pair' | 'revoke-remotes' | 'remote' | 'step'

export class PhoneRemote implements Feature<RemoteMessage> {
  readonly handles = ['pair', 'revoke-remotes', 'remote', 'step'] as const
  /** Paired phone remotes connected now. */
  count = 0

  /** Without `tokens` the server pairs no phone. */
  constructor(private readonly room: Room, private readonly navigation: Navigation, private readonly tokens?: RemoteBackend) {
    // Revoked on another instance of the talk: the phones paired here go too.
    tokens?.onRevoke(() => this.dropAll())
  }

  promoted(peer: Peer): void {
    if (this.tokens)
      this.room.send(peer, { t: 'remotes', count: this.count })
  }

  left(peer: Peer): void {
    if (peer.remoteUntil !== undefined) {
      this.count--
      this.announce()
    }
  }

  receive(peer: Peer, message: Extract<ClientMessage, { t: RemoteMessage }>): void {
    const tokens = this.tokens
    const refuse = (code: RefusalCode, reason: string) => this.room.send(peer, { t: 'refused', code, reason, about: 'remotes' })
    if (!tokens) {
      refuse('not-offered', 'this server pairs no phone remote')
      return this.room.strike(peer, `${message.t} on a server without a remote`)
    }
    if (message.t === 'pair' || message.t === 'revoke-remotes') {
      if (!peer.presenter) {
        refuse('not-presenter', 'only the presenter pairs and revokes phone remotes')
        return this.room.strike(peer, `${message.t} without the secret`)
      }
      if (message.t === 'pair')
        return this.room.send(peer, { t: 'pairing', token: tokens.pairingCode().token, expiresIn: PAIRING_TTL_MS })
      return this.revoke(peer, tokens)
    }
    if (message.t === 'remote') {
      return void tokens.redeem(message.token).then((opened) => {
        if ('unsaved' in opened) {
          this.room.logLine('unsaved remote', `could not save the remote' change: ${opened.unsaved}`)
          return this.room.send(peer, { t: 'remote', ok: false, reason: 'unsaved' })
        }
        if ('refused' in opened) {
          // Never the token itself: a log is not a place for credentials.
          this.room.logLine('refused remote tokens', `refused a phone remote's token from ${peer.address}: ${opened.refused}`)
          this.room.send(peer, { t: 'remote', ok: false, reason: opened.refused })
          return opened.refused === 'malformed' || opened.refused === 'wrong' ? this.room.strike(peer, 'a remote token the server did not sign') : undefined
        }
        this.pair(peer, opened.session, opened.paired)
      })
    }
    if (peer.remoteUntil === undefined || peer.remoteUntil <= Date.now()) {
      if (peer.remoteUntil !== undefined)
        return this.drop(peer, 'expired')
      refuse('not-paired', 'only a paired remote steps the deck')
      return this.room.strike(peer, 'step without a paired remote')
    }
    const totals = this.navigation.clickTotals
    const target = totals && stepPosition(message, message.direction, totals)
    if (!target)
      return totals ? refuse('unknown', `the deck has no slide ${message.page}`) : refuse('no-clicks', 'this server does not know the deck\'s clicks: build it with npm run build')
    if (!this.navigation.moveTo(target, 'remote'))
      this.room.send(peer, { t: 'state', ...this.navigation.state!, by: 'remote' })
  }

  /** A phone proved a pairing token (saved as used) or came back with its session: it steps the deck from now on. */
  private pair(peer: Peer, session: RemoteSession, pairing: boolean): void {
    if (!peer.open)
      return
    const counted = peer.remoteUntil === undefined
    if (counted)
      this.count++
    this.room.setRemote(peer, session.expiresAt)
    // The presenter's dialog learns that its code was used (a phone back by its session is no news to it).
    if (counted || pairing)
      this.announce(pairing)
    if (pairing)
      this.room.log(`phone remote paired from ${peer.address}`)
    const { startedAt, state } = this.navigation
    this.room.send(peer, { t: 'remote', ok: true, session: session.token, ...(startedAt === undefined ? {} : { elapsed: Date.now() - startedAt }) })
    if (state)
      this.room.send(peer, { t: 'state', ...state })
  }

  /**
   * Refuses every token issued until now, and closes the phones paired with
   * them, at once (refusing is always safe); the revocation is then saved so a
   * restart does not bring them back, and the presenter hears the new count
   * once it is, or that it could not be.
   */
  private revoke(presenter: Peer, tokens: RemoteBackend): void {
    const kept = tokens.revoke()
    this.room.log('phone remotes revoked')
    this.dropAll(false)
    void kept.then(({ unsaved }) => {
      if (unsaved === undefined)
        return this.announce()
      this.room.logLine('unsaved remote', `could not save the remote' change: ${unsaved}`)
      this.room.send(presenter, { t: 'refused', code: 'not-saved', reason: 'The phones are unpaired, but the revocation was not saved: a restart of the server would let them back. Revoke again once saving works.', about: 'remotes' })
    })
  }

  /** Closes every phone paired here; the presenters hear the count now (`announce`) or once the revocation is kept. */
  private dropAll(announce = true): void {
    for (const other of [...this.room.peers()]) {
      if (other.remoteUntil !== undefined)
        this.drop(other, 'revoked', false)
    }
    if (announce)
      this.announce()
  }

  private drop(peer: Peer, reason: 'revoked' | 'expired', announce = true): void {
    this.room.send(peer, { t: 'remote', ok: false, reason })
    this.room.setRemote(peer, undefined)
    this.count--
    if (announce)
      this.announce()
    this.room.close(peer, REVOKED, reason)
  }

  /** Tells presenters how many phone remotes are paired and connected, and whether a pairing code was just used. */
  private announce(paired = false): void {
    this.room.broadcast({ t: 'remotes', count: this.count, ...(paired ? { paired: true as const } : {}) }, peer => peer.presenter)
  }
}
