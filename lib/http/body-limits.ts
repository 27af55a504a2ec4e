// The most each body route reads, in bytes: one place, so the limits are chosen together and
// generously above legitimate use. A body over its limit is answered 413 before it is buffered.

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * The most a completed job's `result` may hold, serialized: the agent refuses (never truncates) an
 * output beyond it, naming the cmdlet, since a cut-short read would plan existing objects as new.
 */
export const JOB_RESULT_MAX_BYTES = 8 * MiB;

export const BODY_LIMITS = {
  /** Pairing: a code, names and a 3072–8192-bit public JWK (≈ 2 KiB). Unauthenticated, so tight. */
  pair: 16 * KiB,
  /** Poll, heartbeat, tenant settings: a few short strings. */
  small: 16 * KiB,
  /**
   * A job's report, completed or failed: its result plus what is around it (lease token, timings,
   * warnings). A failure has no objects, but PowerShell's warnings can run long, and a report the
   * server refuses only makes the job come back: both take the one generous limit.
   */
  jobReport: JOB_RESULT_MAX_BYTES + 256 * KiB,
} as const;
