import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type ApiClient, createApiClient } from "@/components/api/api-client";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import type { UpdateProgress } from "@/lib/contracts/wizard-update";
import { createDb } from "@/lib/db";
import { actingAsService } from "@/lib/tenants/acting-context";
import { ANSWER_PAGE_IDS, answersKeyOf } from "@/lib/wizard/wizard-pages";
import { ensureBuild } from "@/scripts/lib/ensure-build";
import { seedDemo } from "@/scripts/lib/seed-demo";
import type { OrganizationFixture } from "@/simulators/exchange/fixtures/fixture-schema";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { seedOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { runAgent, spawnAgent } from "@/tests/helpers/agent-cli";
import { startExchangeOnlineFor } from "@/tests/helpers/exchange-online";
import { serviceEnvFor, startTestIdentityProvider, trustIdentityProviderCa } from "@/tests/helpers/identity";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";
import { tokenCacheKey } from "@/tests/integration/exchange/exchange-scenario";
import { ACCOUNTS, apiScopes, appFor, REDIRECT_URI } from "@/tests/integration/identity/scenario";

// What the update bench needs, all real but Microsoft: the production web app and its update
// workers on a fresh database, the identity and Exchange Online simulators, and Contoso — or N
// copies of it, each a tenant of its own in the directory and in Exchange, with its own agent
// process on its own on-premises organization and its own admin signed in.

const DIRECTORY_FILE = path.join(import.meta.dirname, "../../simulators/identity/directory.json");

/** Contoso's answers without the migration endpoint (its password is held by another part). */
async function contosoAnswers(): Promise<Record<string, unknown>> {
  const answers = JSON.parse(
    await readFile(path.join(import.meta.dirname, "../../docs/answers/contoso.json"), "utf8"),
  ) as Record<string, unknown>;
  answers.features = { ...(answers.features as object), migrationEndpoint: false };
  delete answers.migrationCredential;
  return answers;
}

function base32Secret(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => alphabet[byte % 32]).join("");
}

/** The directory with `copies` more Contosos (`contoso-<n>.onmicrosoft.com`), each with Adele alone. */
async function directoryWithCopies(dataDir: string, copies: number): Promise<string> {
  const directory = JSON.parse(await readFile(DIRECTORY_FILE, "utf8"));
  const contoso = directory.tenants.find((tenant: { initialDomain: string }) =>
    tenant.initialDomain.startsWith("contoso."),
  );
  const adele = contoso.users.find((user: { userPrincipalName: string }) =>
    user.userPrincipalName.startsWith("adele@"),
  );
  for (let n = 1; n <= copies; n++) {
    const domain = `contoso-${n}.onmicrosoft.com`;
    directory.tenants.push({
      ...contoso,
      tenantId: crypto.randomUUID(),
      displayName: `Contoso ${n}`,
      initialDomain: domain,
      // An authenticator secret each: a code is good for one sign-in, and the copies sign in together.
      users: [
        {
          ...adele,
          objectId: crypto.randomUUID(),
          userPrincipalName: `adele@${domain}`,
          totpSecret: base32Secret(),
        },
      ],
    });
  }
  const file = path.join(dataDir, "directory.json");
  await writeFile(file, JSON.stringify(directory));
  return file;
}

export interface BenchTenant {
  fixture: OrganizationFixture;
  api: ApiClient;
  reseed(): Promise<void>;
}

