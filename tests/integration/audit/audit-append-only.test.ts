import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createDb, type Db } from "@/lib/db";
import { type AuditedActing, actingTenant } from "@/lib/tenants/acting-context";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";

// Audit rows are append-only in the database itself: through the same connection string the web
// app uses, an UPDATE, a DELETE or a TRUNCATE is refused whatever sends it (Prisma, raw SQL), and
// a row outlives the tenant and the person it names.

let databaseServer: TestDatabaseServer;
let databaseUrl: string;
let db: Db;
let sql: pg.Client;

beforeAll(async () => {
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  databaseUrl = await createMigratedDatabase(databaseServer, "hw_audit_append_only");
  db = createDb(databaseUrl);
  sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await db?.$disconnect();
  await databaseServer?.close();
});

async function someoneActing(): Promise<AuditedActing & { tenantId: string; userId: string }> {
  const tenant = await db.tenant.create({
    data: {
      entraTenantId: crypto.randomUUID(),
      cloud: "Worldwide",
      displayName: "Tailwind Traders",
      initialDomain: "tailwind.onmicrosoft.com",
    },
  });
  const user = await db.user.create({
    data: {
      homeTenantId: tenant.id,
      objectId: crypto.randomUUID(),
      upn: "ana@tailwind.example",
      displayName: "Ana",
    },
  });
  return {
    tenantId: tenant.id,
    userId: user.id,
    tenant: actingTenant(tenant),
    actor: {
      kind: "user",
      userId: user.id,
      homeTenantId: tenant.id,
      objectId: user.objectId,
      upn: user.upn,
      displayName: user.displayName,
      directoryRoles: ["GlobalAdministrator"],
      mfa: true,
      issuedAt: new Date(),
      lastSignInAt: null,
      accessToken: "not used",
      partnerId: null,
    },
    sourceAddress: "192.0.2.7",
    userAgent: "audit test",
  };
}

describe("the audit trail", () => {
  it("refuses every UPDATE, DELETE and TRUNCATE through the app's database role", async () => {
    const acting = await someoneActing();
    await db.$transaction((tx) =>
      recordAuditEvent(tx, { acting, action: "member.added", targetType: "Membership", targetId: "m1" }),
    );
    const row = await db.auditEvent.findFirstOrThrow({ where: { tenantId: acting.tenantId } });

    await expect(
      db.auditEvent.update({ where: { id: row.id }, data: { action: "nothing.happened" } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({ where: { tenantId: acting.tenantId } })).rejects.toThrow(
      /append-only/,
    );
    await expect(sql.query(`UPDATE "AuditEvent" SET "actorName" = 'someone else'`)).rejects.toThrow(
      /append-only: UPDATE is refused/,
    );
    await expect(sql.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only: DELETE is refused/);
    await expect(sql.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE is refused/);

    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("keeps a row, with the names it had, after its tenant and its actor are deleted", async () => {
    const acting = await someoneActing();
    await db.$transaction((tx) =>
      recordAuditEvent(tx, {
        acting,
        action: "tenant.mfa_policy_changed",
        targetType: "Tenant",
        targetId: acting.tenantId,
      }),
    );
    await db.user.delete({ where: { id: acting.userId } });
    await db.tenant.delete({ where: { id: acting.tenantId } });

    expect(await db.auditEvent.findFirst({ where: { tenantId: acting.tenantId } })).toMatchObject({
      tenantId: acting.tenantId,
      tenantName: "Tailwind Traders",
      actorUserId: acting.userId,
      actorHomeTenantId: acting.tenantId,
      actorName: "Ana",
      actorUpn: "ana@tailwind.example",
      action: "tenant.mfa_policy_changed",
      result: "succeeded",
      ipAddress: "192.0.2.7",
      userAgent: "audit test",
    });
  });
});
