import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { rootCertificates } from "node:tls";
import { Agent, setGlobalDispatcher } from "undici";
import { CLOUDS, cloudEnvKey } from "@/lib/auth/clouds";
import { demoSignInEnv } from "@/scripts/lib/demo-web-env";
import type { OrganizationFixture } from "@/simulators/exchange/fixtures/fixture-schema";
import { seedOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { exchangeOnlineAddresses } from "@/simulators/exchange/online/exchange-clouds";
import {
  type RunningExchangeOnline,
  startExchangeOnline,
} from "@/simulators/exchange/online/start-exchange-online";
import { GRAPH_CLOUD_NAMES, GRAPH_CLOUDS } from "@/simulators/graph/graph-clouds";
import { type RunningGraph, startGraph } from "@/simulators/graph/start-graph";
import { CLOUDS as IDENTITY_CLOUDS } from "@/simulators/identity/clouds";
import { DEMO_ADMINS } from "@/simulators/identity/demo-sign-in";
import { signInThroughPages } from "@/simulators/identity/scripted-sign-in";
import {
  type RunningIdentityProvider,
  startIdentityProvider,
} from "@/simulators/identity/start-identity-provider";
import { ensureLocalCa } from "@/simulators/tls/local-ca";

// The dry run's Microsoft: the identity simulator, the Exchange Online and Graph simulators, in this
// process on free loopback ports, reached over their real HTTPS APIs. Start once per process: the
// service's cloud settings (CLOUD_*) are read once, and they point at these ports.

export interface DryRunSimulators {
  identity: RunningIdentityProvider;
  exchangeOnline: RunningExchangeOnline;
  graph: RunningGraph;
  /** Where both sides' state files live: `on-premises/<name>.json`, `online/<tenant id>.json`. */
  exchangeDataDir: string;
  /** Writes both sides of a fixture, replacing what was there; the on-premises state file. */
  seed(fixture: OrganizationFixture): Promise<string>;
  /** A token of the fixture tenant's demo admin for Exchange Online or Microsoft Graph, signed in through the login pages. */
  signInAdmin(fixture: OrganizationFixture, api?: "exchange" | "graph"): Promise<string>;
  close(): Promise<void>;
}

export async function startDryRunSimulators(): Promise<DryRunSimulators> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "hw-plan-"));
  const caDir = path.join(dataDir, "tls");
  const exchangeDataDir = path.join(dataDir, "exchange");
  const identity = await startIdentityProvider({ dataDir, port: 0, caDir });
  const ca = await ensureLocalCa(caDir);
  const exchangeOnline = await startExchangeOnline({
    dataDir: exchangeDataDir,
    port: 0,
    tls: await ca.issueServerCertificate(["localhost", ...exchangeOnlineAddresses()]),
    authorityBaseFor: (cloud) => `https://${identity.hostFor(cloud)}`,
    authorityCaPem: ca.caCertPem,
  });
  const graph = await startGraph({
    dataDir: path.join(dataDir, "graph"),
    port: 0,
    tls: await ca.issueServerCertificate(
      GRAPH_CLOUD_NAMES.flatMap((cloud) => [GRAPH_CLOUDS[cloud].host, GRAPH_CLOUDS[cloud].loopbackAddress]),
    ),
    directory: identity.directory,
    authorityBaseFor: (cloud) => `https://${identity.hostFor(cloud)}`,
    authorityCaPem: ca.caCertPem,
  });
  // This process is the service here: it trusts the local CA and finds each cloud at the simulators.
  const dispatcher = new Agent({ connect: { ca: [...rootCertificates, ca.caCertPem] } });
  setGlobalDispatcher(dispatcher);
  const env = demoSignInEnv(identity.directory, identity.port);
  for (const cloud of CLOUDS) {
    env[`CLOUD_${cloudEnvKey(cloud)}_EXCHANGE_URL`] = exchangeOnline.baseUrlFor(cloud);
    env[`CLOUD_${cloudEnvKey(cloud)}_GRAPH_URL`] = graph.baseUrlFor(cloud);
  }
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);

  return {
    identity,
    exchangeOnline,
    graph,
    exchangeDataDir,
    async seed(fixture) {
      return (await seedOrganizationPair(exchangeDataDir, fixture)).onPremisesFile;
    },
    async signInAdmin(fixture, api = "exchange") {
      const { tenantId, cloud, initialDomain } = fixture.tenant;
      const admin = DEMO_ADMINS[initialDomain];
      const tenant = identity.directory.findTenant(tenantId);
      const app = identity.directory.applications.find((candidate) => candidate.clouds.includes(cloud));
      if (!admin || !tenant || !app) {
        throw new Error(
          `The identity simulator has no demo admin for ${initialDomain} (tenant ${tenantId}): add the tenant and a Global Administrator to simulators/identity/directory.json and simulators/identity/demo-sign-in.ts.`,
        );
      }
      const totpSecret = tenant.users.find(
        (user) => user.userPrincipalName === admin.userPrincipalName,
      )?.totpSecret;
      const token = await signInThroughPages({
        authority: identity.authorityFor(cloud, tenantId),
        dispatcher,
        request: {
          tenantId,
          username: admin.userPrincipalName,
          password: admin.password,
          totpSecret,
          clientId: app.clientId,
          redirectUri: "http://localhost/auth/redirect",
          scopes: [
            `${api === "graph" ? IDENTITY_CLOUDS[cloud].graphResource : IDENTITY_CLOUDS[cloud].exchangeResource}/.default`,
            "openid",
            "profile",
          ],
        },
      });
      return token.access_token;
    },
    async close() {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await exchangeOnline.close();
      await graph.close();
      await identity.close();
      await dispatcher.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
