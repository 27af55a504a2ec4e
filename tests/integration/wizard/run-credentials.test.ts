import { randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { ApiClient } from "@/components/api/api-client";
import { sealSecretValueForAgent } from "@/lib/agents/seal-for-agent";
import type { AgentSummary } from "@/lib/contracts/agents";
import type { StoredMigrationCredential } from "@/lib/contracts/run-credentials";
import type { WizardRun } from "@/lib/contracts/wizard-runs";
import { createDb, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { spawnAgent, waitFor } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { apiTab, refusalOf } from "@/tests/helpers/api-tab";
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
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";

// A run's two credentials, end to end against the production build with real tokens and real agents:
// the on-premises account sealed for agent A is carried to A alone (B, of the same tenant, never
// leases it) and opened there; the migration credential is ciphertext at rest and gone once used;
// neither password is in the web app's log lines, the agents' output, a row or an error.

const TOKEN_CACHE_KEYS = `it1:${randomBytes(32).toString("base64")}`;
const ACCOUNT = { userName: "CONTOSO\\admin-hybrid", password: "run-account Pa$$ 7f3e9b" };
const MIGRATION = { userName: "CONTOSO\\svc-migration", password: "migration Pa$$ 91c2d4" };
const ENVIRONMENT = { cloud: "Worldwide", onPremisesServer: "EX1" };

let idp: TestIdentityProvider;
let databaseServer: TestDatabaseServer;
let db: Db;
let bed: AgentTestBed;
let adele: ApiClient;
let diego: ApiClient;
const webLog: string[] = [];
const agentOutput: string[] = [];

const clientFor = (token: string): ApiClient =>
  apiTab(
    () => bed.web.url,
    () => token,
  );

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_run_credentials");
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  const contoso = await db.tenant.findFirstOrThrow({ where: { initialDomain: ACCOUNTS.adele.domain } });
  // withMigrationCredential runs in this process, as the orchestrator will in the web app's.
  vi.stubEnv("TOKEN_CACHE_KEYS", TOKEN_CACHE_KEYS);
  bed = await startAgentTestBed({
    tenantName: contoso.displayName,
    databaseUrl,
    tenantId: contoso.id,
    webEnv: { ...serviceEnvFor(idp), TOKEN_CACHE_KEYS, LOG_LEVEL: "debug" },
    onOutput: (line) => webLog.push(line),
  });
  adele = clientFor((await signInAs(idp, ACCOUNTS.adele)).access_token);
  diego = clientFor((await signInAs(idp, ACCOUNTS.diego)).access_token);
});

afterAll(async () => {
  await bed?.stop();
  await db?.$disconnect();
  await databaseServer?.close();
  await idp?.stop();
});

/** A new run with its environment page saved; its version. */
async function newRun() {
  const run = await adele.createWizardRun();
  return adele.saveWizardPageAnswers(run.id, "environment", { version: run.version, answers: ENVIRONMENT });
}

/** Hybrid Features with the migration endpoint, then the Migration Credential page naming `stored`. */
async function answerMigrationCredential(run: WizardRun, stored: StoredMigrationCredential) {
  const features = await adele.saveWizardPageAnswers(run.id, "features", {
    version: run.version,
    answers: { hybrid: "full", migrationEndpoint: true },
  });
  await adele.saveWizardPageAnswers(run.id, "migration-credential", {
    version: features.version,
    answers: { userName: stored.userName, secretReference: stored.secretReference },
  });
}

/** Every column of the row, as Postgres holds it. */
async function rawRow(table: "RunOnPremisesAccount" | "MigrationCredential", runId: string) {
  const rows = await db.$queryRawUnsafe<{ row: string }[]>(
    `SELECT row_to_json(t)::text AS row FROM "${table}" t WHERE "runId" = $1::uuid`,
    runId,
  );
  return rows[0]?.row;
}

