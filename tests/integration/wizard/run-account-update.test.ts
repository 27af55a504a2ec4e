import path from "node:path";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createApiClient } from "@/components/api/api-client";
import type { SealedSecret } from "@/lib/agents/protocol";
import { sealSecretValueForAgent } from "@/lib/agents/seal-for-agent";
import type { AgentSummary } from "@/lib/contracts/agents";
import { ZRunLogDocumentSchema } from "@/lib/contracts/wizard-update";
import type { Tenant } from "@/lib/generated/prisma/client";
import { getQueue, getUpdateQueue, UPDATE_QUEUE_SCHEMA } from "@/lib/jobs/get-queue";
import { runAgentCmdlet } from "@/lib/jobs/run-agent-cmdlet";
import { ensureUpdateQueues, queueOperationJobs, UPDATE_QUEUES } from "@/lib/wizard/update/update-queues";
import { type OnPremisesOrganization, openOnPremisesOrganization } from "@/simulators/exchange/on-premises";
import { spawnAgent } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { serviceEnvFor } from "@/tests/helpers/identity";
import { type ExchangeScenario, startExchangeScenario } from "@/tests/integration/exchange/exchange-scenario";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { answeredRun, settledUpdate, settledValidation } from "./update-through-api";

// A run with its own on-premises account, end to end with every part real: the production build
// and its update workers, two paired agent processes of Contoso on the on-premises simulator, and
// Exchange Online over HTTPS. The simulator logs the account each remote PowerShell session was
// opened with, so the test sees who ran every cmdlet. Also: a confirm is one transaction with its
// jobs, and a run whose account can no longer be used fails its operations at once, saying why.

const ACCOUNT = { userName: "CONTOSO\\admin-hybrid", password: "run-account Pa$$ 3d81c0" };

let scenario: ExchangeScenario;
let bed: AgentTestBed;
let contoso: Tenant;
let organization: OnPremisesOrganization;
let client: ApiClient;
const agents: Record<"a" | "b", ReturnType<typeof spawnAgent> | undefined> = { a: undefined, b: undefined };

beforeAll(async () => {
  scenario = await startExchangeScenario(["contoso"]);
  contoso = await scenario.tenantRow(ACCOUNTS.adele);
  bed = await startAgentTestBed({
    tenantName: contoso.displayName,
    databaseUrl: scenario.env.DATABASE_URL,
    tenantId: contoso.id,
    simulatorState: path.join(scenario.dataDir, "on-premises", "contoso.json"),
    webEnv: { ...serviceEnvFor(scenario.idp), ...scenario.env },
  });
  organization = await openOnPremisesOrganization({ stateFile: bed.simulatorState });
  agents.a = spawnAgent(["run", "--config", await bed.pairAgent("CONTOSO-EX1")]);
  agents.b = spawnAgent(["run", "--config", await bed.pairAgent("CONTOSO-EX2")]);
  const token = await scenario.assertionOf(ACCOUNTS.adele);
  client = createApiClient((pathname, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    return fetch(`${bed.web.url}${pathname}`, { ...init, headers });
  });
}, 300_000); // the scenario, the web app, two agents paired (a process each) and a sign-in with MFA

afterAll(async () => {
  agents.a?.kill("SIGKILL");
  agents.b?.kill("SIGKILL");
  await bed?.stop();
  await (await getQueue()).stop({ graceful: false });
  await (await getUpdateQueue()).stop({ graceful: false });
  await scenario?.stop();
});

async function agentNamed(name: string): Promise<AgentSummary> {
  const found = (await client.listAgents()).agents.find((agent) => agent.name === name);
  if (!found) throw new Error(`no agent ${name}`);
  return found;
}

/** What the Credentials page does for another account: seal it for `agent` in the browser, store it, save the page. */
async function withOwnAccount(runId: string, agent: AgentSummary): Promise<void> {
  const sealed = await sealSecretValueForAgent(agent.publicKeyJwk, { type: "credential", ...ACCOUNT });
  const stored = await client.storeOnPremisesAccount(runId, {
    agentId: agent.id,
    userName: ACCOUNT.userName,
    sealed,
  });
  const run = await client.getWizardRun(runId);
  await client.saveWizardPageAnswers(runId, "credentials", {
    version: run.version,
    answers: {
      ...(run.answers.credentials as object),
      onPremisesAgent: agent.name,
      onPremisesAccount: { userName: stored.userName, secretReference: stored.secretReference },
    },
  });
}

