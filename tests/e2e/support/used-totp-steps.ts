import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sha256 } from "@/lib/crypto/hashing";
import type { UsedTotpSteps } from "@/tests/helpers/identity";

// Playwright starts a new worker process after a failed test, while the identity provider (one for
// the whole run) remembers every code it accepted: which time steps were used must outlive a worker,
// or the next sign-in enters a code the provider refuses as already used. Kept in the run's data
// folder, by a hash of the secret.

const file = path.join(process.env.HW_E2E_DATA_DIR ?? "", "used-totp-steps.json");

function read(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, number>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}

const keyOf = (secret: string) => Buffer.from(sha256(secret)).toString("hex");

export const usedTotpStepsOfThisRun: UsedTotpSteps = {
  get: (secret) => read()[keyOf(secret)],
  set: (secret, step) => writeFileSync(file, JSON.stringify({ ...read(), [keyOf(secret)]: step })),
};
