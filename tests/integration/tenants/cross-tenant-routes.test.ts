import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { generateAgentKeyPair } from "@/agent/agent-keys";
import { createDb, type Db } from "@/lib/db";
import type { Tenant } from "@/lib/generated/prisma/client";
import type { getQueue } from "@/lib/jobs/get-queue";
import { actingAsService } from "@/lib/tenants/acting-context";
import { seedDemo } from "@/scripts/lib/seed-demo";
import {
  serviceEnvFor,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from "@/tests/helpers/identity";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";

// Every API route, called by Contoso (its admin's real token, its agent's credential) with
// Fabrikam's ids: each answers 404 and Fabrikam's rows stay as they were. The routes are read from
// app/api, so a new route that is not in ROUTES fails the first test until someone says how it
// is walked.

type Ids = {
  agentId: string;
  pairingCodeId: string;
  jobId: string;
  runId: string;
  memberId: string;
  tenantId: string;
  /** Woodgrove's relationship with Fabrikam (seeded). */
  relationshipId: string;
};
type Caller = { asAdmin: (pathname: string, init?: RequestInit) => Promise<Response> } & {
  asAgent: (pathname: string, init?: RequestInit) => Promise<Response>;
};
type RouteCase =
  | { call: (caller: Caller, theirs: Ids) => Promise<Response> }
  /** Takes no id a caller could swap for another tenant's: why. */
  | { noId: string };

const json = (body: unknown, method = "POST"): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const TIMINGS = { startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), durationMs: 1 };

