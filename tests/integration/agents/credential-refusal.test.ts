import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AGENT_API_PATHS } from "@/lib/agents/protocol";
import { revokeAgent } from "@/lib/agents/revoke-agent";
import { agentQueueName, queueFor } from "@/lib/jobs/agent-jobs";
import { getQueue } from "@/lib/jobs/get-queue";
import { waitFor } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, SHORT_LEASE, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { startWebApp } from "@/tests/helpers/web-app";

// Two web instances on one database, each of which has served the agent (and so may remember who
// it is): a revocation or a rotation made through either is refused at the very next request on
// both, on every kind of agent route.
let bed: AgentTestBed;
let other: Awaited<ReturnType<typeof startWebApp>>;

beforeAll(async () => {
  bed = await startAgentTestBed({ tenantName: "Contoso (credential refusal)" });
  other = await startWebApp({ databaseUrl: inject("databaseUrl"), env: SHORT_LEASE });
});

afterAll(async () => {
  await other?.stop();
  await bed?.stop();
});

async function pairedCredential(name: string) {
  const config = await bed.pairAgent(name);
  const { credential } = JSON.parse(await readFile(config, "utf8")) as { credential: string };
  const row = await bed.db.agent.findFirstOrThrow({ where: { tenantId: bed.tenantId, name } });
  return { credential, agentId: row.id };
}

/** The agent API as an agent holding `credential` calls it, on the instance at `base`. */
function callsWith(credential: string) {
  const headers = { authorization: `Bearer ${credential}`, "content-type": "application/json" };
  const post = (base: string, path: string, body: unknown) =>
    fetch(new URL(path, base), { method: "POST", headers, body: JSON.stringify(body) });
  const now = new Date().toISOString();
  return {
    whoami: (base: string) => fetch(new URL(AGENT_API_PATHS.whoami, base), { headers }),
    poll: (base: string) => post(base, AGENT_API_PATHS.poll, { version: "test", runAs: "CONTOSO\\svc" }),
    /** A heartbeat for a job the agent never had: 404 once the credential is accepted. */
    heartbeat: (base: string) => post(base, AGENT_API_PATHS.heartbeat(randomUUID()), { leaseToken: "none" }),
    complete: (base: string) =>
      post(base, AGENT_API_PATHS.complete(randomUUID()), {
        leaseToken: "none",
        result: { objects: [], warnings: [], timings: { startedAt: now, finishedAt: now, durationMs: 0 } },
      }),
  };
}

/** The routes that may take the agent from an instance's memory, proving its credential in their own statement. */
const REMEMBERING_ROUTES = ["poll", "heartbeat", "complete"] as const;

/** A new agent each of the two instances has served, so that either may remember it. */
async function agentServedByBoth(name: string) {
  const paired = await pairedCredential(name);
  const calls = callsWith(paired.credential);
  for (const base of [bed.web.url, other.url]) expect((await calls.heartbeat(base)).status).toBe(404);
  return { ...paired, calls };
}

/** `call` on both instances answers 401 with error `code`. */
async function expectRefusedOnBoth(call: (base: string) => Promise<Response>, code: string) {
  for (const base of [bed.web.url, other.url]) {
    const answer = await call(base);
    expect(answer.status, `${answer.url} on ${base}`).toBe(401);
    expect((await answer.json()).error.code).toBe(code);
  }
}

describe("a credential that is no longer good", () => {
  it("refuses a revoked agent at its very next request on every instance, and hands a held poll no job", async () => {
    // Earlier tests' jobs would be the held poll's to take before the revocation: the tenant's
    // queue starts empty here.
    const tenantQueue = await queueFor(await getQueue(), bed.acting);
    await tenantQueue.boss.deleteAllJobs(tenantQueue.name);
    const { credential, agentId } = await pairedCredential("EX-AGENT-REVOKED-EVERYWHERE");
    const calls = callsWith(credential);
    // One instance has served the agent and remembers it.
    expect((await calls.heartbeat(bed.web.url)).status).toBe(404);
    // Never seen by the other: its poll looks the agent up and records it seen, and from then on
    // that instance remembers it too, and the poll is past its credential check, as one held
    // since before a revocation is.
    await bed.db.agent.update({ where: { id: agentId }, data: { lastSeenAt: null } });
    const held = calls.poll(other.url);
    await waitFor(
      async () => (await bed.db.agent.findUniqueOrThrow({ where: { id: agentId } })).lastSeenAt !== null,
      "the poll to be authenticated",
    );

    // One agent per route that may remember it: an instance forgets an agent it refused.
    const served = await Promise.all(
      REMEMBERING_ROUTES.map((route) => agentServedByBoth(`EX-AGENT-REVOKED-${route}`)),
    );

    for (const revoked of [agentId, ...served.map((agent) => agent.agentId)]) {
      await revokeAgent({ db: bed.db, acting: bed.acting, agentId: revoked });
    }
    // No wait of any kind: the requests right after the revocation are refused, on both instances.
    await expectRefusedOnBoth(calls.whoami, "agent_revoked");
    for (const [index, route] of REMEMBERING_ROUTES.entries()) {
      await expectRefusedOnBoth(served[index]!.calls[route], "agent_revoked");
    }
    // The poll held since before the revocation wakes for the tenant's next job, and does not take it.
    const jobId = await bed.enqueueJob({
      cmdlet: "Get-AcceptedDomain",
      parameters: {},
      idempotencyKey: `revoked-${randomUUID()}`,
    });
    const answer = await held;
    expect(answer.status).toBe(401);
    expect((await answer.json()).error.code).toBe("agent_revoked");
    expect(await bed.jobStatus(jobId)).toMatchObject({ state: "created", attempts: 1 });
    await (await getQueue()).deleteJob(agentQueueName(bed.tenantId), jobId);
  });

  it("refuses a rotated-out credential at its very next request on every instance; the new one works", async () => {
    for (const route of REMEMBERING_ROUTES) {
      const { credential, calls: before } = await agentServedByBoth(`EX-AGENT-ROTATED-${route}`);
      const rotated = await fetch(new URL(AGENT_API_PATHS.rotateCredential, other.url), {
        method: "POST",
        headers: { authorization: `Bearer ${credential}` },
      });
      expect(rotated.status).toBe(200);
      const after = callsWith(((await rotated.json()) as { credential: string }).credential);

      await expectRefusedOnBoth(before[route], "unauthenticated");
      await expectRefusedOnBoth(before.whoami, "unauthenticated");
      for (const base of [bed.web.url, other.url]) expect((await after.heartbeat(base)).status).toBe(404);
    }
  });
});
