// The most each body route reads, in bytes: one place, so the limits are chosen together and
// generously above legitimate use. A body over its limit is answered 413 before it is buffered.

import { MAX_JOB_RESULT_BYTES } from "@/lib/agents/protocol";

const KiB = 1024;

// The most a completed job's `result` may hold is the agent protocol's MAX_JOB_RESULT_BYTES: the
// agent refuses (never truncates) an output beyond it, since a cut-short read would plan existing
// objects as new. The report around it may take a little more.

export const BODY_LIMITS = {
  /** Pairing: a code, names and a 3072–8192-bit public JWK (≈ 2 KiB). Unauthenticated, so tight. */
  pair: 16 * KiB,
  /** Poll, heartbeat, tenant settings, a wizard run's page move: a few short strings. */
  small: 16 * KiB,
  /**
   * A run's credential: an account name and a password, or a password sealed for an agent (a
   * 3072-bit wrapped key and the ciphertext, under 2 KiB). Passwords are short; so is the limit.
   */
  runCredential: 16 * KiB,
  /** Health checks for chosen customers: up to 10,000 ids of 36 characters. */
  healthChecks: 512 * KiB,
  /** One wizard page's answers: domains, servers, a certificate (hundreds of servers or domains fit). */
  pageAnswers: 256 * KiB,
  /**
   * A job's report, completed or failed: its result plus what is around it (lease token, timings,
   * warnings). A failure has no objects, but PowerShell's warnings can run long, and a report the
   * server refuses only makes the job come back: both take the one generous limit.
   */
  jobReport: MAX_JOB_RESULT_BYTES + 256 * KiB,
} as const;
