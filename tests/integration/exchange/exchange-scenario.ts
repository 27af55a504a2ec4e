import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject, vi } from "vitest";
import { createDb, type Db } from "@/lib/db";
import type { Tenant, User } from "@/lib/generated/prisma/client";
import { seedDemo } from "@/scripts/lib/seed-demo";
import type { RunningExchangeOnline } from "@/simulators/exchange/online/start-exchange-online";
import { GRAPH_CLOUD_NAMES, GRAPH_CLOUDS } from "@/simulators/graph/graph-clouds";
import { type RunningGraph, startGraph } from "@/simulators/graph/start-graph";
import { ensureLocalCa } from "@/simulators/tls/local-ca";
import { startExchangeOnlineFor } from "@/tests/helpers/exchange-online";
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
  trustIdentityProviderCa,
} from "@/tests/helpers/identity";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";
import {
  type ACCOUNTS,
  appFor,
  CLIENT_SECRETS,
  signInAs,
  tenantOf,
} from "@/tests/integration/identity/scenario";

// The service's side of Exchange Online in tests: the identity simulator, the Exchange Online
// simulator (its certificate from the identity simulator's CA, so one CA file serves both), a fresh
// database seeded with the demo directory, and the environment a process of the service needs.

type Account = (typeof ACCOUNTS)[keyof typeof ACCOUNTS];
/** Any person of the directory, by home domain and user name. */
type Person = { domain: string; username: string };

export interface ExchangeScenario {
  idp: TestIdentityProvider;
  exchange: RunningExchangeOnline;
  /** Microsoft Graph, when asked for (`graph: true`): CLOUD_WORLDWIDE_GRAPH_URL points at it. */
  graph?: RunningGraph;
  /** The simulators' state: `on-premises/<fixture>.json` (paired with its tenant), `online/<tenant id>.json`. */
  dataDir: string;
  db: Db;
  /** CLOUD_WORLDWIDE_*, TOKEN_CACHE_KEYS and DATABASE_URL, already set for this test process. */
  env: Record<string, string>;
  tenantRow(person: Pick<Person, "domain">): Promise<Tenant>;
  userRow(person: Person): Promise<User>;
  /** Signs the account in with the service's API scope; the access token is the on-behalf-of assertion. */
  assertionOf(account: Account): Promise<string>;
  stop(): Promise<void>;
}

/** The Graph simulator over the identity simulator's CA, its state beside the Exchange simulators'. */
async function startGraphFor(idp: TestIdentityProvider, dataDir: string): Promise<RunningGraph> {
  const ca = await ensureLocalCa(path.dirname(idp.caCertPath));
  const hosts = GRAPH_CLOUD_NAMES.flatMap((cloud) => [
    GRAPH_CLOUDS[cloud].host,
    GRAPH_CLOUDS[cloud].loopbackAddress,
  ]);
  return startGraph({
    dataDir: path.join(dataDir, "graph"),
    port: 0,
    tls: await ca.issueServerCertificate(hosts),
    directory: idp.directory,
    authorityBaseFor: (cloud) => `https://${idp.hostFor(cloud)}`,
    authorityCaPem: idp.caCertPem,
  });
}

export function tokenCacheKey(id: string): { id: string; key: Buffer; setting: string } {
  const key = randomBytes(32);
  return { id, key, setting: `${id}:${key.toString("base64")}` };
}

export async function startExchangeScenario(
  fixtures: string[],
  /** Short-lived tokens, to test what happens once an admin's sign-in has expired; Graph too. */
  identity: { accessTokenLifetimeSeconds?: number; graph?: boolean } = {},
): Promise<ExchangeScenario> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "exchange-scenario-"));
  const { graph: withGraph, ...identityOptions } = identity;
  const idp = await startTestIdentityProvider(identityOptions);
  trustIdentityProviderCa(idp);
  const exchange = await startExchangeOnlineFor(idp, dataDir, fixtures);
  const graph = withGraph ? await startGraphFor(idp, dataDir) : undefined;
  const databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_exchange");
  const db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);

  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    CLOUD_WORLDWIDE_AUTHORITY_URL: `https://${idp.hostFor("Worldwide")}`,
    CLOUD_WORLDWIDE_CLIENT_ID: appFor(idp, "Worldwide").clientId,
    CLOUD_WORLDWIDE_CLIENT_SECRET: CLIENT_SECRETS.Worldwide,
    CLOUD_WORLDWIDE_EXCHANGE_URL: exchange.baseUrlFor("Worldwide"),
    CLOUD_WORLDWIDE_COMPLIANCE_URL: exchange.complianceUrlFor("Worldwide"),
    ...(graph ? { CLOUD_WORLDWIDE_GRAPH_URL: graph.baseUrlFor("Worldwide") } : {}),
    TOKEN_CACHE_KEYS: tokenCacheKey("k1").setting,
  };
  // getCloudEnv() parses once per process: these must be set before its first use.
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);

  const tenantRow = (account: Pick<Person, "domain">) =>
    db.tenant.findUniqueOrThrow({ where: { entraTenantId: tenantOf(idp, account.domain).tenantId } });
  return {
    idp,
    exchange,
    ...(graph ? { graph } : {}),
    dataDir,
    db,
    env,
    tenantRow,
    async userRow(account) {
      const home = tenantOf(idp, account.domain);
      const user = home.users.find((candidate) => candidate.userPrincipalName === account.username);
      if (!user) throw new Error(`no user ${account.username}`);
      const tenant = await tenantRow(account);
      return db.user.findUniqueOrThrow({
        where: { homeTenantId_objectId: { homeTenantId: tenant.id, objectId: user.objectId } },
      });
    },
    assertionOf: async (account) => (await signInAs(idp, account)).access_token,
    async stop() {
      vi.unstubAllEnvs();
      await db.$disconnect();
      await databaseServer.close();
      await exchange.close();
      await graph?.close();
      await idp.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
