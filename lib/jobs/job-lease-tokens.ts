import { randomBytes } from "node:crypto";
import { sameHash, sha256 } from "@/lib/crypto/hashing";
import type { Sql } from "@/lib/db";
import { AppError } from "@/lib/errors";

// The token an agent shows to renew a lease or report a result. pg-boss knows a lease by the
// job's attempt number, which any agent of the tenant can guess (it counts up from 0); so each
// hand-out gets 256 random bits, kept as a hash beside the attempt it stands for. A lapsed lease's
// token stops working the moment the job is handed out again.
// Plain SQL (lib/db.ts getSql): every hand-out and every report goes through here, and Prisma's
// per-query cost was most of theirs (docs/PERFORMANCE.md, "Agent job channel").

/**
 * Issues the token for the attempt `attempt` of `jobId` in `queue` (the tenant's, or one agent's),
 * replacing any earlier hand-out's.
 */
export async function issueLeaseToken(options: {
  sql: Sql;
  jobId: string;
  attempt: number;
  queue: string;
}): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await options.sql.query(
    `INSERT INTO "AgentJobLease" ("jobId", "attempt", "queue", "tokenHash", "leasedAt")
     VALUES ($1, $2, $3, $4, now() AT TIME ZONE 'UTC')
     ON CONFLICT ("jobId") DO UPDATE SET "attempt" = EXCLUDED."attempt", "queue" = EXCLUDED."queue",
       "tokenHash" = EXCLUDED."tokenHash", "leasedAt" = EXCLUDED."leasedAt"`,
    [options.jobId, options.attempt, options.queue, Buffer.from(sha256(token))],
  );
  return token;
}

/** The pg-boss attempt `token` holds on `jobId`, and its queue; `lease_lost` when it is not the current hand-out's. */
export async function redeemLeaseToken(options: {
  sql: Sql;
  jobId: string;
  token: string;
}): Promise<{ id: string; retryCount: number; queue: string }> {
  const { rows } = await options.sql.query<{ attempt: number; queue: string; tokenHash: Buffer }>(
    `SELECT "attempt", "queue", "tokenHash" FROM "AgentJobLease" WHERE "jobId" = $1`,
    [options.jobId],
  );
  const [lease] = rows;
  if (!lease || !sameHash(sha256(options.token), new Uint8Array(lease.tokenHash))) {
    throw new AppError(
      "lease_lost",
      "This job is no longer leased to you (the lease ran out and the job was handed out again, or it is finished).",
    );
  }
  return { id: options.jobId, retryCount: lease.attempt, queue: lease.queue };
}

/** Forgets the lease once its attempt is settled (completed, or failed back to the queue). */
export async function releaseLeaseToken(options: {
  sql: Sql;
  jobId: string;
  attempt: number;
}): Promise<void> {
  await options.sql.query(`DELETE FROM "AgentJobLease" WHERE "jobId" = $1 AND "attempt" = $2`, [
    options.jobId,
    options.attempt,
  ]);
}