export async function startUpdateRig(options: { copies: number }) {
  await ensureBuild((line) => console.log(line));
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-update-"));
  const idp = await startTestIdentityProvider({
    directoryFile: await directoryWithCopies(dataDir, options.copies),
  });
  trustIdentityProviderCa(idp);
  const exchange = await startExchangeOnlineFor(idp, dataDir, []);
  const databaseServer = await openTestDatabaseServer(undefined);
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_bench_update");
  const db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  const web = await startWebApp({
    databaseUrl,
    env: {
      ...serviceEnvFor(idp),
      CLOUD_WORLDWIDE_EXCHANGE_URL: exchange.baseUrlFor("Worldwide"),
      TOKEN_CACHE_KEYS: tokenCacheKey("k1").setting,
    },
  });
  const answers = await contosoAnswers();
  const agents: ReturnType<typeof spawnAgent>[] = [];

  /** Contoso (n = 0) or its n-th copy: seeded both sides, an agent paired and running, its admin signed in. */
  async function tenant(n: number): Promise<BenchTenant> {
    const base = await loadFixture("contoso");
    const domain = n === 0 ? base.tenant.initialDomain : `contoso-${n}.onmicrosoft.com`;
    const entry = idp.directory.tenants.find((candidate) => candidate.initialDomain === domain);
    if (!entry) throw new Error(`no ${domain} in the bench directory`);
    const fixture: OrganizationFixture = {
      ...base,
      name: n === 0 ? base.name : `${base.name}-${n}`,
      tenant: { ...base.tenant, tenantId: entry.tenantId, initialDomain: domain },
    };
    const { onPremisesFile } = await seedOrganizationPair(dataDir, fixture);
    const row = await db.tenant.findUniqueOrThrow({ where: { entraTenantId: entry.tenantId } });
    const config = path.join(dataDir, `agent-${n}.json`);
    const { code } = await createPairingCode({ db, acting: actingAsService(row, "update bench") });
    const paired = await runAgent([
      ...["pair", code, "--server", web.url, "--name", `BENCH-EX-${n}`, "--config", config],
      ...["--executor", "simulated", "--simulator-state", onPremisesFile],
    ]);
    if (paired.code !== 0) throw new Error(`pairing the bench agent failed: ${paired.output}`);
    agents.push(spawnAgent(["run", "--config", config]));
    const app = appFor(idp, "Worldwide");
    const username = `adele@${domain}`;
    const token = (
      await idp.signIn({
        tenantId: entry.tenantId,
        username,
        password: ACCOUNTS.adele.password,
        totpSecret: entry.users.find((user) => user.userPrincipalName === username)?.totpSecret,
        clientId: app.clientId,
        redirectUri: REDIRECT_URI,
        scopes: apiScopes(app.clientId),
      })
    ).access_token;
    const api = createApiClient((pathname, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set("authorization", `Bearer ${token}`);
      return fetch(`${web.url}${pathname}`, { ...init, headers });
    });
    return { fixture, api, reseed: async () => void (await seedOrganizationPair(dataDir, fixture)) };
  }

  /** A run answered, reviewed and confirmed; resolves when the update ends, with its times. */
  async function update(bench: BenchTenant): Promise<{ progress: UpdateProgress; ms: number }> {
    const { api } = bench;
    let run = await api.createWizardRun();
    for (const page of ANSWER_PAGE_IDS) {
      const pageAnswers = answers[answersKeyOf(page)];
      if (pageAnswers !== undefined)
        run = await api.saveWizardPageAnswers(run.id, page, { version: run.version, answers: pageAnswers });
    }
    const plan = await api.getRunPlan(run.id);
    const started = performance.now();
    let progress = await api.confirmUpdate(run.id, { version: plan.version, digest: plan.digest });
    while (progress.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 50));
      progress = await api.getUpdateProgress(run.id);
    }
    const ms = performance.now() - started;
    if (progress.status !== "succeeded") {
      const failed = progress.operations.filter((operation) => operation.status === "failed");
      throw new Error(`the update ${progress.status}: ${failed.map((o) => o.error?.message).join("; ")}`);
    }
    return { progress, ms };
  }

  return {
    tenant,
    update,
    async stop() {
      for (const agent of agents) agent.kill("SIGINT");
      await web.stop();
      await db.$disconnect();
      await databaseServer.close();
      await exchange.close();
      await idp.stop();
    },
  };
}
