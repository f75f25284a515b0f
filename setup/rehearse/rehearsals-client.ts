/**
 * The deck's side of the rehearsals' addresses (server/rehearsals.ts, and
 * scripts/vite/rehearsals.ts in `npm run dev`): saves a rehearsal, reads the
 * last one. On the hosted deck they ask for the presenter's secret, sent as
 * `Authorization: Bearer`; in dev there is none.
 */
import type { Rehearsal } from '../../shared/rehearsal'
import { checkRehearsal, REHEARSALS_PATH } from '../../shared/rehearsal'

export interface RehearsalsApi {
  /** The deck's base path (Vite's BASE_URL). */
  base: string
  /** The presenter's secret, on the hosted deck. */
  secret?: string | null
  fetch?: typeof fetch
}

export type Saved = { ok: true } | { ok: false, problem: string }

/** The header's value: the secret's UTF-8 bytes, which is what the server reads (a header carries bytes, not text). */
function authorization(secret: string | null | undefined): Record<string, string> {
  return secret ? { Authorization: `Bearer ${String.fromCharCode(...new TextEncoder().encode(secret))}` } : {}
}

/** What the server said, for the presenter: its own words when it gave any. */
async function problemOf(response: Response): Promise<string> {
  if (response.status === 401)
    return 'Not saved: the server did not take the presenter\'s secret.'
  if (response.status === 429)
    return 'Not saved: too many wrong secrets; try again in a minute.'
  const error = await response.json().then((body: { error?: unknown }) => body.error, () => undefined)
  return typeof error === 'string' ? (error.startsWith('Not saved') ? error : `Not saved: ${error}`) : `Not saved: the server answered ${response.status}.`
}

/** Sends `rehearsal`; ok once the server has it on disk. */
export async function saveRehearsal(rehearsal: Rehearsal, api: RehearsalsApi): Promise<Saved> {
  const send = api.fetch ?? fetch
  try {
    const response = await send(`${api.base}${REHEARSALS_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...authorization(api.secret) },
      body: JSON.stringify(rehearsal),
    })
    return response.status === 201 ? { ok: true } : { ok: false, problem: await problemOf(response) }
  }
  catch {
    return { ok: false, problem: 'Not saved: the server cannot be reached.' }
  }
}

/** The last rehearsal saved, or undefined when there is none or it cannot be read. */
export async function loadLastRehearsal(api: RehearsalsApi): Promise<Rehearsal | undefined> {
  const send = api.fetch ?? fetch
  try {
    const response = await send(`${api.base}${REHEARSALS_PATH}/last`, { headers: authorization(api.secret) })
    if (!response.ok)
      return undefined
    const checked = checkRehearsal(((await response.json()) as { rehearsal?: unknown }).rehearsal)
    return checked.ok ? checked.rehearsal : undefined
  }
  catch {
    return undefined
  }
}
