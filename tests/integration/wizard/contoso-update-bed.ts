import path from "node:path";
import { decodeJwt } from "jose";
import { afterAll, beforeAll } from "vitest";
import { createApiClient } from "@/components/api/api-client";
import type { OperationProgress, RunLogDocument, UpdateProgress } from "@/lib/contracts/wizard-update";
import type { Tenant } from "@/lib/generated/prisma/client";
import { spawnAgent } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { serviceEnvFor } from "@/tests/helpers/identity";
import { type ExchangeScenario, startExchangeScenario } from "@/tests/integration/exchange/exchange-scenario";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { answeredRun as answeredRunThroughApi, settledUpdate } from "./update-through-api";

// Contoso's update with every part real: the production build with its update workers, paired
// agent processes on the on-premises organization, Exchange Online over HTTPS with Adele's
// delegated token. A test file calls contosoUpdateBed() once at its top: it starts all of it
// before the file's tests and stops it after.

/** Tokens live this long, so an update outlives the admin's sign-in within a test. */
export const TOKEN_LIFETIME_SECONDS = 60;

export function contosoUpdateBed() {
  const agents: ReturnType<typeof spawnAgent>[] = [];
  let signedIn: { token: string; expiresAt: number } | undefined;
  let agentConfig = "";
  const held = {} as { scenario: ExchangeScenario; bed: AgentTestBed; contoso: Tenant };

  beforeAll(async () => {
    held.scenario = await startExchangeScenario(["contoso"], {
      accessTokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
    });
    held.contoso = await held.scenario.tenantRow(ACCOUNTS.adele);
    held.bed = await startAgentTestBed({
      tenantName: held.contoso.displayName,
      databaseUrl: held.scenario.env.DATABASE_URL,
      tenantId: held.contoso.id,
      simulatorState: path.join(held.scenario.dataDir, "on-premises", "contoso.json"),
      webEnv: { ...serviceEnvFor(held.scenario.idp), ...held.scenario.env },
    });
    agentConfig = await held.bed.pairAgent("CONTOSO-EX1");
  });

  afterAll(async () => {
    for (const agent of agents) agent.kill("SIGKILL");
    await held.bed?.stop();
    await (await (await import("@/lib/jobs/get-queue")).getQueue()).stop({ graceful: false });
    await held.scenario?.stop();
  });

  /** Adele's browser: her token while it is good, else a new sign-in (each waits for a fresh TOTP code). */
  async function adele() {
    if (!signedIn || signedIn.expiresAt - Date.now() < 20_000) {
      const fresh = await held.scenario.assertionOf(ACCOUNTS.adele);
      signedIn = { token: fresh, expiresAt: Number(decodeJwt(fresh).exp) * 1000 };
    }
    const { token } = signedIn;
    const client = createApiClient((pathname, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set("authorization", `Bearer ${token}`);
      return fetch(`${held.bed.web.url}${pathname}`, { ...init, headers });
    });
    return { client, token };
  }

  const progressOf = async (runId: string): Promise<UpdateProgress> =>
    (await adele()).client.getUpdateProgress(runId);

  return {
    get scenario() {
      return held.scenario;
    },
    get bed() {
      return held.bed;
    },
    get contoso() {
      return held.contoso;
    },
    agents,
    /** A `hybrid-agent run` of the paired agent, killed when the file's tests end. */
    startAgent() {
      const agent = spawnAgent(["run", "--config", agentConfig]);
      agents.push(agent);
      return agent;
    },
    adele,
    /** Adele signs in again at her next call, as after "Sign in again to continue". */
    signInAgain() {
      signedIn = undefined;
    },
    async answeredRun(options: { migrationEndpoint?: boolean } = {}): Promise<string> {
      return answeredRunThroughApi((await adele()).client, options);
    },
    progressOf,
    byCmdlet(progress: UpdateProgress, cmdlet: string, identity?: string): OperationProgress {
      const found = progress.operations.find(
        (operation) =>
          operation.cmdlet === cmdlet && (identity === undefined || operation.identity === identity),
      );
      if (!found) throw new Error(`no ${cmdlet} ${identity ?? ""} in the update`);
      return found;
    },
    settled: (runId: string) => settledUpdate(() => progressOf(runId)),
    async logOf(runId: string): Promise<{ json: RunLogDocument; text: string }> {
      const { client } = await adele();
      const json = JSON.parse(await (await client.downloadRunLog(runId, "json")).text()) as RunLogDocument;
      const text = await (await client.downloadRunLog(runId, "text")).text();
      return { json, text };
    },
  };
}
