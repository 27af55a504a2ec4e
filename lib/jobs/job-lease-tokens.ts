import { createHmac, hkdfSync } from "node:crypto";
import {
  type AgentCredential,
  credentialIsCurrent,
  credentialValues,
  refuseCredential,
} from "@/lib/agents/current-credential";
import { sameHash } from "@/lib/crypto/hashing";
import { preparedStatement, type Sql } from "@/lib/db";
import { getTokenCacheEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { AgentQueues } from "@/lib/jobs/agent-jobs";
import { QUEUE_SCHEMA } from "@/lib/jobs/get-queue";

// The token an agent shows to renew a lease or report a result. pg-boss knows a lease by the job's
// attempt number, which any agent of the tenant can guess (it counts up from 0); so the token is a
// MAC of the hand-out — the job, the attempt, its queue, the agent it went to and that agent's
// tenant — under a key only the service holds. No other agent can make it, and it stops working
// when the job is handed out again (another attempt) or settled (pg-boss's job is no longer
// active). Nothing is written to issue one: a hand-out is pg-boss's fetch alone, and every instance
// checks a token with the same key, derived from the deployment's TOKEN_CACHE_KEYS.

/** A key of its own per ring key, so that a lease token says nothing about the token cache's key. */
const LEASE_KEY_INFO = "hybrid-wizard agent job lease token v1";

let derived: { setting: string; keys: Buffer[] } | undefined;

/** The lease keys, newest first: a token made before a key rotation stays good for its lease. */
function leaseKeys(): Buffer[] {
  const setting = process.env.TOKEN_CACHE_KEYS ?? "";
  if (derived?.setting !== setting) {
    const keys = getTokenCacheEnv().TOKEN_CACHE_KEYS.map(({ key }) =>
      Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), LEASE_KEY_INFO, 32)),
    );
    derived = { setting, keys };
  }
  return derived.keys;
}

/** One attempt of a job, handed to one agent. */
export interface LeaseHandOut {
  jobId: string;
  /** pg-boss's retryCount of the attempt. */
  attempt: number;
  queue: string;
  agentId: string;
  tenantId: string;
}

function mac(key: Buffer, lease: LeaseHandOut): Buffer {
  const fields = [lease.jobId, lease.attempt, lease.queue, lease.agentId, lease.tenantId];
  return createHmac("sha256", key).update(JSON.stringify(fields)).digest();
}

/**
 * What makes a lease's token (43 characters of base64url) with the current key. Taken before a job
 * is: a missing or bad TOKEN_CACHE_KEYS fails the poll then, not after a fetch that would leave the
 * job taken by nobody until its lease lapsed, an attempt spent.
 */
export function leaseTokenSigner(): (lease: LeaseHandOut) => string {
  const [current] = leaseKeys();
  if (!current) throw new Error("TOKEN_CACHE_KEYS holds no key"); // its schema refuses an empty ring
  return (lease) => mac(current, lease).toString("base64url");
}

function isLeaseToken(token: string, lease: LeaseHandOut): boolean {
  const presented = Buffer.from(token, "base64url");
  return leaseKeys().some((key) => sameHash(presented, mac(key, lease)));
}

// One row, job or not: whether the reporting agent's credential is current, and the job with this
// id in one of the agent's queues.
const JOB_OF_REPORT = preparedStatement(
  "hw_job_of_report",
  `SELECT EXISTS (SELECT 1 FROM "Agent" a WHERE ${credentialIsCurrent("a", 2)} AND a."tenantId" = $4) AS "current",
          j.name AS "queue", j.retry_count AS "attempt", j.state = 'active' AS "active"
   FROM (VALUES (1)) AS one
   LEFT JOIN ${QUEUE_SCHEMA}.job j ON j.name IN ($5, $6) AND j.id = $1::uuid`,
);

function noSuchJob(): AppError {
  return new AppError("not_found", "There is no job with this id for this agent.");
}

/**
 * The job `token` leases to the reporting agent: its queue (one of `queues`, the agent's) and the
 * attempt pg-boss settles it by. A job none of the agent's queues holds (another tenant's or
 * another agent's id) is a 404, and says nothing of others' jobs; one the token is not the current
 * attempt's lease of is `lease_lost`. The same statement proves the reporting agent's credential
 * current, and refuses it first when it is not.
 */
export async function redeemLeaseToken(options: {
  sql: Sql;
  /** The reporting agent's credential, and its tenant. */
  credential: AgentCredential;
  tenantId: string;
  queues: AgentQueues;
  jobId: string;
  token: string;
}): Promise<{ queue: string; lease: { id: string; retryCount: number } }> {
  const { credential, tenantId, jobId } = options;
  const { rows } = await options.sql.query<
    { current: boolean } & ({ queue: string; attempt: number; active: boolean } | { queue: null })
  >(JOB_OF_REPORT([jobId, ...credentialValues(credential), tenantId, ...options.queues]));
  const [job] = rows;
  if (!job?.current) return refuseCredential(options.sql, credential);
  if (job.queue === null) throw noSuchJob();
  const lease = { jobId, attempt: job.attempt, queue: job.queue, agentId: credential.agentId, tenantId };
  if (!job.active || !isLeaseToken(options.token, lease)) {
    throw new AppError(
      "lease_lost",
      "This job is no longer leased to you (the lease ran out and the job was handed out again, or it is finished).",
    );
  }
  return { queue: job.queue, lease: { id: jobId, retryCount: job.attempt } };
}
