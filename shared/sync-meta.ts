/**
 * The meta tag the server adds to the pages it serves, so the deck knows a
 * channel is there (a static host has none). Apart from ./sync-protocol.ts:
 * every page reads it, and nothing else of the protocol belongs in the deck's
 * first download.
 */
export const SYNC_META = 'deck-sync'
