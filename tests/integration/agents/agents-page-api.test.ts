import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ApiError, createApiClient } from "@/components/api/api-client";
import { createDb, type Db } from "@/lib/db";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { seedOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { runAgent } from "@/tests/helpers/agent-cli";
import {
  serviceEnvFor,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from "@/tests/helpers/identity";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";

// What the Agents page, the sign-in page and the settings page call, against the production build
// with real tokens: home realm discovery, pairing codes, the live event stream, revocation, tenant
// scoping, and the tenant's MFA policy.

let idp: TestIdentityProvider;
let databaseServer: TestDatabaseServer;
let db: Db;
let web: Awaited<ReturnType<typeof startWebApp>>;
let workDir: string;
let onPremisesFile: string;
const tokens: Partial<Record<keyof typeof ACCOUNTS, string>> = {};

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_agents_page");
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  web = await startWebApp({ databaseUrl, env: serviceEnvFor(idp) });
  workDir = await mkdtemp(path.join(os.tmpdir(), "hw-agents-page-"));
  ({ onPremisesFile } = await seedOrganizationPair(workDir, await loadFixture("contoso")));
  for (const name of ["adele", "diego"] as const)
    tokens[name] = (await signInAs(idp, ACCOUNTS[name])).access_token;
});

afterAll(async () => {
  await web?.stop();
  await db?.$disconnect();
  await databaseServer?.close();
  await idp?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function call(who: keyof typeof ACCOUNTS, pathname: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${tokens[who]}`);
  return fetch(`${web.url}${pathname}`, { ...init, headers });
}

/** Reads the tenant's agent event stream as the Agents page does; `next()` is the next event. */
async function openEvents(who: keyof typeof ACCOUNTS) {
  const abort = new AbortController();
  const response = await call(who, "/api/agents/events", { signal: abort.signal });
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  if (!response.body) throw new Error("the event stream has no body");
  const reader = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  const next = async () => {
    const { value, done } = await reader.read();
    if (done) throw new Error("the event stream ended");
    return { event: value.event, data: JSON.parse(value.data) as Record<string, unknown> };
  };
  expect((await next()).event).toBe("ready");
  return { next, close: () => abort.abort() };
}

describe("home realm discovery", () => {
  it("tells the browser where a known organization signs in, per cloud", async () => {
    const contoso = await (
      await fetch(`${web.url}/api/auth/realm?account=Adele@Contoso.onmicrosoft.com`)
    ).json();
    expect(contoso).toMatchObject({
      tenantDisplayName: "Contoso",
      cloud: "Worldwide",
      knownAuthority: idp.hostFor("Worldwide"),
    });
    expect(contoso.apiScope).toBe(`api://${contoso.clientId}/access_as_user`);
    const tailspin = await (
      await fetch(`${web.url}/api/auth/realm?account=wei@tailspincn.partner.onmschina.cn`)
    ).json();
    expect(tailspin).toMatchObject({ cloud: "China21Vianet", knownAuthority: idp.hostFor("China21Vianet") });
  });

  it("says so when no organization has the domain, or the account is not an address", async () => {
    const unknown = await fetch(`${web.url}/api/auth/realm?account=someone@example.org`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toContain(
      "No organization using Hybrid Wizard has the domain example.org",
    );
    const malformed = await fetch(`${web.url}/api/auth/realm?account=adele`);
    expect(malformed.status).toBe(422);
    expect(JSON.stringify(await malformed.json())).toContain("Enter your work account");
  });
});

