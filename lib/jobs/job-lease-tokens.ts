import { randomBytes } from "node:crypto";
import { sameHash, sha256 } from "@/lib/crypto/hashing";
import type { Db, DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";

// The token an agent shows to renew a lease or report a result. pg-boss knows a lease by the
// job's attempt number, which any agent of the tenant can guess (it counts up from 0); so each
// hand-out gets 256 random bits, kept as a hash beside the attempt it stands for. A lapsed lease's
// token stops working the moment the job is handed out again.

/** Issues the token for the attempt `attempt` of `jobId`, replacing any earlier hand-out's. */
export async function issueLeaseToken(options: {
  db: Db | DbTransaction;
  jobId: string;
  attempt: number;
}): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const lease = { attempt: options.attempt, tokenHash: sha256(token), leasedAt: new Date() };
  await options.db.agentJobLease.upsert({
    where: { jobId: options.jobId },
    create: { jobId: options.jobId, ...lease },
    update: lease,
  });
  return token;
}

/** The pg-boss attempt `token` holds on `jobId`; `lease_lost` when it is not the current hand-out's. */
export async function redeemLeaseToken(options: {
  db: Db;
  jobId: string;
  token: string;
}): Promise<{ id: string; retryCount: number }> {
  const lease = await options.db.agentJobLease.findUnique({ where: { jobId: options.jobId } });
  if (!lease || !sameHash(sha256(options.token), lease.tokenHash)) {
    throw new AppError(
      "lease_lost",
      "This job is no longer leased to you (the lease ran out and the job was handed out again, or it is finished).",
    );
  }
  return { id: options.jobId, retryCount: lease.attempt };
}

/** Forgets the lease once its attempt is settled (completed, or failed back to the queue). */
export async function releaseLeaseToken(options: { db: Db; jobId: string; attempt: number }): Promise<void> {
  await options.db.agentJobLease.deleteMany({ where: { jobId: options.jobId, attempt: options.attempt } });
}
