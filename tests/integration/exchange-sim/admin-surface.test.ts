import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExchangeAdminServer } from "@/simulators/exchange/admin/start-admin-server";
import { openOnPremisesOrganization } from "@/simulators/exchange/on-premises";

// The admin surface the demo and out-of-process tests use: HTTP on loopback, and the CLI.

const CONTOSO_TENANT = "be02d50c-0ae5-4169-a670-583b92eb1181";
let dataDir: string;
let server: Awaited<ReturnType<typeof startExchangeAdminServer>>;

async function request(method: string, route: string, body?: unknown) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.resolve("node_modules/tsx/dist/cli.mjs"),
      "simulators/exchange/admin-cli.ts",
      "--data-dir",
      dataDir,
      ...args,
    ],
    { encoding: "utf8" },
  );
  return stdout;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "exchange-admin-"));
  server = await startExchangeAdminServer({ dataDir, port: 0 });
});
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("admin HTTP API", () => {
  it("seeds a pair, shows both sides, sets and clears faults, and resets", async () => {
    expect((await request("GET", "/fixtures")).body).toMatchObject({
      fixtures: expect.arrayContaining(["contoso"]),
    });
    const seeded = await request("POST", "/pairs", { fixture: "contoso" });
    expect(seeded.status).toBe(201);
    expect(seeded.body).toMatchObject({ name: "contoso", tenantId: CONTOSO_TENANT });
    expect((await request("GET", `/online/${CONTOSO_TENANT}`)).body).toMatchObject({ side: "Online" });
    expect((await request("GET", "/on-premises/contoso")).body).toMatchObject({
      organizationName: "Contoso",
    });
    expect((await request("GET", "/on-premises/nowhere")).status).toBe(404);

    const fault = await request("POST", "/on-premises/contoso/faults", {
      cmdlet: "Get-ExchangeServer",
      kind: "drop-session",
    });
    expect(fault.status).toBe(201);
    const organization = await openOnPremisesOrganization({ stateFile: String(seeded.body!.onPremisesFile) });
    await expect(organization.invoke("Get-ExchangeServer")).rejects.toMatchObject({
      data: { kind: "SessionDropped" },
    });
    const viaApi = await request("POST", "/on-premises/contoso/invoke", { cmdletName: "Get-ExchangeServer" });
    expect(viaApi.status).toBe(400);
    expect(viaApi.body).toMatchObject({ error: { kind: "SessionDropped", transient: true } });
    expect((await request("DELETE", `/on-premises/contoso/faults/${String(fault.body!.id)}`)).status).toBe(
      204,
    );
    expect((await organization.invoke("Get-ExchangeServer")).value).toHaveLength(2);

    await organization.invoke("New-HybridConfiguration");
    expect((await request("POST", "/on-premises/contoso/reset")).status).toBe(200);
    expect((await organization.invoke("Get-HybridConfiguration")).value).toEqual([]);

    expect(
      (await request("POST", "/on-premises/contoso/faults", { cmdlet: "x", kind: "explode" })).status,
    ).toBe(400);
    expect(
      (await request("PUT", `/online/${CONTOSO_TENANT}/rate-limit`, { limit: 5, windowSeconds: 10 })).status,
    ).toBe(200);
    expect((await request("GET", `/online/${CONTOSO_TENANT}`)).body).toMatchObject({
      rateLimit: { limit: 5 },
    });
  });
});

describe("admin CLI", () => {
  it("seeds, shows and breaks an organization from the command line", async () => {
    expect(JSON.parse(await cli("seed", "fabrikam"))).toMatchObject({ name: "fabrikam" });
    const state = JSON.parse(await cli("show", "on-premises", "fabrikam")) as {
      objects: { ExchangeServer: unknown[] };
    };
    expect(state.objects.ExchangeServer).toHaveLength(2);
    await cli(
      "fault",
      "on-premises",
      "fabrikam",
      '{"cmdlet":"Get-FederationTrust","kind":"error","times":1}',
    );
    const organization = await openOnPremisesOrganization({
      stateFile: path.join(dataDir, "on-premises", "fabrikam.json"),
    });
    await expect(organization.invoke("Get-FederationTrust")).rejects.toMatchObject({
      data: { message: "Simulated failure of Get-FederationTrust." },
    });
    expect((await organization.invoke("Get-FederationTrust")).value).toEqual([]);
  });
});
