import { afterEach, describe, expect, it, vi } from "vitest";
import { demoWebEnv } from "@/scripts/lib/demo-web-env";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { GRAPH_CLOUDS, graphCloudOfRequest } from "@/simulators/graph/graph-clouds";
import { cloudsAtAddress } from "@/simulators/identity/clouds";
import { loadDirectory } from "@/simulators/identity/directory/load-directory";

// Tailspin (21Vianet), Northwind (GCC High) and Litware (DoD) sign in and reach Microsoft Graph at
// their own cloud's hosts only: in production at Microsoft's national hosts, under npm start at the
// simulators' addresses that stand for that cloud and no other. A Worldwide host here would send a
// national tenant's admin token (and its data) to the wrong cloud.

const NATIONAL = [
  {
    fixture: "tailspin",
    cloud: "China21Vianet",
    login: "login.chinacloudapi.cn",
    graph: "microsoftgraph.chinacloudapi.cn",
  },
  {
    fixture: "northwind",
    cloud: "UsGovGccHigh",
    login: "login.microsoftonline.us",
    graph: "graph.microsoft.us",
  },
  {
    fixture: "litware",
    cloud: "UsGovDod",
    login: "login.microsoftonline.us",
    graph: "dod-graph.microsoft.us",
  },
] as const;

const WORLDWIDE_HOSTS = ["login.microsoftonline.com", "graph.microsoft.com"];

/** lib/auth/clouds.ts as a process started with `env` sees it (the cloud settings are read once). */
async function cloudsWith(env: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import("@/lib/auth/clouds");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the national clouds' tenants", () => {
  it("are in their own cloud, and in production reach Microsoft's hosts of that cloud only", async () => {
    const { getCloudConfig, cloudEnvKey, CLOUDS } = await cloudsWith({
      CLOUD_WORLDWIDE_CLIENT_ID: "11111111-1111-4111-8111-111111111111",
      CLOUD_CHINA_CLIENT_ID: "22222222-2222-4222-8222-222222222222",
      CLOUD_GCCHIGH_CLIENT_ID: "33333333-3333-4333-8333-333333333333",
      CLOUD_DOD_CLIENT_ID: "44444444-4444-4444-8444-444444444444",
    });
    expect(CLOUDS.map(cloudEnvKey)).toEqual(["WORLDWIDE", "CHINA", "GCCHIGH", "DOD"]);
    for (const { fixture, cloud, login, graph } of NATIONAL) {
      expect((await loadFixture(fixture)).tenant.cloud).toBe(cloud);
      const config = getCloudConfig(cloud)!;
      const hosts = [new URL(config.authorityUrl).host, new URL(config.graphUrl).host];
      expect(hosts, cloud).toEqual([login, graph]);
      expect(new URL(config.graphResource).host).toBe(graph);
      // The Graph simulator stands in for the same host, so what it accepts is what Microsoft would.
      expect(GRAPH_CLOUDS[cloud].host).toBe(graph);
      expect(hosts.filter((host) => WORLDWIDE_HOSTS.includes(host))).toEqual([]);
      // Each cloud's Graph host is its own: GCC High and DoD share a login host, not a Graph host.
      const others = NATIONAL.filter((other) => other.cloud !== cloud).map((other) => other.graph);
      expect(others).not.toContain(graph);
    }
  });

  it("under npm start reach the simulators' address of their own cloud, which answers as that cloud", async () => {
    const env = demoWebEnv({
      directory: await loadDirectory(),
      identityPort: 4301,
      exchangeOnlinePort: 4302,
      graphPort: 4303,
      tokenCacheKeys: "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    });
    const { getCloudConfig } = await cloudsWith(env);
    for (const { cloud } of NATIONAL) {
      const config = getCloudConfig(cloud)!;
      const graph = new URL(config.graphUrl);
      // What the Graph simulator makes of a request that reached this address: this cloud's Graph.
      expect(graphCloudOfRequest(graph.host, graph.hostname), cloud).toBe(cloud);
      expect(graphCloudOfRequest(undefined, graph.hostname)).toBe(cloud);
      // The identity simulator's authority at this address serves this cloud (GCC High and DoD's one authority).
      expect(cloudsAtAddress(new URL(config.authorityUrl).hostname)).toContain(cloud);
      expect(cloudsAtAddress(new URL(config.authorityUrl).hostname)).not.toContain("Worldwide");
    }
  });
});
