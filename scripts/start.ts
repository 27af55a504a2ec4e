// npm start — the whole demo on one machine: database, simulated Entra ID and Exchange (both sides),
// the web app pointed at them, and an agent paired to the demo tenant.
import path from "node:path";
import { applyPendingMigrations } from "@/lib/database/migrations";
import { openDatabase } from "@/lib/database/open-database";
import { createDb } from "@/lib/db";
import { getCloudEnv, getStartEnv, type StartEnv } from "@/lib/env";
import { assertPortFree } from "@/lib/net/assert-port-free";
import { bundleTrustedCas } from "@/scripts/lib/bundle-trusted-cas";
import { demoWebEnv } from "@/scripts/lib/demo-web-env";
import { ensureBuild } from "@/scripts/lib/ensure-build";
import { ensureTokenCacheKeys } from "@/scripts/lib/ensure-token-cache-keys";
import { ensureDemoAgentPaired } from "@/scripts/lib/pair-demo-agent";
import { runCommand } from "@/scripts/lib/run-command";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { startSimulators } from "@/scripts/lib/start-simulators";
import { startWeb } from "@/scripts/lib/start-web";
import { superviseDemoAgent } from "@/scripts/lib/supervise-demo-agent";
import { exchangeOnlineAddresses } from "@/simulators/exchange/online/exchange-clouds";
import { graphAddresses } from "@/simulators/graph/graph-clouds";
import { listeningAddresses } from "@/simulators/identity/clouds";
import { describeDemoSignIn } from "@/simulators/identity/demo-sign-in";
import { loadDirectory } from "@/simulators/identity/directory/load-directory";
import { ensureLocalCa } from "@/simulators/tls/local-ca";

/** The organization pair the demo agent works on: its on-premises side, its tenant in the web app. */
const DEMO_ORGANIZATION = "contoso";

const say = (line: string) => console.log(`[start] ${line}`);
const warn = (line: string) => console.error(`[start] WARNING: ${line}`);
const agentSays = (line: string) => console.log(`[agent] ${line}`);

async function assertPortsFree(env: StartEnv): Promise<void> {
  await assertPortFree(env.PORT);
  for (const address of listeningAddresses()) {
    await assertPortFree(env.IDENTITY_PORT, address, "IDENTITY_PORT");
  }
  for (const address of exchangeOnlineAddresses()) {
    await assertPortFree(env.EXCHANGE_ONLINE_PORT, address, "EXCHANGE_ONLINE_PORT");
  }
  for (const address of graphAddresses()) {
    await assertPortFree(env.GRAPH_PORT, address, "GRAPH_PORT");
  }
}

