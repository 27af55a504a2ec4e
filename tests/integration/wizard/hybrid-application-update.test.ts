import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "@/components/api/api-client";
import type { OperationProgress, UpdateProgress } from "@/lib/contracts/wizard-update";
import type { Tenant } from "@/lib/generated/prisma/client";
import { EXCHANGE_ONLINE_APP_ID, FULL_ACCESS_AS_APP_ROLE_ID } from "@/lib/graph/graph-objects";
import { getQueue } from "@/lib/jobs/get-queue";
import {
  CURRENT_AUTH_CERTIFICATE,
  NEXT_AUTH_CERTIFICATE,
} from "@/simulators/exchange/fixtures/auth-certificates";
import { objectsOf } from "@/simulators/exchange/model/directory-objects";
import { OrganizationStore } from "@/simulators/exchange/model/organization-store";
import { openOnPremisesOrganization } from "@/simulators/exchange/on-premises";
import { spawnAgent } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { serviceEnvFor } from "@/tests/helpers/identity";
import { type ExchangeScenario, startExchangeScenario } from "@/tests/integration/exchange/exchange-scenario";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { answeredRun, settledUpdate } from "./update-through-api";

// The dedicated Exchange hybrid application through the whole product: the web gathers Microsoft
// Graph as the admin (a line of its own on the Gathering page), the plan creates the app with both
// on-premises Auth certificates, its principal and consent, and switches on-premises to it; the
// orchestrator runs the Graph operations as the admin who confirmed, feeding the new app's ids to
// the operations after it; a re-plan writes nothing; Undo puts Graph and on-premises back. Then
// consent refused (HCW8126) leaves a warning while the rest completes, and the EWS allow-list keeps
// the ids it had.

let scenario: ExchangeScenario;
let bed: AgentTestBed;
let contoso: Tenant;
let agent: ReturnType<typeof spawnAgent>;

beforeAll(async () => {
  scenario = await startExchangeScenario(["contoso"], { graph: true });
  contoso = await scenario.tenantRow(ACCOUNTS.adele);
  bed = await startAgentTestBed({
    tenantName: contoso.displayName,
    databaseUrl: scenario.env.DATABASE_URL,
    tenantId: contoso.id,
    simulatorState: path.join(scenario.dataDir, "on-premises", "contoso.json"),
    webEnv: { ...serviceEnvFor(scenario.idp), ...scenario.env },
  });
  agent = spawnAgent(["run", "--config", await bed.pairAgent("CONTOSO-EX1")]);
});

afterAll(async () => {
  agent?.kill("SIGINT");
  await bed?.stop();
  await (await getQueue()).stop({ graceful: false });
  await scenario?.stop();
});

async function adeleClient() {
  const token = await scenario.assertionOf(ACCOUNTS.adele);
  return createApiClient((pathname, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    return fetch(`${bed.web.url}${pathname}`, { ...init, headers });
  });
}

const APP = "ExchangeServerApp-4232ba78-e54f-47d0-b3de-fc1bde24904d";
const thumbprintOf = (customKeyIdentifier: string | null) =>
  Buffer.from(customKeyIdentifier ?? "", "base64")
    .toString("hex")
    .toUpperCase();

const graphState = () => scenario.graph!.admin.read(contoso.entraTenantId);
const onPremises = async () =>
  (await openOnPremisesOrganization({ stateFile: bed.simulatorState })).readState();
const evoSts = async () =>
  objectsOf(await onPremises(), "AuthServer").find((server) => String(server.Name).startsWith("EvoSts"));
const overrides = async () => objectsOf(await onPremises(), "SettingOverride");

function byCmdlet(progress: UpdateProgress, cmdlet: string): OperationProgress {
  const found = progress.operations.find((operation) => operation.cmdlet === cmdlet);
  if (!found) throw new Error(`no ${cmdlet} in the update`);
  return found;
}

async function runPlan(runId: string) {
  const client = await adeleClient();
  const plan = await client.getRunPlan(runId);
  await client.confirmUpdate(runId, { version: plan.version, digest: plan.digest });
  return { plan, done: await settled(runId) };
}

async function settled(runId: string) {
  const client = await adeleClient();
  const done = await settledUpdate(() => client.getUpdateProgress(runId));
  // What failed, in Exchange's or Graph's words, before any other expectation.
  expect(
    done.operations
      .filter((operation) => operation.status === "failed" && !operation.error?.warning)
      .map((operation) => `${operation.cmdlet} ${operation.identity}: ${operation.error?.message}`),
  ).toEqual([]);
  return done;
}

