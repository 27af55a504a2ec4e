import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeJwt } from "jose";
import { inject, vi } from "vitest";
import { cloudEnvKey } from "@/lib/auth/clouds";
import { directoryRolesFromWids } from "@/lib/auth/directory-roles";
import { createDb, type Db } from "@/lib/db";
import type { Tenant, User } from "@/lib/generated/prisma/client";
import { acquireGraphToken } from "@/lib/graph/graph-token";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { demoSignInEnv } from "@/scripts/lib/demo-web-env";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { GRAPH_CLOUD_NAMES, GRAPH_CLOUDS } from "@/simulators/graph/graph-clouds";
import { type RunningGraph, startGraph } from "@/simulators/graph/start-graph";
import { ensureLocalCa } from "@/simulators/tls/local-ca";
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
  trustIdentityProviderCa,
} from "@/tests/helpers/identity";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";
import { userActing } from "@/tests/helpers/user-acting";
import { type ACCOUNTS, signInAs, tenantOf } from "@/tests/integration/identity/scenario";
import { tokenCacheKey } from "../exchange/exchange-scenario";

// The service's side of Microsoft Graph in tests: the identity simulator, the Graph simulator (its
// certificate from the identity simulator's CA), a fresh database seeded with the demo directory,
// and every cloud's CLOUD_* settings pointing at them, as npm start sets them.

export type Account = (typeof ACCOUNTS)[keyof typeof ACCOUNTS];

export interface GraphScenario {
  idp: TestIdentityProvider;
  graph: RunningGraph;
  db: Db;
  tenantRow(account: Pick<Account, "domain">): Promise<Tenant>;
  userRow(account: Account): Promise<User>;
  /** Signs the account in with the service's API scope: the on-behalf-of assertion. */
  assertionOf(account: Account): Promise<string>;
  /** Signs the account in and trades the sign-in for a Graph token, as the service does. */
  graphTokenOf(account: Account): Promise<string>;
  /** Signs the account in: the acting context a route would build from that sign-in. */
  actingOf(account: Account): Promise<UserActingContext>;
  stop(): Promise<void>;
}

export async function startGraphScenario(): Promise<GraphScenario> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "graph-scenario-"));
  const idp = await startTestIdentityProvider();
  trustIdentityProviderCa(idp);
  const ca = await ensureLocalCa(path.dirname(idp.caCertPath));
  const hosts = GRAPH_CLOUD_NAMES.flatMap((cloud) => [
    GRAPH_CLOUDS[cloud].host,
    GRAPH_CLOUDS[cloud].loopbackAddress,
  ]);
  const graph = await startGraph({
    dataDir,
    port: 0,
    tls: await ca.issueServerCertificate(hosts),
    directory: idp.directory,
    authorityBaseFor: (cloud) => `https://${idp.hostFor(cloud)}`,
    authorityCaPem: idp.caCertPem,
  });
  const databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_graph");
  const db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);

  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    ...demoSignInEnv(idp.directory, idp.port),
    TOKEN_CACHE_KEYS: tokenCacheKey("k1").setting,
  };
  for (const cloud of GRAPH_CLOUD_NAMES)
    env[`CLOUD_${cloudEnvKey(cloud)}_GRAPH_URL`] = graph.baseUrlFor(cloud);
  // getCloudEnv() parses once per process: these must be set before its first use.
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);

  const tenantRow = (account: Pick<Account, "domain">) =>
    db.tenant.findUniqueOrThrow({ where: { entraTenantId: tenantOf(idp, account.domain).tenantId } });
  const userRow = async (account: Account) => {
    const home = tenantOf(idp, account.domain);
    const user = home.users.find((candidate) => candidate.userPrincipalName === account.username);
    if (!user) throw new Error(`no user ${account.username}`);
    return db.user.findUniqueOrThrow({
      where: {
        homeTenantId_objectId: { homeTenantId: (await tenantRow(account)).id, objectId: user.objectId },
      },
    });
  };
  const assertionOf = async (account: Account) => (await signInAs(idp, account)).access_token;
  /** The context userRoute would build from the account's sign-in, with the roles its token carries. */
  const actingOf = async (account: Account): Promise<UserActingContext> => {
    const accessToken = await assertionOf(account);
    const claims = decodeJwt(accessToken);
    const acting = userActing({
      tenant: await tenantRow(account),
      user: await userRow(account),
      accessToken,
    });
    const actor = {
      ...acting.actor,
      directoryRoles: directoryRolesFromWids((claims.wids as string[] | undefined) ?? []),
      mfa: ((claims.amr as string[] | undefined) ?? []).includes("mfa"),
    };
    return { ...acting, actor };
  };
  return {
    idp,
    graph,
    db,
    tenantRow,
    userRow,
    assertionOf,
    async graphTokenOf(account) {
      const token = await acquireGraphToken({ db, acting: await actingOf(account) });
      return token.accessToken;
    },
    actingOf,
    async stop() {
      vi.unstubAllEnvs();
      await db.$disconnect();
      await databaseServer.close();
      await graph.close();
      await idp.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
