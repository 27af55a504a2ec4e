// Entra-like smart lockout, simplified: after a run of failed sign-in steps (wrong password or wrong
// code) the account is locked for a while, and every attempt meanwhile is refused without checking.

export interface AccountLockoutOptions {
  maxConsecutiveFailures?: number;
  lockoutSeconds?: number;
  now?: () => number;
}

interface FailureRecord {
  consecutiveFailures: number;
  lockedUntil?: number;
}

export class AccountLockout {
  readonly #maxConsecutiveFailures: number;
  readonly #lockoutMs: number;
  readonly #now: () => number;
  readonly #records = new Map<string, FailureRecord>();

  constructor({
    maxConsecutiveFailures = 5,
    lockoutSeconds = 300,
    now = Date.now,
  }: AccountLockoutOptions = {}) {
    this.#maxConsecutiveFailures = maxConsecutiveFailures;
    this.#lockoutMs = lockoutSeconds * 1000;
    this.#now = now;
  }

  /** When the account opens again, or undefined when it is not locked. */
  lockedUntil(accountId: string): Date | undefined {
    const lockedUntil = this.#records.get(accountId)?.lockedUntil;
    if (lockedUntil === undefined) return undefined;
    if (lockedUntil > this.#now()) return new Date(lockedUntil);
    // The lock ran out: the user starts with a clean slate.
    this.#records.delete(accountId);
    return undefined;
  }

  /** Counts a failed step; returns true when this failure locked the account. */
  recordFailure(accountId: string): boolean {
    const record = this.#records.get(accountId) ?? { consecutiveFailures: 0 };
    record.consecutiveFailures += 1;
    if (record.consecutiveFailures >= this.#maxConsecutiveFailures) {
      record.lockedUntil = this.#now() + this.#lockoutMs;
    }
    this.#records.set(accountId, record);
    return record.lockedUntil !== undefined;
  }

  recordSuccess(accountId: string): void {
    this.#records.delete(accountId);
  }
}
