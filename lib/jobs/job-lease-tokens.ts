import { randomBytes } from "node:crypto";
import {
  type AgentCredential,
  credentialIsCurrent,
  credentialValues,
  refuseCredential,
} from "@/lib/agents/current-credential";
import { sameHash, sha256 } from "@/lib/crypto/hashing";
import { preparedStatement, type Sql } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { JOB_SETTLED_CHANNEL } from "@/lib/jobs/job-settlements";

// The token an agent shows to renew a lease or report a result. pg-boss knows a lease by the
// job's attempt number, which any agent of the tenant can guess (it counts up from 0); so each
// hand-out gets 256 random bits, kept as a hash beside the attempt it stands for. A lapsed lease's
// token stops working the moment the job is handed out again.
// Plain SQL (lib/db.ts getSql): every hand-out and every report goes through here, and Prisma's
// per-query cost was most of theirs (docs/PERFORMANCE.md, "Agent job channel").

const ISSUE_LEASE = preparedStatement(
  "hw_issue_lease",
  `INSERT INTO "AgentJobLease" ("jobId", "attempt", "queue", "tokenHash", "leasedAt")
   SELECT $1, $2, $3, $4, now() AT TIME ZONE 'UTC' FROM "Agent"
   WHERE "id" = $5 AND "tenantId" = $6 AND "revokedAt" IS NULL
   ON CONFLICT ("jobId") DO UPDATE SET "attempt" = EXCLUDED."attempt", "queue" = EXCLUDED."queue",
     "tokenHash" = EXCLUDED."tokenHash", "leasedAt" = EXCLUDED."leasedAt"`,
);
// One row, lease or not: whether the reporting agent's credential is current, and the job's lease.
const LEASE_OF_JOB = preparedStatement(
  "hw_lease_of_job",
  `SELECT EXISTS (SELECT 1 FROM "Agent" a WHERE ${credentialIsCurrent("a", 2)} AND a."tenantId" = $4) AS "current",
          l."attempt", l."queue", l."tokenHash"
   FROM (VALUES (1)) AS one LEFT JOIN "AgentJobLease" l ON l."jobId" = $1`,
);
const RELEASE_LEASE = preparedStatement(
  "hw_release_lease",
  `WITH released AS (DELETE FROM "AgentJobLease" WHERE "jobId" = $1::uuid AND "attempt" = $2)
   SELECT pg_notify($3, $4)`,
);

/**
 * Issues the token for the attempt `attempt` of `jobId` in `queue` (the tenant's, or one agent's)
 * to `holder`, replacing any earlier hand-out's; null, and nothing issued, when the holder has been
 * revoked since its request was authenticated (a poll held for half a minute). One statement: the
 * revocation check is the insert's condition.
 */
export async function issueLeaseToken(options: {
  sql: Sql;
  jobId: string;
  attempt: number;
  queue: string;
  holder: { agentId: string; tenantId: string };
}): Promise<string | null> {
  const token = randomBytes(32).toString("base64url");
  const { rowCount } = await options.sql.query(
    ISSUE_LEASE([
      options.jobId,
      options.attempt,
      options.queue,
      Buffer.from(sha256(token)),
      options.holder.agentId,
      options.holder.tenantId,
    ]),
  );
  return rowCount === 1 ? token : null;
}

/**
 * The pg-boss attempt `token` holds on `jobId`, and its queue; `lease_lost` when it is not the
 * current hand-out's. The same statement proves the reporting agent's credential current, and
 * refuses it first when it is not.
 */
export async function redeemLeaseToken(options: {
  sql: Sql;
  /** The reporting agent's credential, and its tenant. */
  credential: AgentCredential;
  tenantId: string;
  jobId: string;
  token: string;
}): Promise<{ id: string; retryCount: number; queue: string }> {
  const { rows } = await options.sql.query<
    { current: boolean } & ({ attempt: number; queue: string; tokenHash: Buffer } | { tokenHash: null })
  >(LEASE_OF_JOB([options.jobId, ...credentialValues(options.credential), options.tenantId]));
  const [lease] = rows;
  if (!lease?.current) return refuseCredential(options.sql, options.credential);
  if (lease.tokenHash === null || !sameHash(sha256(options.token), new Uint8Array(lease.tokenHash))) {
    throw new AppError(
      "lease_lost",
      "This job is no longer leased to you (the lease ran out and the job was handed out again, or it is finished).",
    );
  }
  return { id: options.jobId, retryCount: lease.attempt, queue: lease.queue };
}

/**
 * Forgets the lease once its attempt is settled (completed, or failed back to the queue), and
 * announces the settlement to whoever awaits the job (job-settlements.ts) in the same statement:
 * every report makes both, so one round trip fewer.
 */
export async function releaseLeaseToken(options: {
  sql: Sql;
  jobId: string;
  attempt: number;
}): Promise<void> {
  await options.sql.query(
    RELEASE_LEASE([options.jobId, options.attempt, JOB_SETTLED_CHANNEL, options.jobId]),
  );
}
