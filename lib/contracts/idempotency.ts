/**
 * The header a script sends with a request that starts work (a run, a confirm, a retry, a pairing
 * code…): the same key sent again answers the first answer instead of starting anything twice.
 */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