describe("the Agents page", () => {
  it("pairs an agent with a code from the page, announces it live, and revokes it", async () => {
    expect((await (await call("adele", "/api/agents")).json()).agents).toEqual([]);
    const events = await openEvents("adele");
    try {
      const created = await call("adele", "/api/agents/pairing-codes", { method: "POST" });
      expect(created.status).toBe(201);
      const code = await created.json();
      expect(code.command).toBe(
        `node hybrid-agent.mjs pair ${code.code} --server ${new URL(web.url).origin}`,
      );

      const paired = await runAgent([
        "pair",
        code.code,
        "--server",
        web.url,
        "--name",
        "EX01 agent",
        "--config",
        path.join(workDir, "agent.json"),
        "--executor",
        "simulated",
        "--simulator-state",
        onPremisesFile,
      ]);
      expect(paired.code, paired.output).toBe(0);
      const announced = await events.next();
      expect(announced).toMatchObject({ event: "agent", data: { type: "paired", pairingCodeId: code.id } });

      const [agent] = (await (await call("adele", "/api/agents")).json()).agents;
      expect(agent).toMatchObject({
        id: announced.data.agentId,
        name: "EX01 agent",
        host: os.hostname(),
        online: true,
      });

      // Another tenant's admin neither sees nor revokes it.
      expect((await (await call("diego", "/api/agents")).json()).agents).toEqual([]);
      expect((await call("diego", `/api/agents/${agent.id}`, { method: "DELETE" })).status).toBe(404);

      expect((await call("adele", `/api/agents/${agent.id}`, { method: "DELETE" })).status).toBe(204);
      expect(await events.next()).toMatchObject({
        event: "agent",
        data: { type: "revoked", agentId: agent.id },
      });
      expect((await (await call("adele", "/api/agents")).json()).agents).toEqual([]);
    } finally {
      events.close();
    }
  });

  it("withdraws a code before it is used: the agent is then refused", async () => {
    const code = await (await call("adele", "/api/agents/pairing-codes", { method: "POST" })).json();
    expect((await call("diego", `/api/agents/pairing-codes/${code.id}`, { method: "DELETE" })).status).toBe(
      404,
    );
    expect((await call("adele", `/api/agents/pairing-codes/${code.id}`, { method: "DELETE" })).status).toBe(
      204,
    );
    const refused = await runAgent([
      "pair",
      code.code,
      "--server",
      web.url,
      "--config",
      path.join(workDir, "withdrawn.json"),
      "--executor",
      "simulated",
      "--simulator-state",
      onPremisesFile,
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/pairing code/i);
  });
});

describe("the browser's API client", () => {
  const clientOf = (who: keyof typeof ACCOUNTS) =>
    createApiClient((pathname, init) => call(who, pathname, init));
  const refusalOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("expected the service to refuse");
      },
      (error: unknown) => error,
    );

  it("reads every answer through its contract", async () => {
    const adele = clientOf("adele");
    expect((await adele.me()).role).toBe("owner");
    const code = await adele.createPairingCode();
    expect(code.command).toContain(code.code);
    expect(Array.isArray((await adele.listAgents()).agents)).toBe(true);
    await adele.withdrawPairingCode(code.id);
  });

  it("throws the service's reason when withdrawing a code or revoking an agent is refused", async () => {
    const adele = clientOf("adele");
    const code = await adele.createPairingCode();
    // Another tenant's admin cannot withdraw it; withdrawn once, it cannot be withdrawn again.
    const notTheirs = await refusalOf(clientOf("diego").withdrawPairingCode(code.id));
    expect(notTheirs).toBeInstanceOf(ApiError);
    expect(notTheirs).toMatchObject({ status: 404, code: "not_found" });
    await adele.withdrawPairingCode(code.id);
    expect(await refusalOf(adele.withdrawPairingCode(code.id))).toMatchObject({
      status: 404,
      message: "There is no unused pairing code with this id in this tenant.",
    });
    expect(await refusalOf(adele.revokeAgent(crypto.randomUUID()))).toMatchObject({
      status: 404,
      message: "There is no active agent with this id in this tenant.",
    });
    // An id that is not a UUID names no agent: refused before the handler runs, saying so.
    expect(await refusalOf(adele.revokeAgent("not-an-id"))).toMatchObject({
      status: 404,
      code: "not_found",
      message: "No such agent: agent ids are UUIDs.",
    });
  });
});

describe("the sign-in policy", () => {
  it("lets a Global Administrator with MFA make MFA optional, which lets an admin without MFA in", async () => {
    const alex = (await signInAs(idp, ACCOUNTS.alex)).access_token;
    const me = (token: string) =>
      fetch(`${web.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await (await me(alex)).json()).error.reason).toBe("mfa_required");

    const changed = await call("adele", "/api/tenant/settings", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mfaPolicy: "Optional" }),
    });
    expect(changed.status).toBe(200);
    const alexMe = await me(alex);
    expect(alexMe.status).toBe(200);
    expect((await alexMe.json()).mfa).toBe(false);

    // Alex is an Exchange Administrator, not a Global Administrator: the policy is not his to change.
    const refused = await fetch(`${web.url}/api/tenant/settings`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${alex}`, "content-type": "application/json" },
      body: JSON.stringify({ mfaPolicy: "Required" }),
    });
    expect(refused.status).toBe(403);
    // Changing the sign-in policy is an owner's (lib/roles); an Exchange Administrator is an operator.
    expect((await refused.json()).error.reason).toBe("role_required");
    const audit = await db.auditEvent.findMany({ where: { action: "tenant.mfa_policy_changed" } });
    expect(audit.map((event) => event.details)).toEqual([{ from: "Required", to: "Optional" }]);
  });

  it("refuses a policy that is neither Required nor Optional, saying what is allowed", async () => {
    const response = await call("adele", "/api/tenant/settings", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mfaPolicy: "Sometimes" }),
    });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain("mfaPolicy must be Required or Optional");
  });
});
