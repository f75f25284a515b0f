import type { Rehearsal } from '../../shared/rehearsal'
import { describe, expect, it } from 'vitest'
import { loadLastRehearsal, saveRehearsal } from './rehearsals-client'

const rehearsal: Rehearsal = { v: 1, at: '2025-05-12T14:02:00.000Z', target: 2700, slides: [[60_000]] }

/** A fetch that answers `status` with `body`, and keeps what it was asked. */
function answering(status: number, body: unknown) {
  const asked: { url: string, init?: RequestInit }[] = []
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    asked.push({ url: String(url), init })
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })
  }
  return { fetch: fetch as typeof globalThis.fetch, asked }
}

describe('saving a rehearsal', () => {
  it('posts it as JSON under the base, with the secret as a bearer token, and is ok on 201 only', async () => {
    const { fetch, asked } = answering(201, { saved: true })
    expect(await saveRehearsal(rehearsal, { base: '/talk/', secret: 'sécret', fetch })).toEqual({ ok: true })
    expect(asked[0]!.url).toBe('/talk/api/rehearsals')
    expect(asked[0]!.init).toMatchObject({ method: 'POST', body: JSON.stringify(rehearsal) })
    // The secret's UTF-8 bytes, one character each: what a header carries and the server reads back.
    expect((asked[0]!.init!.headers as Record<string, string>).Authorization).toBe('Bearer s\u00C3\u00A9cret')
    expect((asked[0]!.init!.headers as Record<string, string>)['Content-Type']).toBe('application/json')
  })

  it('says why it was not saved, in the server\'s words when it gave any', async () => {
    expect(await saveRehearsal(rehearsal, { base: '/', ...answering(503, { error: 'Not saved: ENOSPC: no space left on device' }) })).toEqual({ ok: false, problem: 'Not saved: ENOSPC: no space left on device' })
    expect(await saveRehearsal(rehearsal, { base: '/', ...answering(400, { error: 'the deck has 3 slides, the rehearsal 2' }) })).toEqual({ ok: false, problem: 'Not saved: the deck has 3 slides, the rehearsal 2' })
    expect(await saveRehearsal(rehearsal, { base: '/', ...answering(401, 'no') })).toEqual({ ok: false, problem: 'Not saved: the server did not take the presenter\'s secret.' })
    expect(await saveRehearsal(rehearsal, { base: '/', ...answering(502, '<html>') })).toEqual({ ok: false, problem: 'Not saved: the server answered 502.' })
    const offline = (async () => {
      throw new TypeError('Failed to fetch')
    }) as typeof globalThis.fetch
    expect(await saveRehearsal(rehearsal, { base: '/', fetch: offline })).toEqual({ ok: false, problem: 'Not saved: the server cannot be reached.' })
  })
})

describe('the last rehearsal', () => {
  it('is read back and checked; none when there is none, the answer is not one, or the server is not there', async () => {
    const { fetch, asked } = answering(200, { rehearsal })
    expect(await loadLastRehearsal({ base: '/', fetch })).toEqual(rehearsal)
    expect(asked[0]!.url).toBe('/api/rehearsals/last')
    expect(await loadLastRehearsal({ base: '/', ...answering(200, { rehearsal: null }) })).toBeUndefined()
    expect(await loadLastRehearsal({ base: '/', ...answering(200, { rehearsal: { ...rehearsal, v: 7 } }) })).toBeUndefined()
    expect(await loadLastRehearsal({ base: '/', ...answering(401, 'no') })).toBeUndefined()
    expect(await loadLastRehearsal({ base: '/', ...answering(200, '<!DOCTYPE html>') })).toBeUndefined()
  })
})
