/** This device's id, for the audience's questions, upvotes and votes (the deck's and the audience page's). */
import { isDeviceId } from '../../shared/sync-protocol'

const DEVICE_KEY = 'deck-device-id'

/**
 * This device's id for questions and upvotes: random, kept in localStorage.
 * Best effort, not identity: clearing the storage or another browser makes a
 * new one. `getRandomValues` works on plain http:// too (a room's network),
 * where `randomUUID` does not.
 */
export function deviceId(storage: Storage | undefined): () => string {
  let id = storage?.getItem(DEVICE_KEY)
  if (!isDeviceId(id)) {
    id = [...crypto.getRandomValues(new Uint8Array(16))].map(byte => byte.toString(16).padStart(2, '0')).join('')
    try {
      storage?.setItem(DEVICE_KEY, id)
    }
    catch {}
  }
  const kept = id
  return () => kept
}