await runCommand(async (cleanup) => {
  const env = getStartEnv();
  // CLOUD_* the operator set win over the demo's (startWeb's `defaults`); a mistake in them stops us here.
  const operatorCloudSettings = Object.entries(getCloudEnv())
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name);
  await assertPortsFree(env);
  const startedAt = Date.now();

  // Made before anything uses it: the simulators serve certificates it signs, and the web app must
  // trust it from its first moment (Node reads NODE_EXTRA_CA_CERTS only at start-up).
  const ca = await ensureLocalCa(path.join(env.DATA_DIR, "tls"));

  // The simulators need nothing from the database or the web app: they come up meanwhile.
  const simulatorsStarting = startSimulators({
    dataDir: env.DATA_DIR,
    identityPort: env.IDENTITY_PORT,
    exchangeOnlinePort: env.EXCHANGE_ONLINE_PORT,
    graphPort: env.GRAPH_PORT,
  });
  // Awaited further down; until then a failure must not count as an unhandled rejection, and
  // cleanup stops them once started, whatever happens in between.
  simulatorsStarting.catch(() => {});
  cleanup(() =>
    simulatorsStarting.then(
      (simulators) => simulators.close(),
      () => {},
    ),
  );

  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  cleanup(() => database.close());
  say(`Database: ${database.description}`);

  const applied = await applyPendingMigrations(database.url);
  say(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Migrations: up to date");

  const db = createDb(database.url);
  const directory = await loadDirectory();
  await ensureBuild(say);

  // The web app needs only the migrations: it boots in its own process while the demo data goes in.
  const webStarting = startWeb({
    port: env.PORT,
    env: {
      DATABASE_URL: database.url,
      LOG_LEVEL: env.LOG_LEVEL,
      NODE_EXTRA_CA_CERTS: await bundleTrustedCas({
        dataDir: env.DATA_DIR,
        localCaPath: ca.caCertPath,
        machineBundlePath: env.NODE_EXTRA_CA_CERTS,
      }),
    },
    defaults: demoWebEnv({
      directory,
      identityPort: env.IDENTITY_PORT,
      exchangeOnlinePort: env.EXCHANGE_ONLINE_PORT,
      graphPort: env.GRAPH_PORT,
      tokenCacheKeys: await ensureTokenCacheKeys(env.DATA_DIR),
    }),
    onOutput: (line) => console.log(`[web] ${line}`),
  });
  webStarting.catch(() => {}); // as with the simulators
  cleanup(() =>
    webStarting.then(
      (web) => web.stop(),
      () => {},
    ),
  );
  await seedDemo(db, directory);
  const web = await webStarting;
  const onUnexpectedExit = (code: number | null) => {
    console.error(`[start] the web app stopped unexpectedly (exit ${code}); shutting down`);
    process.kill(process.pid, "SIGTERM");
  };
  web.process.once("exit", onUnexpectedExit);
  cleanup(async () => {
    web.process.off("exit", onUnexpectedExit);
  });

  const simulators = await simulatorsStarting;

  // The demo works without its agent (only on-premises steps wait for one): a failure is reported, not fatal.
  let agentSummary: string;
  try {
    const organization = await simulators.exchangeOnline.admin.ensureSeeded(DEMO_ORGANIZATION);
    const tenant = await db.tenant.findUniqueOrThrow({ where: { entraTenantId: organization.tenantId } });
    const agent = await ensureDemoAgentPaired({
      db,
      serverUrl: `http://127.0.0.1:${env.PORT}`,
      dataDir: env.DATA_DIR,
      tenant,
      simulatorStateFile: organization.onPremisesFile,
      onLine: agentSays,
    });
    const supervisor = superviseDemoAgent({ configPath: agent.configPath, onLine: agentSays, warn });
    cleanup(() => supervisor.stop());
    agentSummary = `Demo agent paired to ${agent.tenantName}: ${agent.name} (simulated on-premises Exchange)`;
  } catch (error) {
    warn(`the demo agent could not be started: ${error instanceof Error ? error.message : String(error)}`);
    agentSummary = "NOT RUNNING (see the warning above): the wizard's on-premises steps wait for an agent";
  }
  await db.$disconnect();

  const { identity, exchangeOnline, graph } = simulators;
  const banner = [
    `Hybrid Wizard is running (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
    "",
    `  Open        ${web.url}`,
    `  Health      ${web.url}/api/health`,
    `  Database    ${database.description}`,
    `  Sign-in     https://${identity.hostFor("Worldwide")} (simulated Entra ID)`,
    `  Exchange    ${exchangeOnline.baseUrlFor("Worldwide")} (simulated Exchange Online)`,
    `  Graph       ${graph.baseUrlFor("Worldwide")} (simulated Microsoft Graph)`,
    `  Agent       ${agentSummary}`,
    "  HTTPS       the sign-in pages use a certificate from a CA made on this machine: the browser",
    `              warns once (or trust ${ca.caCertPath})`,
    ...(operatorCloudSettings.length
      ? [`  Settings    yours win over the demo's: ${operatorCloudSettings.join(", ")}`]
      : []),
    "",
    await describeDemoSignIn(directory),
    "Press Ctrl-C to stop everything.",
  ];
  console.log(`\n${banner.join("\n").replace(/^(?=.)/gm, "  ")}\n`);
  return "keep-running";
});
