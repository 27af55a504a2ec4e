import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";

// Two agents of one tenant, over real HTTP: the one whose lease lapsed tries to settle the job
// the other now holds, with every token it could know or guess.
let bed: AgentTestBed;
const FIRST_KEY = `k1:${randomBytes(32).toString("base64")}`;

beforeAll(async () => {
  bed = await startAgentTestBed({
    tenantName: "Contoso (lease tokens)",
    webEnv: { TOKEN_CACHE_KEYS: FIRST_KEY },
  });
});

afterAll(async () => {
  await bed?.stop();
});

async function agentCaller(name: string) {
  const config = await bed.pairAgent(name);
  const { credential } = JSON.parse(await readFile(config, "utf8")) as { credential: string };
  return (route: string, body: unknown) =>
    fetch(new URL(route, bed.web.url), {
      method: "POST",
      headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
}

const poll = { version: "test", runAs: "CONTOSO\\svc" };
const result = (leaseToken: string, from: string) => ({
  leaseToken,
  result: {
    objects: [{ from }],
    warnings: [],
    timings: { startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), durationMs: 1 },
  },
});

type Caller = Awaited<ReturnType<typeof agentCaller>>;

const queueJob = () =>
  bed.enqueueJob({
    cmdlet: "Get-OrganizationConfig",
    parameters: {},
    idempotencyKey: `lease-token-${crypto.randomUUID()}`,
  });

/** Each of `caller`'s heartbeat and result with `leaseToken` is refused: the lease is not its own. */
async function expectRefused(caller: Caller, jobId: string, leaseToken: string) {
  for (const [route, body] of [
    ["heartbeat", { leaseToken }],
    ["complete", result(leaseToken, "refused")],
  ] as const) {
    const answer = await caller(`/api/agent/v1/jobs/${jobId}/${route}`, body);
    expect(answer.status, route).toBe(409);
    expect((await answer.json()).error.code).toBe("lease_lost");
  }
}

describe("lease tokens", () => {
  it("an agent whose lease lapsed cannot renew or settle the job another agent now holds", async () => {
    const [lapsed, holder] = [await agentCaller("EX-LAPSED"), await agentCaller("EX-HOLDER")];
    const jobId = await queueJob();
    const first = await (await lapsed("/api/agent/v1/poll", poll)).json();
    expect(first.job.id).toBe(jobId);
    // The first agent sends no heartbeat; after the 10 s lease the job goes to the other agent.
    const second = await waitFor(async () => {
      const response = await holder("/api/agent/v1/poll", poll);
      return response.status === 200 ? ((await response.json()) as typeof first) : null;
    }, "the job to be handed out again after its lease");
    expect(second.job.id).toBe(jobId);

    // Its own old token, and the tokens an attempt counter would make (0, 1, 2, …).
    const guesses = [first.job.leaseToken, "0", "1", "2", String(Number(first.job.leaseToken) + 1)];
    for (const token of guesses) {
      for (const route of ["heartbeat", "complete", "fail"] as const) {
        const { timings } = result(token, "lapsed").result;
        const body = {
          heartbeat: { leaseToken: token },
          complete: result(token, "lapsed"),
          fail: { leaseToken: token, error: { message: "refused", transient: false }, warnings: [], timings },
        }[route];
        const answer = await lapsed(`/api/agent/v1/jobs/${jobId}/${route}`, body);
        expect(answer.status, `${route} with ${token}`).toBe(409);
        expect((await answer.json()).error.code).toBe("lease_lost");
      }
    }

    expect(
      (await holder(`/api/agent/v1/jobs/${jobId}/heartbeat`, { leaseToken: second.job.leaseToken })).status,
    ).toBe(200);
    expect(
      (await holder(`/api/agent/v1/jobs/${jobId}/complete`, result(second.job.leaseToken, "holder"))).status,
    ).toBe(200);
    const status = await bed.jobStatus(jobId);
    expect(status).toMatchObject({
      state: "completed",
      outcome: { result: { objects: [{ from: "holder" }] } },
    });
  });

  it("a lease token works for the agent it was handed to alone, and only until the job is settled", async () => {
    const [holder, other] = [await agentCaller("EX-TOKENS"), await agentCaller("EX-OTHER")];
    const jobId = await queueJob();
    const { job } = await (await holder("/api/agent/v1/poll", poll)).json();
    expect(job.id).toBe(jobId);
    expect(job.leaseToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Another agent of the same tenant, current credential and all, shown the holder's token.
    await expectRefused(other, jobId, job.leaseToken);
    expect(
      (await holder(`/api/agent/v1/jobs/${jobId}/complete`, result(job.leaseToken, "tokens"))).status,
    ).toBe(200);
    // Settled: the same token renews nothing and settles nothing again.
    await expectRefused(holder, jobId, job.leaseToken);
    expect(await bed.jobStatus(jobId)).toMatchObject({
      outcome: { result: { objects: [{ from: "tokens" }] } },
    });
  });

  it("a lease token made before the key ring was rotated still settles its job", async () => {
    const caller = await agentCaller("EX-ROTATION");
    const jobId = await queueJob();
    const { job } = await (await caller("/api/agent/v1/poll", poll)).json();
    expect(job.id).toBe(jobId);
    // A new current key, the old one kept behind it, as README's rotation says.
    await bed.restartWeb(0, { TOKEN_CACHE_KEYS: `k2:${randomBytes(32).toString("base64")},${FIRST_KEY}` });
    expect(
      (await caller(`/api/agent/v1/jobs/${jobId}/complete`, result(job.leaseToken, "rotated"))).status,
    ).toBe(200);
  });

  it("a web app without a key to sign leases takes no job: the job waits for one that has", async () => {
    const caller = await agentCaller("EX-NO-KEY");
    const jobId = await queueJob();
    await bed.restartWeb(0, { TOKEN_CACHE_KEYS: "" });
    expect((await caller("/api/agent/v1/poll", poll)).status).toBe(500);
    expect(await bed.jobStatus(jobId)).toMatchObject({ state: "created", attempts: 1 });

    await bed.restartWeb(0, { TOKEN_CACHE_KEYS: FIRST_KEY });
    const { job } = await (await caller("/api/agent/v1/poll", poll)).json();
    expect(job.id).toBe(jobId);
    expect(
      (await caller(`/api/agent/v1/jobs/${jobId}/complete`, result(job.leaseToken, "keyed"))).status,
    ).toBe(200);
  });
});
