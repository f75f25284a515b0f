/**
 * Upper bounds for a place in a deck: far above this deck, low enough to
 * refuse nonsense. The sync channel's positions (./sync-protocol.ts, which
 * exports them again) and the rehearsals (./rehearsal.ts) are checked against
 * them.
 */
export const MAX_PAGE = 1000
export const MAX_CLICKS = 1000
