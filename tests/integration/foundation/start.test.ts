import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/net/find-free-port";
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

describe("npm start", () => {
  let running: RunningProduct | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it("comes up on an embedded database, healthy, and keeps its data across a restart", async () => {
    const dataDir = await makeDataDir();
    running = await startProduct({ DATA_DIR: dataDir });
    const health = await fetch(`${running.url}/api/health`).then((response) => response.json());
    expect(health).toMatchObject({ status: "ok", db: "ok", migrations: { status: "up-to-date" } });
    expect(running.output()).toContain(`Open        ${running.url}`);

    const firstUrl = databaseUrlIn(running.output());
    await query(firstUrl, `INSERT INTO "AuditEvent" (action, "targetType") VALUES ('test.marker', 'test')`);
    // 130 = ended by SIGINT, as after Ctrl-C; the restart below proves the shutdown was clean.
    expect(await running.stop()).toBe(130);

    running = await startProduct({ DATA_DIR: dataDir });
    expect(running.output()).toContain("Migrations: up to date");
    const rows = await query(
      databaseUrlIn(running.output()),
      `SELECT action FROM "AuditEvent" WHERE action = 'test.marker'`,
    );
    expect(rows).toHaveLength(1);
  });

  it("uses the server DATABASE_URL names and starts no database of its own", async () => {
    const server = await openTestDatabaseServer(inject("databaseServerUrl"));
    try {
      const databaseUrl = await server.createDatabase("hw_start");
      const dataDir = await makeDataDir();
      running = await startProduct({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
      expect(running.output()).toContain("(from DATABASE_URL)");
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
