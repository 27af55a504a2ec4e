import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { Agent, fetch as undiciFetch } from "undici";
import { afterEach, describe, expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/net/find-free-port";
import { DEMO_APP_SECRETS, DEMO_USER } from "@/simulators/identity/demo-sign-in";
import { ensureLocalCa } from "@/simulators/tls/local-ca";
import { waitFor } from "@/tests/helpers/agent-cli";
import { descendantsOf, environmentOf, stillRunning } from "@/tests/helpers/process-tree";
import {
  databaseUrlIn,
  makeDataDir,
  type RunningProduct,
  runStartToExit,
  startProduct,
} from "@/tests/helpers/start-product";
import { openTestDatabaseServer } from "@/tests/helpers/test-database";

async function query(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const CONTOSO_TENANT_ID = "be02d50c-0ae5-4169-a670-583b92eb1181";

async function contosoAgents(databaseUrl: string) {
  return query(
    databaseUrl,
    `SELECT a.name, a."lastSeenAt" IS NOT NULL AS seen, a."revokedAt" IS NOT NULL AS revoked
       FROM "Agent" a JOIN "Tenant" t ON t.id = a."tenantId" WHERE t."entraTenantId" = $1`,
    [CONTOSO_TENANT_ID],
  );
}

/** Fetches Contoso's OpenID configuration trusting only the data folder's CA, as the web app does. */
async function discoveryOfContoso(identityUrl: string, dataDir: string): Promise<unknown> {
  const dispatcher = new Agent({ connect: { ca: await readFile(path.join(dataDir, "tls", "ca-cert.pem")) } });
  try {
    const response = await undiciFetch(
      `${identityUrl}/${CONTOSO_TENANT_ID}/v2.0/.well-known/openid-configuration`,
      {
        dispatcher,
      },
    );
    expect(response.status).toBe(200);
    return await response.json();
  } finally {
    await dispatcher.close();
  }
}

describe("npm start", () => {
  let running: RunningProduct | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it("brings up the whole demo on an embedded database and keeps it across a restart", async () => {
    const dataDir = await makeDataDir();
    running = await startProduct({ DATA_DIR: dataDir });
    const health = await fetch(`${running.url}/api/health`).then((response) => response.json());
    expect(health).toMatchObject({ status: "ok", db: "ok", migrations: { status: "up-to-date" } });
    const banner = running.output();
    expect(banner).toContain(`Open        ${running.url}`);
    expect(banner).toContain(`user:      ${DEMO_USER.userPrincipalName}`);
    expect(banner).toContain(`password:  ${DEMO_USER.password}`);
    expect(banner).toMatch(/otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
    expect(banner).toContain("Demo agent paired to Contoso: demo-agent");
    expect(banner).toContain(path.join(dataDir, "tls", "ca-cert.pem"));

    // The sign-in server speaks HTTPS with the certificate of the CA in the data folder.
    const discovery = await discoveryOfContoso(running.identityUrl, dataDir);
    expect(discovery).toMatchObject({
      issuer: `${running.identityUrl}/${CONTOSO_TENANT_ID}/v2.0`,
      token_endpoint: expect.stringContaining(running.identityUrl),
    });

    // The demo agent is paired to Contoso and polls the web app.
    await waitFor(
      async () => /\[agent\] .*connected: agent "demo-agent"/.test(running?.output() ?? ""),
      "the agent to poll",
    );
    const firstUrl = databaseUrlIn(running.output());
    const agents = await contosoAgents(firstUrl);
    expect(agents).toEqual([{ name: "demo-agent", seen: true, revoked: false }]);

    await query(firstUrl, `INSERT INTO "AuditEvent" (action, "targetType") VALUES ('test.marker', 'test')`);
    const children = descendantsOf(running.child.pid ?? 0);
    expect(children.some((child) => child.commandLine.includes("agent/cli.ts run"))).toBe(true);
    expect(children.some((child) => /serve-web\.ts/.test(child.commandLine))).toBe(true);
    // 130 = ended by SIGINT, as after Ctrl-C; the restart below proves the shutdown was clean.
    expect(await running.stop()).toBe(130);
    expect(stillRunning(children)).toEqual([]);

    running = await startProduct(running.env);
    expect(running.output()).toContain("Migrations: up to date");
    expect(running.output()).toContain("Demo agent paired to Contoso: demo-agent");
    expect(running.output()).not.toContain("[agent] Paired:");
    const secondUrl = databaseUrlIn(running.output());
    const rows = await query(secondUrl, `SELECT action FROM "AuditEvent" WHERE action = 'test.marker'`);
    expect(rows).toHaveLength(1);
    await waitFor(
      async () => /\[agent\] .*connected: agent "demo-agent"/.test(running?.output() ?? ""),
      "the agent to poll again",
    );
    expect(await contosoAgents(secondUrl)).toEqual([{ name: "demo-agent", seen: true, revoked: false }]);
  });

  it("uses the server DATABASE_URL names and starts no database of its own", async () => {
    const server = await openTestDatabaseServer(inject("databaseServerUrl"));
    try {
      const databaseUrl = await server.createDatabase("hw_start");
      const dataDir = await makeDataDir();
      const ownClientId = "11111111-2222-4333-8444-555555555555";
      // Stands in for the CA of a TLS-inspecting proxy that the operator gives Node.
      const operatorCa = await ensureLocalCa(await makeDataDir());
      running = await startProduct({
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        CLOUD_CHINA_CLIENT_ID: ownClientId,
        NODE_EXTRA_CA_CERTS: operatorCa.caCertPath,
      });
      expect(running.output()).toContain("(from DATABASE_URL)");
      expect(running.output()).toContain("yours win over the demo's: CLOUD_CHINA_CLIENT_ID");

      // The web app gets the demo's settings, except where the operator set their own.
      const web = descendantsOf(running.child.pid ?? 0).find((child) =>
        /serve-web\.ts/.test(child.commandLine),
      );
      const webEnv = environmentOf(web?.pid ?? 0);
      expect(webEnv).toMatchObject({
        CLOUD_CHINA_CLIENT_ID: ownClientId,
        CLOUD_WORLDWIDE_CLIENT_ID: "00ae3106-3a11-4e99-abf7-6501762e0df0",
        CLOUD_WORLDWIDE_CLIENT_SECRET: DEMO_APP_SECRETS.Worldwide,
        CLOUD_WORLDWIDE_AUTHORITY_URL: running.identityUrl,
        CLOUD_DOD_EXCHANGE_URL: `https://127.0.0.4:${running.env.EXCHANGE_ONLINE_PORT}`,
      });
      // The local CA joins the operator's CAs rather than replacing them.
      const trusted = await readFile(webEnv.NODE_EXTRA_CA_CERTS ?? "", "utf8");
      expect(trusted).toContain((await readFile(path.join(dataDir, "tls", "ca-cert.pem"), "utf8")).trim());
      expect(trusted).toContain(operatorCa.caCertPem.trim());
      const keysFile = path.join(dataDir, "token-cache-keys");
      expect((await stat(keysFile)).mode & 0o777).toBe(0o600);
      expect(webEnv.TOKEN_CACHE_KEYS).toBe((await readFile(keysFile, "utf8")).trim());
      expect(webEnv.TOKEN_CACHE_KEYS).toMatch(/^[\w-]+:[A-Za-z0-9+/]{43}=$/);
      const health = await fetch(`${running.url}/api/health`).then((response) => response.json());
      expect(health).toMatchObject({ status: "ok", db: "ok" });
      const tenants = await query(databaseUrl, `SELECT count(*)::int AS n FROM "Tenant"`);
      expect(tenants[0].n).toBeGreaterThan(0);
      await running.stop();
      running = undefined;
    } finally {
      await server.close();
    }
  });

  it("refuses a DATABASE_URL it cannot reach, naming the variable and the host", async () => {
    const port = await findFreePort();
    const result = await runStartToExit({
      DATABASE_URL: `postgresql://someone:secret@127.0.0.1:${port}/nowhere`,
      DATA_DIR: await makeDataDir(),
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain("DATABASE_URL");
    expect(result.output).toContain(`127.0.0.1:${port}`);
    expect(result.output).not.toContain("    at ");
  });

  it("refuses a port already in use, naming it and how to choose another", async () => {
    const blocker = createServer();
    const port = await findFreePort();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const result = await runStartToExit({ PORT: String(port), DATA_DIR: await makeDataDir() });
      expect(result.code).toBe(1);
      expect(result.output).toContain(`Port ${port} is already in use`);
      expect(result.output).toContain("PORT=");
    } finally {
      blocker.close();
    }
  });

  it("says what to do when the embedded data folder is damaged, and leaves it alone", async () => {
    const dataDir = await makeDataDir();
    await mkdir(path.join(dataDir, "postgres"));
    await writeFile(path.join(dataDir, "postgres", "leftover"), "not a database");
    const result = await runStartToExit({ DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.output).toContain("holds no PostgreSQL cluster");
    expect(result.output).toContain(`rm -rf ${path.join(dataDir, "postgres")}`);
  });

  it("rejects a PORT that is not a port number", async () => {
    const result = await runStartToExit({ PORT: "eighty" });
    expect(result.code).toBe(1);
    expect(result.output).toContain("PORT must be a port number");
  });
});
