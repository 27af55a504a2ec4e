// A full Contoso update against zero-latency simulators, as production runs it: the production web
// app and its update workers, a paired agent process (simulated executor) on-premises, the Exchange
// Online simulator over HTTPS with the admin's delegated token. Each round reseeds Contoso, saves
// the answers, reviews the plan and confirms it, and times confirm → done (the service time) and
// the writes per second. Run alone: `npx tsx bench/update.ts`. Prints figures; passes on nothing.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createApiClient } from "@/components/api/api-client";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import { createDb } from "@/lib/db";
import { actingAsService } from "@/lib/tenants/acting-context";
import { ANSWER_PAGE_IDS, answersKeyOf } from "@/lib/wizard/wizard-pages";
import { ensureBuild } from "@/scripts/lib/ensure-build";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { seedOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { EXCHANGE_CLOUDS } from "@/simulators/exchange/online/exchange-clouds";
import { startExchangeOnline } from "@/simulators/exchange/online/start-exchange-online";
import { ensureLocalCa } from "@/simulators/tls/local-ca";
import { runAgent, spawnAgent } from "@/tests/helpers/agent-cli";
import { serviceEnvFor, startTestIdentityProvider, trustIdentityProviderCa } from "@/tests/helpers/identity";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";
import { tokenCacheKey } from "@/tests/integration/exchange/exchange-scenario";
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";
import { formatPercentiles } from "./lib/percentiles";

const ROUNDS = 3;

export async function benchUpdate(): Promise<Record<string, string>> {
  await ensureBuild((line) => console.log(line));
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-update-"));
  const idp = await startTestIdentityProvider();
  trustIdentityProviderCa(idp);
  const ca = await ensureLocalCa(path.dirname(idp.caCertPath));
  const hosts = Object.values(EXCHANGE_CLOUDS).flatMap((cloud) => [cloud.host, cloud.loopbackAddress]);
  const exchange = await startExchangeOnline({
    dataDir,
    port: 0,
    tls: await ca.issueServerCertificate(hosts),
    authorityBaseFor: (cloud) => `https://${idp.hostFor(cloud)}`,
    authorityCaPem: idp.caCertPem,
    fixtures: [],
  });
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

  const fixture = await loadFixture("contoso");
  const { onPremisesFile } = await seedOrganizationPair(dataDir, fixture);
  const tenant = await db.tenant.findUniqueOrThrow({ where: { entraTenantId: fixture.tenant.tenantId } });
  const config = path.join(dataDir, "agent.json");
  const { code } = await createPairingCode({ db, acting: actingAsService(tenant, "update bench") });
  const paired = await runAgent([
    ...["pair", code, "--server", web.url, "--name", "BENCH-EX1", "--config", config],
    ...["--executor", "simulated", "--simulator-state", onPremisesFile],
  ]);
  if (paired.code !== 0) throw new Error(`pairing the bench agent failed: ${paired.output}`);
  const agent = spawnAgent(["run", "--config", config]);

  const token = (await signInAs(idp, ACCOUNTS.adele)).access_token;
  const api = createApiClient((pathname, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    return fetch(`${web.url}${pathname}`, { ...init, headers });
  });
  const answers = JSON.parse(await readFile("docs/answers/contoso.json", "utf8")) as Record<string, unknown>;
  // The migration endpoint's password is held by another part of the wizard; the bench leaves it out.
  answers.features = { ...(answers.features as object), migrationEndpoint: false };
  delete answers.migrationCredential;

  const serviceTimes: number[] = [];
  const rates: number[] = [];
  const operationTimes: number[] = [];
  let writes = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      await seedOrganizationPair(dataDir, fixture);
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
      const seconds = (performance.now() - started) / 1000;
      if (progress.status !== "succeeded") {
        const failed = progress.operations.filter((operation) => operation.status === "failed");
        throw new Error(`the update ${progress.status}: ${failed.map((o) => o.error?.message).join("; ")}`);
      }
      writes = progress.total;
      serviceTimes.push(seconds * 1000);
      rates.push(progress.total / seconds);
      for (const operation of progress.operations) {
        if (operation.durationMs !== null) operationTimes.push(operation.durationMs);
      }
    }
  } finally {
    agent.kill("SIGINT");
    await web.stop();
    await db.$disconnect();
    await databaseServer.close();
    await exchange.close();
    await idp.stop();
  }
  return {
    [`contoso, ${writes} writes: confirm → done, p50 / max of ${ROUNDS}`]: formatPercentiles(
      serviceTimes,
      [0.5, 1],
    ),
    "writes per second, p50": `${rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)]?.toFixed(1)}`,
    "one operation (read, compare, write), p50 / p95": formatPercentiles(operationTimes, [0.5, 0.95]),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, value] of Object.entries(await benchUpdate()))
    console.log(`  ${label.padEnd(56)} ${value}`);
  process.exit(0);
}