describe("an on-premises account other than the agent's own", () => {
  it("is sealed for agent A, and its jobs reach A alone: B never leases them, A opens it", async () => {
    const jobs = await import("@/lib/jobs/agent-jobs");
    const { getQueue } = await import("@/lib/jobs/get-queue");
    const { enqueueAgentReads } = await import("@/lib/jobs/enqueue-agent-reads");
    const { awaitAgentJob } = await import("@/lib/jobs/await-agent-job");
    const { runAgentCmdlet } = await import("@/lib/jobs/run-agent-cmdlet");
    const { onPremisesSessionForRun } = await import("@/lib/wizard/credentials/on-premises-session-for-run");
    const queue = await getQueue();
    const { acting } = bed;

    const configA = await bed.pairAgent("EX-AGENT-A");
    const configB = await bed.pairAgent("EX-AGENT-B");
    const { agents } = await adele.listAgents();
    const named = (name: string) => agents.find((agent) => agent.name === name) as AgentSummary;
    const [a, b] = [named("EX-AGENT-A"), named("EX-AGENT-B")];

    // What the Credentials form does: seal in the browser with A's key from the agents list, then store.
    const run = await newRun();
    const sealed = await sealSecretValueForAgent(a.publicKeyJwk, { type: "credential", ...ACCOUNT });
    const stored = await adele.storeOnPremisesAccount(run.id, {
      agentId: a.id,
      userName: ACCOUNT.userName,
      sealed,
    });
    expect(stored).toMatchObject({ agentId: a.id, agentName: "EX-AGENT-A", userName: ACCOUNT.userName });
    await adele.saveWizardPageAnswers(run.id, "credentials", {
      version: run.version,
      answers: {
        onPremisesAgent: "EX-AGENT-A",
        exchangeOnlineAdmin: ACCOUNTS.adele.username,
        onPremisesAccount: { userName: ACCOUNT.userName, secretReference: stored.secretReference },
      },
    });
    expect(await rawRow("RunOnPremisesAccount", run.id)).not.toContain(ACCOUNT.password);

    const session = await onPremisesSessionForRun({ db, acting, runId: run.id });
    expect(session?.agentId).toBe(a.id);
    if (!session) throw new Error("the run names its own account");

    // A's job is queued first, the tenant's second: B, polling alone, takes only the tenant's.
    const forA = await enqueueAgentReads({
      queue,
      acting,
      reads: [{ cmdlet: "Get-ExchangeServer", parameters: {} }],
      idempotencyKey: `for-a-${randomUUID()}`,
      session,
    });
    const forAnyAgent = await bed.enqueueJob({
      cmdlet: "Get-OrganizationConfig",
      parameters: {},
      idempotencyKey: `any-${randomUUID()}`,
    });
    const agentB = spawnAgent(["run", "--config", configB]);
    try {
      await waitFor(
        async () => (await bed.jobStatus(forAnyAgent))?.state === "completed",
        "agent B to run the tenant's job",
      );
      const waiting = await jobs.getAgentJobStatus({ queue, acting, jobId: forA, agentId: a.id });
      expect(waiting).toMatchObject({ state: "created", attempts: 1 });
      // Nor can B reach it by its id: to B there is no such job.
      const { credential } = JSON.parse(await readFile(configB, "utf8")) as { credential: string };
      const heartbeat = await fetch(new URL(`/api/agent/v1/jobs/${forA}/heartbeat`, bed.web.url), {
        method: "POST",
        headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
        body: JSON.stringify({ leaseToken: "guessed" }),
      });
      expect(heartbeat.status).toBe(404);
    } finally {
      agentB.kill("SIGINT");
      await new Promise((resolve) => agentB.once("exit", resolve));
      agentOutput.push(agentB.output());
    }
    expect(agentOutput.join("\n")).not.toContain(forA);

    const agentA = spawnAgent(["run", "--config", configA]);
    try {
      const settled = await awaitAgentJob({
        db,
        queue,
        acting,
        jobId: forA,
        agentId: a.id,
        timeoutMs: 60_000,
        describe: "Get-ExchangeServer",
      });
      expect(settled.outcome).toMatchObject({ outcome: "succeeded" });
      // A really opens the account: one sealed for B's key, sent to A, fails for that reason.
      const sealedForB = await sealSecretValueForAgent(b.publicKeyJwk, { type: "credential", ...ACCOUNT });
      const refused = await runAgentCmdlet({
        db,
        queue,
        acting,
        cmdlet: "Get-OrganizationConfig",
        parameters: {},
        session: { agentId: a.id, sessionCredential: sealedForB },
        timeoutMs: 60_000,
      });
      expect(refused.outcome).toMatchObject({
        outcome: "failed",
        error: { errorId: "SealedSecretNotOpened", transient: false },
      });
    } finally {
      agentA.kill("SIGINT");
      await new Promise((resolve) => agentA.once("exit", resolve));
      agentOutput.push(agentA.output());
    }
    expect(agentOutput.join("\n")).toContain("as the run's own on-premises account");
  }, 240_000); // two agents started one after the other, each with its first poll

  it("is given to no agent too old to open a session as it: the job fails, saying to update the agent", async () => {
    const { getQueue } = await import("@/lib/jobs/get-queue");
    const { enqueueAgentReads } = await import("@/lib/jobs/enqueue-agent-reads");
    const config = await bed.pairAgent("EX-AGENT-OLD");
    const { credential, agentId } = JSON.parse(await readFile(config, "utf8")) as {
      credential: string;
      agentId: string;
    };
    const { agents } = await adele.listAgents();
    const old = agents.find((agent) => agent.id === agentId) as AgentSummary;
    const session = {
      agentId,
      sessionCredential: await sealSecretValueForAgent(old.publicKeyJwk, { type: "credential", ...ACCOUNT }),
    };
    const queue = await getQueue();
    const asAccount = await enqueueAgentReads({
      queue,
      acting: bed.acting,
      reads: [{ cmdlet: "Get-ExchangeServer", parameters: {} }],
      idempotencyKey: `old-${randomUUID()}`,
      session,
    });
    const asItself = await bed.enqueueJob({
      cmdlet: "Get-OrganizationConfig",
      parameters: {},
      idempotencyKey: `old-any-${randomUUID()}`,
    });
    // An agent of before session credentials polls without saying what it can do.
    const poll = await fetch(new URL("/api/agent/v1/poll", bed.web.url), {
      method: "POST",
      headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
      body: JSON.stringify({ version: "0.0.9", runAs: "CONTOSO\\svc-hybrid" }),
    });
    expect(poll.status).toBe(200);
    expect(((await poll.json()) as { job: { id: string } }).job.id).toBe(asItself);
    const { getAgentJobStatus } = await import("@/lib/jobs/agent-jobs");
    expect(await getAgentJobStatus({ queue, acting: bed.acting, jobId: asAccount, agentId })).toMatchObject({
      state: "completed",
      outcome: {
        outcome: "failed",
        error: { errorId: "AgentTooOld", message: expect.stringMatching(/EX-AGENT-OLD.*Update the agent/) },
      },
    });
  });

  it("is never queued for the whole tenant, and is refused for an agent the tenant does not have", async () => {
    const { enqueueAgentJob } = await import("@/lib/jobs/agent-jobs");
    const { getQueue } = await import("@/lib/jobs/get-queue");
    const { agents } = await adele.listAgents();
    const agent = agents[0] as AgentSummary;
    const sealed = await sealSecretValueForAgent(agent.publicKeyJwk, { type: "credential", ...ACCOUNT });
    await expect(
      enqueueAgentJob({
        queue: await getQueue(),
        acting: bed.acting,
        data: {
          cmdlet: "Get-OrganizationConfig",
          parameters: {},
          sessionCredential: sealed,
          idempotencyKey: `untargeted-${randomUUID()}`,
        },
      }),
    ).rejects.toThrow(/must name the agent they were sealed for/);

    const run = await newRun();
    const unknownAgent = await refusalOf(
      adele.storeOnPremisesAccount(run.id, { agentId: randomUUID(), userName: ACCOUNT.userName, sealed }),
    );
    expect(unknownAgent).toMatchObject({
      status: 400,
      message: expect.stringMatching(/choose one of the agents/),
    });
    // Fabrikam's admin finds no such run in Fabrikam.
    const otherTenant = await refusalOf(
      diego.storeOnPremisesAccount(run.id, { agentId: agent.id, userName: ACCOUNT.userName, sealed }),
    );
    expect(otherTenant.status).toBe(404);
    expect(await db.runOnPremisesAccount.count({ where: { runId: run.id } })).toBe(0);
  });
  it("Next is refused at the field when the answers name an account that is not the run's now", async () => {
    const { agents } = await adele.listAgents();
    const agent = agents[0] as AgentSummary;
    const run = await newRun();
    const store = async () =>
      adele.storeOnPremisesAccount(run.id, {
        agentId: agent.id,
        userName: ACCOUNT.userName,
        sealed: await sealSecretValueForAgent(agent.publicKeyJwk, { type: "credential", ...ACCOUNT }),
      });
    const first = await store();
    const again = await store(); // entered again, in another tab: the first reference is gone
    const answers = (secretReference: string) => ({
      version: run.version,
      answers: {
        onPremisesAgent: agent.name,
        exchangeOnlineAdmin: ACCOUNTS.adele.username,
        onPremisesAccount: { userName: ACCOUNT.userName, secretReference },
      },
    });
    const refused = await refusalOf(
      adele.saveWizardPageAnswers(run.id, "credentials", answers(first.secretReference)),
    );
    expect(refused).toMatchObject({ status: 400, code: "invalid_answers" });
    expect(refused.details.issues).toEqual([
      {
        path: "credentials.onPremisesAccount.secretReference",
        message: expect.stringMatching(/enter the password again/),
      },
    ]);
    expect((await adele.getWizardRun(run.id)).version).toBe(run.version);
    const saved = await adele.saveWizardPageAnswers(run.id, "credentials", answers(again.secretReference));
    expect(saved.version).toBe(run.version + 1);
  });
});

