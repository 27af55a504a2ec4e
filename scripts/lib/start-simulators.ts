import path from "node:path";
import type { RunningExchangeOnline } from "@/simulators/exchange/online/start-exchange-online";
import type { RunningGraph } from "@/simulators/graph/start-graph";
import type { RunningIdentityProvider } from "@/simulators/identity/start-identity-provider";

export interface RunningSimulators {
  identity: RunningIdentityProvider;
  exchangeOnline: RunningExchangeOnline;
  graph: RunningGraph;
  close(): Promise<void>;
}

/**
 * The identity provider, the Exchange Online simulator and Microsoft Graph, on loopback, sharing one local CA in
 * `<dataDir>/tls`. Every shipped organization pair is seeded the first time and kept after, so
 * what the demo changed in Exchange survives a restart.
 */
export async function startSimulators(options: {
  dataDir: string;
  identityPort: number;
  exchangeOnlinePort: number;
  graphPort: number;
}): Promise<RunningSimulators> {
  // Loaded only now (oidc-provider alone takes about a second): npm start begins starting the
  // database first, and this loading happens while it boots.
  const [
    { listShippedFixtures },
    { exchangeOnlineAddresses },
    { startExchangeOnline },
    { startIdentityProvider },
    { ensureLocalCa },
    { graphAddresses },
    { startGraph },
  ] = await Promise.all([
    import("@/simulators/exchange/fixtures/load-fixture"),
    import("@/simulators/exchange/online/exchange-clouds"),
    import("@/simulators/exchange/online/start-exchange-online"),
    import("@/simulators/identity/start-identity-provider"),
    import("@/simulators/tls/local-ca"),
    import("@/simulators/graph/graph-clouds"),
    import("@/simulators/graph/start-graph"),
  ]);
  const caDir = path.join(options.dataDir, "tls");
  const identity = await startIdentityProvider({
    dataDir: options.dataDir,
    port: options.identityPort,
    caDir,
  });
  try {
    const ca = await ensureLocalCa(caDir);
    const exchangeOnline = await startExchangeOnline({
      // Both sides of every organization: `exchange/on-premises/`, `exchange/online/`.
      dataDir: path.join(options.dataDir, "exchange"),
      port: options.exchangeOnlinePort,
      tls: await ca.issueServerCertificate(["localhost", ...exchangeOnlineAddresses()]),
      authorityBaseFor: (cloud) => `https://${identity.hostFor(cloud)}`,
      authorityCaPem: ca.caCertPem,
      fixtures: await listShippedFixtures(),
    });
    const graph = await startGraph({
      // One state file per tenant of the directory, made on first use.
      dataDir: path.join(options.dataDir, "graph"),
      port: options.graphPort,
      tls: await ca.issueServerCertificate(["localhost", ...graphAddresses()]),
      directory: identity.directory,
      authorityBaseFor: (cloud) => `https://${identity.hostFor(cloud)}`,
      authorityCaPem: ca.caCertPem,
    }).catch(async (error: unknown) => {
      await exchangeOnline.close();
      throw error;
    });
    return {
      identity,
      exchangeOnline,
      graph,
      close: async () => {
        await graph.close();
        await exchangeOnline.close();
        await identity.close();
      },
    };
  } catch (error) {
    await identity.close();
    throw error;
  }
}
