import { verify } from "otplib";

// Checks authenticator-app codes (RFC 6238, 30-second steps). A code that signed someone in cannot
// be used again, nor can any older one: each user's last accepted time step is remembered.

export type TotpOutcome = "accepted" | "wrong" | "reused";

export interface TotpVerifierOptions {
  /** Seconds of clock drift tolerated either way; 30 accepts the previous and the next code. */
  toleranceSeconds?: number;
  now?: () => number;
}

export class TotpVerifier {
  readonly #toleranceSeconds: number;
  readonly #now: () => number;
  readonly #lastAcceptedStep = new Map<string, number>();

  constructor({ toleranceSeconds = 30, now = Date.now }: TotpVerifierOptions = {}) {
    this.#toleranceSeconds = toleranceSeconds;
    this.#now = now;
  }

  async check(accountId: string, secret: string, code: string): Promise<TotpOutcome> {
    const token = code.replace(/\s+/g, "");
    if (!/^\d{6}$/.test(token)) return "wrong";
    const result = await verify({
      secret,
      token,
      epoch: Math.floor(this.#now() / 1000),
      epochTolerance: this.#toleranceSeconds,
    });
    // The union also covers HOTP results, which have no time step.
    if (!result.valid || !("timeStep" in result)) return "wrong";
    const lastStep = this.#lastAcceptedStep.get(accountId);
    if (lastStep !== undefined && result.timeStep <= lastStep) return "reused";
    this.#lastAcceptedStep.set(accountId, result.timeStep);
    return "accepted";
  }
}