const ROUTES: Record<string, RouteCase> = {
  "agents/[agentId]": {
    call: (c, theirs) => c.asAdmin(`/api/agents/${theirs.agentId}`, { method: "DELETE" }),
  },
  "agents/pairing-codes/[codeId]": {
    call: (c, theirs) => c.asAdmin(`/api/agents/pairing-codes/${theirs.pairingCodeId}`, { method: "DELETE" }),
  },
  "agent/v1/jobs/[jobId]/heartbeat": {
    call: (c, theirs) => c.asAgent(`/api/agent/v1/jobs/${theirs.jobId}/heartbeat`, json({ leaseToken: "0" })),
  },
  "agent/v1/jobs/[jobId]/complete": {
    call: (c, theirs) =>
      c.asAgent(
        `/api/agent/v1/jobs/${theirs.jobId}/complete`,
        json({ leaseToken: "0", result: { objects: [], warnings: [], timings: TIMINGS } }),
      ),
  },
  "agent/v1/jobs/[jobId]/fail": {
    call: (c, theirs) =>
      c.asAgent(
        `/api/agent/v1/jobs/${theirs.jobId}/fail`,
        json({ leaseToken: "0", error: { message: "no", transient: false }, warnings: [], timings: TIMINGS }),
      ),
  },
  "wizard/runs/[runId]": { call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}`) },
  "wizard/runs/[runId]/answers/[page]": {
    call: (c, theirs) =>
      c.asAdmin(
        `/api/wizard/runs/${theirs.runId}/answers/organization-fqdn`,
        json({ version: 1, answers: { fqdn: "mail.contoso.com" } }, "PUT"),
      ),
  },
  "wizard/runs/[runId]/on-premises-account": {
    call: (c, theirs) =>
      c.asAdmin(
        `/api/wizard/runs/${theirs.runId}/on-premises-account`,
        json(
          {
            agentId: theirs.agentId,
            userName: "CONTOSO\\admin",
            sealed: {
              alg: "RSA-OAEP-256+A256GCM",
              encryptedKey: "AAAA",
              iv: "AAAAAAAAAAAAAAAA",
              ciphertext: "AAAA",
            },
          },
          "PUT",
        ),
      ),
  },
  "wizard/runs/[runId]/migration-credential": {
    call: (c, theirs) =>
      c.asAdmin(
        `/api/wizard/runs/${theirs.runId}/migration-credential`,
        json({ userName: "CONTOSO\\svc-migration", password: "not theirs" }, "PUT"),
      ),
  },
  "wizard/runs/[runId]/page": {
    call: (c, theirs) =>
      c.asAdmin(`/api/wizard/runs/${theirs.runId}/page`, json({ version: 1, page: "credentials" }, "PUT")),
  },
  "wizard/runs/[runId]/validation": {
    call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/validation`, { method: "POST" }),
  },
  "wizard/runs/[runId]/certificates": {
    call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/certificates`),
  },
  "wizard/runs/[runId]/certificate-plan": {
    call: (c, theirs) =>
      c.asAdmin(
        `/api/wizard/runs/${theirs.runId}/certificate-plan`,
        json({ thumbprint: "A3F2F6F20697C191C2E2734CC133FD1907FBD37B" }),
      ),
  },
  "wizard/runs/[runId]/certificate-run": {
    call: (c, theirs) =>
      c.asAdmin(
        `/api/wizard/runs/${theirs.runId}/certificate-run`,
        json({ thumbprint: "A3F2F6F20697C191C2E2734CC133FD1907FBD37B" }),
      ),
  },
  "wizard/runs/[runId]/undo": {
    call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/undo`, { method: "POST" }),
  },
  "wizard/runs/[runId]/undo-run": {
    call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/undo-run`, { method: "POST" }),
  },
  "wizard/runs/[runId]/exchange-servers": {
    call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/exchange-servers`, { method: "POST" }),
  },
  "wizard/runs/[runId]/gather": {
    call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/gather`, { method: "POST" }),
  },
  "wizard/runs/[runId]/gathered": {
    call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/gathered`),
  },
  "wizard/runs/[runId]/domain-proofs": {
    call: (c, theirs) =>
      c.asAdmin(`/api/wizard/runs/${theirs.runId}/domain-proofs`, json({ createTrust: true })),
  },
  "wizard/runs/[runId]/domain-proofs/verify": {
    call: (c, theirs) =>
      c.asAdmin(`/api/wizard/runs/${theirs.runId}/domain-proofs/verify`, json({ domain: "fabrikam.com" })),
  },
  "wizard/runs/[runId]/plan": { call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/plan`) },
  "wizard/runs/[runId]/confirm": {
    call: (c, theirs) =>
      c.asAdmin(`/api/wizard/runs/${theirs.runId}/confirm`, json({ version: 1, digest: "reviewed" })),
  },
  "wizard/runs/[runId]/update": { call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/update`) },
  "wizard/runs/[runId]/retry": {
    call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/retry`, json({ version: 1 })),
  },
  "wizard/runs/[runId]/resume": {
    call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/resume`, json({ version: 1 })),
  },
  "wizard/runs/[runId]/events": { call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/events`) },
  "wizard/runs/[runId]/log": {
    call: (c, theirs) => c.asAdmin(`/api/wizard/runs/${theirs.runId}/log?format=text`),
  },
  "tenant/members/[memberId]": {
    call: (c, theirs) =>
      c.asAdmin(`/api/tenant/members/${theirs.memberId}`, json({ role: "viewer" }, "PATCH")),
  },
  "tenant/partners/[relationshipId]": {
    call: (c, theirs) =>
      c.asAdmin(`/api/tenant/partners/${theirs.relationshipId}`, json({ status: "suspended" }, "PATCH")),
  },
  "partner/audit": { call: (c, theirs) => c.asAdmin(`/api/partner/audit?tenantId=${theirs.tenantId}`) },
  "tenant/members": { noId: "lists and adds members of the caller's own tenant, from its own people" },
  audit: { noId: "reads the caller's own tenant's audit trail" },
  agents: { noId: "lists the caller's own tenant's agents" },
  "agents/events": { noId: "streams the caller's own tenant's agent events" },
  "agents/pairing-codes": { noId: "creates a code in the caller's own tenant" },
  me: { noId: "describes the caller" },
  "wizard/runs": { noId: "lists and starts runs of the caller's own tenant" },
  "tenant/settings": { noId: "changes the caller's own tenant" },
  "exchange-online/connection": { noId: "checks the caller's own Exchange Online, with their own token" },
  "exchange-online/compliance-connection": {
    noId: "checks the caller's own Security & Compliance, with their own token",
  },
  "auth/realm": { noId: "public: finds a tenant from an account's domain, as sign-in must" },
  health: { noId: "public: the service's health" },
  "openapi.json": { noId: "public: the API's description" },
  "agent/v1/pair": { noId: "the pairing code is the secret that names the tenant" },
  "agent/v1/poll": { noId: "hands out the calling agent's own tenant's jobs" },
  "agent/v1/whoami": { noId: "describes the calling agent" },
  "agent/v1/credential/rotate": { noId: "rotates the calling agent's own credential" },
  // The partner dashboard's routes refuse anyone who is not a partner's technician (403) before
  // reading an id; a customer or batch outside the partner's active relationships is 404
  // (tests/integration/partners/health-checks.test.ts tries ended and suspended ones).
  "partner/customers": { noId: "lists the calling partner's own customers" },
  "partner/customers/[tenantId]/report": {
    noId: "a partner's route: a tenant without its active relationship is 404",
  },
  "partner/health-checks": { noId: "starts checks of the calling partner's own customers" },
  "partner/health-checks/[batchId]": { noId: "a partner's route: another partner's batch is 404" },
  "partner/schedule": { noId: "the calling partner's own schedule" },
  "partner/relationships": { noId: "lists and adds the calling partner's own relationships" },
  "partner/relationships/[relationshipId]": {
    noId: "a partner's route: another partner's relationship is 404 (partner-relationships.test.ts)",
  },
};

async function apiRoutes(): Promise<string[]> {
  const apiDir = path.resolve(import.meta.dirname, "../../../app/api");
  const files = await readdir(apiDir, { recursive: true });
  return files
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => path.dirname(file).split(path.sep).join("/"))
    .sort();
}

let idp: TestIdentityProvider;
let databaseServer: TestDatabaseServer;
let db: Db;
let web: Awaited<ReturnType<typeof startWebApp>>;
let caller: Caller;
let theirs: Ids;
let fabrikam: Tenant;
let queue: Awaited<ReturnType<typeof getQueue>> | undefined;
/** Fabrikam's job as pg-boss keeps it. */
let theirJob: () => Promise<unknown>;

/** Pairs an agent with a code made by `token`'s admin on the Agents page; its credential and id. */
async function pairAgentAs(token: string, name: string) {
  const code = await (
    await fetch(`${web.url}/api/agents/pairing-codes`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    })
  ).json();
  const { publicKeyJwk } = await generateAgentKeyPair();
  const response = await fetch(
    `${web.url}/api/agent/v1/pair`,
    json({
      code: code.code,
      name,
      host: `${name}.example.test`,
      version: "test",
      runAs: "X\\svc",
      publicKeyJwk,
    }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { agentId: string; credential: string };
}

/** Everything of Fabrikam's a route could have touched. */
async function fabrikamRows(tenantId: string) {
  return {
    agents: await db.agent.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    pairingCodes: await db.pairingCode.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    auditEvents: await db.auditEvent.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    memberships: await db.membership.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    wizardRuns: await db.wizardRun.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    onPremisesAccounts: await db.runOnPremisesAccount.findMany({
      where: { tenantId },
      orderBy: { id: "asc" },
    }),
    migrationCredentials: await db.migrationCredential.findMany({
      where: { tenantId },
      orderBy: { id: "asc" },
    }),
  };
}

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_cross_tenant");
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  web = await startWebApp({ databaseUrl, env: serviceEnvFor(idp) });
  const adele = (await signInAs(idp, ACCOUNTS.adele)).access_token;
  const diego = (await signInAs(idp, ACCOUNTS.diego)).access_token;

  const contosoAgent = await pairAgentAs(adele, "contoso-agent");
  const fabrikamAgent = await pairAgentAs(diego, "fabrikam-agent");
  const fabrikamRun = await (
    await fetch(`${web.url}/api/wizard/runs`, {
      method: "POST",
      headers: { authorization: `Bearer ${diego}` },
    })
  ).json();
  const fabrikamCode = await (
    await fetch(`${web.url}/api/agents/pairing-codes`, {
      method: "POST",
      headers: { authorization: `Bearer ${diego}` },
    })
  ).json();

  // A job in Fabrikam's queue, queued from this process as the wizard will queue them.
  vi.stubEnv("DATABASE_URL", databaseUrl);
  const { agentQueueName, enqueueAgentJob } = await import("@/lib/jobs/agent-jobs");
  queue = await (await import("@/lib/jobs/get-queue")).getQueue();
  fabrikam = await db.tenant.findFirstOrThrow({ where: { initialDomain: ACCOUNTS.diego.domain } });
  const jobId = await enqueueAgentJob({
    queue,
    acting: actingAsService(fabrikam, "cross-tenant test"),
    data: { cmdlet: "Get-ExchangeServer", parameters: {}, idempotencyKey: crypto.randomUUID() },
  });

  const boss = queue;
  theirJob = () => boss.findJobs(agentQueueName(fabrikam.id), { id: jobId });
  // Diego owns Fabrikam by membership: a member id of another tenant to try.
  const diegoRow = await db.user.findFirstOrThrow({ where: { upn: ACCOUNTS.diego.username } });
  const fabrikamMember = await db.membership.create({
    data: { tenantId: fabrikam.id, userId: diegoRow.id, role: "owner" },
  });
  theirs = {
    agentId: fabrikamAgent.agentId,
    pairingCodeId: fabrikamCode.id,
    jobId,
    runId: fabrikamRun.id,
    memberId: fabrikamMember.id,
    tenantId: fabrikam.id,
    relationshipId: (await db.partnerTenant.findFirstOrThrow({ where: { tenantId: fabrikam.id } })).id,
  };
  const withToken =
    (value: string) =>
    (pathname: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set("authorization", `Bearer ${value}`);
      return fetch(`${web.url}${pathname}`, { ...init, headers });
    };
  caller = { asAdmin: withToken(adele), asAgent: withToken(contosoAgent.credential) };
});

afterAll(async () => {
  await queue?.stop({ graceful: false });
  await web?.stop();
  await db?.$disconnect();
  await databaseServer?.close();
  await idp?.stop();
});

describe("another tenant's ids", () => {
  it("has a case for every route under app/api", async () => {
    expect(await apiRoutes()).toEqual(Object.keys(ROUTES).sort());
  });

  it("are not found by any route, and change nothing of the other tenant's", async () => {
    const before = await fabrikamRows(fabrikam.id);
    const jobBefore = await theirJob();
    expect(jobBefore).toHaveLength(1);

    const answers: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const [route, walk] of Object.entries(ROUTES)) {
      if (!("call" in walk)) continue;
      const response = await walk.call(caller, theirs);
      answers[route] = response.status;
      expected[route] = 404;
    }
    expect(answers).toEqual(expected);

    expect(await fabrikamRows(fabrikam.id)).toEqual(before);
    expect(await theirJob()).toEqual(jobBefore);
  });
});