async function gather(runId: string): Promise<string | undefined> {
  const reader = (await client.gatherRun(runId, new AbortController().signal))
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  let last: string | undefined;
  for (let next = await reader.read(); !next.done; next = await reader.read()) last = next.value.event;
  return last;
}

const updateJobsOf = (runId: string) =>
  scenario.db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text FROM ${UPDATE_QUEUE_SCHEMA}.job WHERE name LIKE 'wizard-update-%' AND data->>'runId' = $1`,
    runId,
  );

describe("confirming a plan", () => {
  it("is one transaction with its jobs: a queue that refuses them leaves the run a draft with its answers", async () => {
    const runId = await answeredRun(client);
    const plan = await client.getRunPlan(runId);
    const reviewed = await client.getWizardRun(runId);
    // The queue refuses the update's jobs, as a database failing mid-confirm would.
    await scenario.db.$executeRawUnsafe(`
      CREATE FUNCTION public.hw_test_refuse_update_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name LIKE 'wizard-update-%' THEN RAISE EXCEPTION 'the queue refuses the job'; END IF;
        RETURN NEW;
      END $$`);
    await scenario.db.$executeRawUnsafe(
      `CREATE TRIGGER hw_test_refuse_update_jobs BEFORE INSERT ON ${UPDATE_QUEUE_SCHEMA}.job FOR EACH ROW EXECUTE FUNCTION public.hw_test_refuse_update_jobs()`,
    );
    try {
      const refused = await client
        .confirmUpdate(runId, { version: plan.version, digest: plan.digest })
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ status: 500 });
    } finally {
      await scenario.db.$executeRawUnsafe(
        `DROP TRIGGER hw_test_refuse_update_jobs ON ${UPDATE_QUEUE_SCHEMA}.job`,
      );
      await scenario.db.$executeRawUnsafe("DROP FUNCTION public.hw_test_refuse_update_jobs()");
    }
    const after = await client.getWizardRun(runId);
    expect(after).toMatchObject({ status: "draft", version: reviewed.version, answers: reviewed.answers });
    expect(await scenario.db.operation.count({ where: { runId } })).toBe(0);
    expect(await updateJobsOf(runId)).toEqual([]);

    // Confirmed again once the queue takes jobs: every write is a job under its own row's id.
    const confirmed = await client.confirmUpdate(runId, { version: plan.version, digest: plan.digest });
    expect(confirmed.status).toBe("running");
    const writes = await scenario.db.operation.findMany({
      where: { runId, status: { not: "skipped" } },
      select: { id: true },
    });
    expect(writes.length).toBeGreaterThan(10);
    expect((await updateJobsOf(runId)).map((job) => job.id).sort()).toEqual(
      writes.map((row) => row.id).sort(),
    );
    expect((await settledUpdate(() => client.getUpdateProgress(runId))).status).toBe("succeeded");
    // Its Validate (as the agent's own account) ends before the next test reads the cmdlet log.
    await settledValidation(client, runId);
  }, 600_000);
});

describe("a run with its own on-premises account", () => {
  it("detects, gathers, updates and validates as that account, on the agent it was sealed for alone", async () => {
    // Contoso as the fixture has it again, so the run has everything to do.
    await scenario.exchange.admin.reset({ side: "OnPremises", organization: "contoso" });
    const [a, b] = [await agentNamed("CONTOSO-EX1"), await agentNamed("CONTOSO-EX2")];
    const runId = await answeredRun(client);
    await withOwnAccount(runId, a);
    const logged = (await organization.readCmdletLog()).length;

    expect((await client.detectExchangeServers(runId)).best).toBeTruthy();
    expect(await gather(runId)).toBe("gathered");
    const plan = await client.getRunPlan(runId);
    await client.confirmUpdate(runId, { version: plan.version, digest: plan.digest });
    const done = await settledUpdate(() => client.getUpdateProgress(runId));
    expect(done.status).toBe("succeeded");
    const { results } = await client.validateWizardRun(runId);
    expect(results.some((result) => result.side === "OnPremises")).toBe(true);

    // Every cmdlet since the account was entered ran in a session opened as it: the detection, the
    // gathers' reads, the update's reads and writes, Validate's probes.
    const log = (await organization.readCmdletLog()).slice(logged);
    const cmdlets = new Set(log.map((entry) => entry.cmdlet));
    for (const cmdlet of [
      "Get-ExchangeServer",
      "Get-ExSetupFileVersion",
      "New-HybridConfiguration",
      "Test-OAuthConnectivity",
    ]) {
      expect(cmdlets).toContain(cmdlet);
    }
    expect(new Set(log.map((entry) => entry.account))).toEqual(new Set([ACCOUNT.userName]));
    // All of it by agent A: B, polling all along, was given none of the run's jobs.
    expect(agents.a?.output()).toContain("as the run's own on-premises account");
    expect(agents.b?.output()).not.toContain("as the run's own on-premises account");

    // Nor could B use it: the stored ciphertext, handed to B, does not open there.
    const stored = await scenario.db.runOnPremisesAccount.findUniqueOrThrow({ where: { runId } });
    const refused = await runAgentCmdlet({
      db: bed.db,
      queue: await getQueue(),
      acting: bed.acting,
      cmdlet: "Get-OrganizationConfig",
      parameters: {},
      session: { agentId: b.id, sessionCredential: stored.sealed as unknown as SealedSecret },
      timeoutMs: 60_000,
    });
    expect(refused.outcome).toMatchObject({ outcome: "failed", error: { errorId: "SealedSecretNotOpened" } });
    expect(JSON.stringify(await organization.readCmdletLog())).not.toContain(ACCOUNT.password);
  }, 600_000);

  it("fails an operation at once, saying why, when its account can no longer be used (its agent revoked)", async () => {
    await bed.pairAgent("CONTOSO-EX3");
    const c = await agentNamed("CONTOSO-EX3");
    const runId = await answeredRun(client);
    await withOwnAccount(runId, c);
    await client.revokeAgent(c.id);
    // The run as a confirm left it, one on-premises write queued: its agent was revoked since.
    const updates = await getUpdateQueue();
    await ensureUpdateQueues(updates);
    const id = crypto.randomUUID();
    const row = {
      id,
      tenantId: contoso.id,
      runId,
      sequence: 1,
      planOperationId: "OnPremises:Set-OrganizationConfig:Contoso",
      side: "onPremises" as const,
      dependsOn: [],
    };
    await scenario.db.$transaction(async (tx) => {
      await tx.wizardRun.update({ where: { id: runId }, data: { status: "running", currentPage: "update" } });
      await tx.operation.create({
        data: {
          ...row,
          task: "GlobalPrerequisites",
          action: "update",
          kind: "OrganizationConfig",
          identity: "Contoso",
          cmdlet: "Set-OrganizationConfig",
          parameters: {},
          before: {},
          after: {},
          attempts: 1,
          idempotencyKey: `${runId}:${row.planOperationId}`,
          queueJobId: id,
        },
      });
      await queueOperationJobs(updates, tx, [row], 1);
    });

    const progress = await settledUpdate(() => client.getUpdateProgress(runId));
    expect(progress.status).toBe("failed");
    expect(progress.operations[0]?.error?.message).toMatch(
      /sealed for agent "CONTOSO-EX3", which has been revoked: this run's credentials no longer change once its plan is confirmed, so start a new run/,
    );
    // Failed on its first attempt: not left to pg-boss's retries.
    const { lines } = ZRunLogDocumentSchema.parse(
      JSON.parse(await (await client.downloadRunLog(runId, "json")).text()),
    );
    expect(lines.filter((line) => line.level === "warn")).toEqual([]);
    expect(lines.some((line) => line.level === "error" && /has been revoked/.test(line.message))).toBe(true);
    const job = await updates.getJobById(UPDATE_QUEUES.OnPremises, id);
    expect(job).toMatchObject({ state: "failed", retryCount: 0 });
  }, 240_000);
});
