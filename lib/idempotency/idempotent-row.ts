import type { UserActingContext } from "@/lib/tenants/acting-context";

/** How long a key holds its answer: long enough for any script's retries, short enough to forget. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** The encrypted answer's additional data: a ciphertext copied onto another row does not open. */
export function idempotentAnswerBinding(acting: UserActingContext, key: string): string {
  return `idempotency:${acting.tenant.id}:${acting.actor.userId}:${key}`;
}