describe("the dedicated Exchange hybrid application, from gathering to undo", () => {
  it("is created with both Auth certificates, switches on-premises to it, plans nothing again and is undone", async () => {
    const start = { graph: await graphState(), override: await overrides(), evoSts: await evoSts() };
    expect(start.graph.applications).toEqual([]);
    const client = await adeleClient();
    const runId = await answeredRun(client);

    // Gathering configuration reads Graph as the admin: its lines with their result and time.
    const stream = await client.gatherRun(runId, AbortSignal.timeout(120_000));
    await new Response(stream).text();
    const gathered = await client.getRunGathered(runId);
    const graphLines = gathered.records.filter((record) => record.side === "Graph");
    expect(graphLines.map((record) => record.cmdlet)).toEqual([
      `Get-MgApplication -Filter "displayName eq '${APP}'"`,
      `Get-MgServicePrincipal -Filter "appId eq '${EXCHANGE_ONLINE_APP_ID}'"`,
    ]);
    for (const line of graphLines) {
      expect(line.error).toBeUndefined();
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
    }

    const { plan, done } = await runPlan(runId);
    const task = plan.operations.filter((operation) => operation.task === "HybridApplication");
    expect(task.map((operation) => `${operation.side} ${operation.cmdlet}`)).toEqual([
      "Graph New-MgApplication",
      "Graph New-MgServicePrincipal",
      "Graph New-MgServicePrincipalAppRoleAssignment",
      "OnPremises Set-AuthServer",
      "OnPremises New-SettingOverride",
      "OnPremises Get-ExchangeDiagnosticInfo",
    ]);
    // Review shows the value an earlier operation gives as what it will be.
    expect(task[3]!.powershell).toMatch(
      /^Set-AuthServer -Identity 'EvoSts - .*' -ApplicationIdentifier \$appId$/,
    );
    expect(done.status).toBe("succeeded");

    // Graph holds the app with both certificates, its principal and the consent.
    const graph = await graphState();
    expect(graph.applications).toHaveLength(1);
    const [app] = graph.applications;
    expect(app!.displayName).toBe(APP);
    expect(app!.keyCredentials.map((key) => thumbprintOf(key.customKeyIdentifier)).sort()).toEqual(
      [CURRENT_AUTH_CERTIFICATE.thumbprint, NEXT_AUTH_CERTIFICATE.thumbprint].sort(),
    );
    const principal = graph.servicePrincipals.find((candidate) => candidate.appId === app!.appId);
    expect(principal).toBeDefined();
    const exchangeOnline = graph.servicePrincipals.find(
      (candidate) => candidate.appId === EXCHANGE_ONLINE_APP_ID,
    );
    expect(graph.appRoleAssignments).toContainEqual(
      expect.objectContaining({
        principalId: principal!.id,
        resourceId: exchangeOnline!.id,
        appRoleId: FULL_ACCESS_AS_APP_ROLE_ID,
      }),
    );
    // The new app's ids were fed to the operations after it, and the update says them.
    expect(byCmdlet(done, "New-MgApplication").values).toEqual({ id: app!.id, appId: app!.appId });
    expect((await evoSts())?.ApplicationIdentifier).toBe(app!.appId);
    expect((await overrides()).map((override) => override.SectionName)).toEqual([
      "ExchangeOnpremAsThirdPartyAppId",
    ]);
    const log = await (await client.downloadRunLog(runId, "text")).text();
    expect(log).toContain(`appId ${app!.appId}`);

    // Planned again: nothing to write, on any side.
    const again = await client.getRunPlan(await answeredRun(client));
    expect(again.counts).toMatchObject({ new: 0, update: 0 });

    // Undo: the app (its principal and consent with it), the override and the auth server's id go.
    const undoRun = await client.createUndoRun(runId);
    const inverse = await client.getRunPlan(undoRun.id);
    expect(inverse.operations.map((operation) => operation.cmdlet)).toEqual(
      expect.arrayContaining(["Remove-MgApplication", "Remove-SettingOverride", "Remove-AuthServer"]),
    );
    await client.confirmUpdate(undoRun.id, { version: inverse.version, digest: inverse.digest });
    const undone = await settled(undoRun.id);
    expect(undone.status).toBe("succeeded");
    const after = await graphState();
    expect(after.applications).toEqual(start.graph.applications);
    expect(after.servicePrincipals).toEqual(start.graph.servicePrincipals);
    expect(after.appRoleAssignments).toEqual(start.graph.appRoleAssignments);
    expect(await overrides()).toEqual(start.override);
    expect(await evoSts()).toEqual(start.evoSts);
  }, 600_000);

  it("consent refused is HCW8126's warning while the rest completes, and the EWS allow-list keeps its ids", async () => {
    const existing = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"];
    const online = new OrganizationStore(
      path.join(scenario.dataDir, "online", `${contoso.entraTenantId}.json`),
    );
    await online.exclusive(async () => {
      const state = await online.read();
      objectsOf(state, "OrganizationConfig")[0]!.EwsAllowedAppIDs = existing;
      await online.write(state);
    });
    await scenario.graph!.admin.setFault(contoso.entraTenantId, {
      route: "POST /servicePrincipals/{id}/appRoleAssignments",
      kind: "error",
    });
    const client = await adeleClient();
    const runId = await answeredRun(client, { features: { allowHybridApplicationInEws: true } });
    const { done } = await runPlan(runId);

    const consent = byCmdlet(done, "New-MgServicePrincipalAppRoleAssignment");
    expect(consent).toMatchObject({ status: "failed", error: { hcwCodes: ["HCW8126"], warning: true } });
    expect(consent.error?.fix).toMatch(/grants admin consent to ExchangeServerApp-/);
    expect(done.status).toBe("succeeded");
    expect(
      done.operations
        .filter((operation) => operation.status === "failed")
        .map((operation) => operation.cmdlet),
    ).toEqual(["New-MgServicePrincipalAppRoleAssignment"]);
    expect((await overrides()).map((override) => override.SectionName)).toEqual([
      "ExchangeOnpremAsThirdPartyAppId",
    ]);
    const log = await (await client.downloadRunLog(runId, "text")).text();
    expect(log).toMatch(/warning HCW8126/);

    const appId = byCmdlet(done, "New-MgApplication").values?.appId;
    const config = objectsOf(await online.read(), "OrganizationConfig")[0]!;
    expect(config.EwsAllowedAppIDs).toEqual([...existing, appId]);
  }, 600_000);
});