describe("the migration credential", () => {
  it("is ciphertext at rest, opens once for New-MigrationEndpoint, and is deleted after it", async () => {
    const { withMigrationCredential } = await import("@/lib/wizard/credentials/with-migration-credential");
    const run = await newRun();
    await answerMigrationCredential(run, await adele.storeMigrationCredential(run.id, MIGRATION));

    const raw = await rawRow("MigrationCredential", run.id);
    expect(raw).toBeDefined();
    expect(raw).not.toContain(MIGRATION.password);
    const row = await db.migrationCredential.findUniqueOrThrow({ where: { runId: run.id } });
    expect(Buffer.from(row.ciphertext).includes(MIGRATION.password)).toBe(false);
    expect(row.ciphertext.length).toBe(Buffer.byteLength(MIGRATION.password) + 16);
    const audits = await db.auditEvent.findMany({ where: { targetId: run.id } });
    expect(JSON.stringify(audits.map((audit) => audit.details))).not.toContain(MIGRATION.password);

    const options = { db, acting: bed.acting, runId: run.id };
    // Exchange Online refusing it, quoting it: the error comes back without it, and it is kept for Retry.
    const failure = await withMigrationCredential(options, async ({ password }) => {
      throw new AppError("exchange_error", `New-MigrationEndpoint: the remote server refused ${password}.`);
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toBe(
      "New-MigrationEndpoint: the remote server refused [redacted].",
    );
    expect(await db.migrationCredential.count({ where: { runId: run.id } })).toBe(1);

    expect(await withMigrationCredential(options, async (credential) => credential)).toEqual(MIGRATION);
    expect(await rawRow("MigrationCredential", run.id)).toBeUndefined();
    await expect(withMigrationCredential(options, async () => "again")).rejects.toThrow(
      /used already, or never entered\. Start a new run and enter the migration account's password on its Migration Credential page/,
    );
  });

  it("does not open on another run's row, and says to enter it again", async () => {
    const { withMigrationCredential } = await import("@/lib/wizard/credentials/with-migration-credential");
    const [first, second] = [await newRun(), await newRun()];
    await adele.storeMigrationCredential(first.id, MIGRATION);
    await answerMigrationCredential(
      second,
      await adele.storeMigrationCredential(second.id, {
        userName: MIGRATION.userName,
        password: "another one",
      }),
    );
    const copied = await db.migrationCredential.findUniqueOrThrow({ where: { runId: first.id } });
    await db.migrationCredential.update({
      where: { runId: second.id },
      data: { iv: copied.iv, ciphertext: copied.ciphertext, keyId: copied.keyId },
    });
    await expect(
      withMigrationCredential({ db, acting: bed.acting, runId: second.id }, async () => "used"),
    ).rejects.toThrow(/failed authentication.*start a new run/is);
    expect(await db.migrationCredential.count({ where: { runId: second.id } })).toBe(1);
  });

  it("a refused entry names the field, and neither it nor the log repeats the password", async () => {
    const run = await newRun();
    const refused = await refusalOf(
      adele.storeMigrationCredential(run.id, { userName: "svc-migration", password: MIGRATION.password }),
    );
    expect(refused).toMatchObject({ status: 422 });
    expect(refused.details.issues).toEqual([
      { path: "userName", message: expect.stringMatching(/DOMAIN|CONTOSO/) },
    ]);
    expect(JSON.stringify({ message: refused.message, details: refused.details })).not.toContain(
      MIGRATION.password,
    );
    // Fabrikam's admin finds no such run in Fabrikam (a refusal the web app logs, body and all in hand).
    expect((await refusalOf(diego.storeMigrationCredential(run.id, MIGRATION))).status).toBe(404);
    expect(await db.migrationCredential.count({ where: { runId: run.id } })).toBe(0);
  });
});

describe("the web app's log", () => {
  it("holds neither password, though it logged refusals on both routes", () => {
    expect(webLog.some((line) => line.includes("/on-premises-account"))).toBe(true);
    expect(webLog.some((line) => line.includes("/migration-credential"))).toBe(true);
    const everything = [...webLog, ...agentOutput].join("\n");
    expect(everything).not.toContain(ACCOUNT.password);
    expect(everything).not.toContain(MIGRATION.password);
  });
});
