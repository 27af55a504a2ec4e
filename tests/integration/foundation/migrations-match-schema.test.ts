import { readFile } from "node:fs/promises";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { applyPendingMigrations, diffSchemas, SCHEMA_FILE } from "@/lib/database/migrations";
import { readSchemaFingerprint } from "@/tests/helpers/schema-fingerprint";
import { openTestDatabaseServer, type TestDatabaseServer } from "@/tests/helpers/test-database";

// Builds one database from prisma/migrations and another straight from a schema
// file; the two must come out identical.
async function fingerprintsOf(server: TestDatabaseServer, schema: string) {
  const migrated = await server.createDatabase("hw_migrated");
  await applyPendingMigrations(migrated);
  const fromSchema = await server.createDatabase("hw_from_schema");
  const client = new pg.Client({ connectionString: fromSchema });
  await client.connect();
  await client.query(await diffSchemas(fromSchema, null, schema));
  await client.end();
  return {
    migrations: await readSchemaFingerprint(migrated),
    schema: await readSchemaFingerprint(fromSchema),
  };
}

describe("prisma/migrations and schema.prisma", () => {
  let server: TestDatabaseServer;
  beforeAll(async () => {
    server = await openTestDatabaseServer(inject("databaseServerUrl"));
    return () => server.close();
  });

  it("describe the same database", async () => {
    const { migrations, schema } = await fingerprintsOf(server, await readFile(SCHEMA_FILE, "utf8"));
    expect(migrations.length).toBeGreaterThan(50);
    expect(migrations).toEqual(schema);
  });

  it("are caught disagreeing when the schema gains a field no migration adds", async () => {
    const original = await readFile(SCHEMA_FILE, "utf8");
    const changed = original.replace(/model Tenant \{\n/, 'model Tenant {\n  notes String @default("")\n');
    expect(changed).not.toBe(original);
    const { migrations, schema } = await fingerprintsOf(server, changed);
    const missing = schema.filter((line) => !migrations.includes(line));
    // PostgreSQL 18 also lists the NOT NULL as a constraint; older servers don't.
    expect(missing).toContain(`column Tenant.notes text not null default ''::text`);
    expect(missing.filter((line) => !line.includes("notes"))).toEqual([]);
  });
});
