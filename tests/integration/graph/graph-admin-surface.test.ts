import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGraphAdminServer } from "@/simulators/graph/admin/start-graph-admin-server";
import { loadDirectory } from "@/simulators/identity/directory/load-directory";

// The Graph simulator's admin surface over HTTP: what another process uses to break Graph on purpose.

const CONTOSO = "be02d50c-0ae5-4169-a670-583b92eb1181";

let dataDir: string;
let server: Awaited<ReturnType<typeof startGraphAdminServer>>;

const call = async (method: string, route: string, body?: unknown) => {
  const response = await fetch(`${server.url}${route}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
};

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.resolve("node_modules/tsx/dist/cli.mjs"),
      "simulators/graph/admin-cli.ts",
      "--data-dir",
      dataDir,
      ...args,
    ],
    { encoding: "utf8" },
  );
  return stdout;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "graph-admin-"));
  server = await startGraphAdminServer({ dataDir, directory: await loadDirectory(), port: 0 });
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the Graph admin surface", () => {
  it("sets a fault and a request budget in the tenant's state, and a reset clears both", async () => {
    const fault = await call("POST", `/tenants/${CONTOSO}/faults`, {
      route: "POST /servicePrincipals/{id}/appRoleAssignments",
      kind: "error",
    });
    expect(fault).toMatchObject({ status: 201, body: { kind: "error", id: expect.any(String) } });
    expect(
      (await call("PUT", `/tenants/${CONTOSO}/rate-limit`, { limit: 5, windowSeconds: 60 })).status,
    ).toBe(200);
    const state = await call("GET", `/tenants/${CONTOSO}`);
    expect(state.body).toMatchObject({
      tenant: { displayName: "Contoso" },
      faults: [{ id: fault.body.id, route: "POST /servicePrincipals/{id}/appRoleAssignments" }],
      rateLimit: { limit: 5, windowSeconds: 60 },
    });
    const reset = await call("POST", `/tenants/${CONTOSO}/reset`);
    expect(reset.body).toMatchObject({ faults: [], applications: [] });
    expect(reset.body.rateLimit).toBeUndefined();
  });

  it("says what is wrong with a fault, and that a tenant is not in the directory", async () => {
    const bad = await call("POST", `/tenants/${CONTOSO}/faults`, { route: "*", kind: "explode" });
    expect(bad.status).toBe(400);
    const unknown = await call("GET", "/tenants/00000000-1111-4222-8333-444444444444");
    expect(unknown).toEqual({
      status: 404,
      body: { error: "No tenant 00000000-1111-4222-8333-444444444444 in the identity directory" },
    });
  });

  it("does the same from the command line, on the same files", async () => {
    const fault = JSON.parse(
      await cli("fault", CONTOSO, '{"route":"*","kind":"throttle","retryAfterSeconds":5}'),
    );
    expect((await call("GET", `/tenants/${CONTOSO}`)).body.faults).toEqual([
      expect.objectContaining({ id: fault.id }),
    ]);
    await cli("clear-faults", CONTOSO);
    expect(JSON.parse(await cli("show", CONTOSO))).toMatchObject({ faults: [] });
  });
});
