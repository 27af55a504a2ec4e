import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { auditResponse } from "@/lib/audit/audit-response";
import { partnerAuditScope, tenantAuditScope } from "@/lib/audit/audit-scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type AuditPage, ZAuditQuerySchema } from "@/lib/contracts/audit";
import { createDb, type Db } from "@/lib/db";
import type { Tenant, User } from "@/lib/generated/prisma/client";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";
import { userActing } from "@/tests/helpers/user-acting";

// The Audit pages' answers, from real rows: filters, older pages by cursor with nothing twice or
// missed, the CSV export, and a partner's view that holds only its active customers.

let databaseServer: TestDatabaseServer;
let db: Db;

beforeAll(async () => {
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  db = createDb(await createMigratedDatabase(databaseServer, "hw_audit_pages"));
});

afterAll(async () => {
  await db?.$disconnect();
  await databaseServer?.close();
});

async function organization(name: string, person: string): Promise<{ tenant: Tenant; user: User }> {
  const tenant = await db.tenant.create({
    data: {
      entraTenantId: crypto.randomUUID(),
      cloud: "Worldwide",
      displayName: name,
      initialDomain: `${name}.example`,
    },
  });
  const user = await db.user.create({
    data: {
      homeTenantId: tenant.id,
      objectId: crypto.randomUUID(),
      upn: `${person}@${name}.example`,
      displayName: person,
    },
  });
  return { tenant, user };
}

async function record(tenant: Tenant, user: User, action: string, count: number, userAgent = "test") {
  const acting = { ...userActing({ tenant, user, accessToken: "unused" }), userAgent };
  for (let index = 0; index < count; index += 1) {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, { acting, action, targetType: "Thing", targetId: String(index) }),
    );
  }
}

const query = (raw: Record<string, string> = {}) => ZAuditQuerySchema.parse(raw);
const pageOf = async (response: Response) => (await response.json()) as AuditPage;

describe("the audit pages", () => {
  it("page a tenant's trail newest first by cursor, each row once, and filter by actor, action and time", async () => {
    const { tenant, user } = await organization("contoso", "Ana");
    const other = await organization("fabrikam", "Ben");
    await record(tenant, user, "member.added", 70);
    await record(tenant, user, "agent.revoked", 50);
    await record(other.tenant, other.user, "member.added", 5);
    const scope = tenantAuditScope(userActing({ tenant, user, accessToken: "unused" }));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditPage = await pageOf(
        await auditResponse({ db, scope, query: query(cursor ? { cursor, limit: "50" } : { limit: "50" }) }),
      );
      seen.push(...page.events.map((event) => event.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);

    const members = await pageOf(
      await auditResponse({ db, scope, query: query({ action: "member.", limit: "200" }) }),
    );
    expect(members.events).toHaveLength(70);
    const byActor = await pageOf(
      await auditResponse({ db, scope, query: query({ actor: "ANA@", limit: "200" }) }),
    );
    expect(byActor.events).toHaveLength(120);
    const nobody = await pageOf(await auditResponse({ db, scope, query: query({ actor: "ben" }) }));
    expect(nobody.events).toEqual([]);
    const future = await pageOf(
      await auditResponse({ db, scope, query: query({ from: new Date(Date.now() + 60_000).toISOString() }) }),
    );
    expect(future.events).toEqual([]);
  });

  it("exports the filtered trail as CSV, quoting what needs it and defusing formulas", async () => {
    const { tenant, user } = await organization("tailspin", "Cara");
    await record(tenant, user, "tenant.mfa_policy_changed", 3, '=HYPERLINK("http://example.test"), "quoted"');
    const scope = tenantAuditScope(userActing({ tenant, user, accessToken: "unused" }));
    const response = await auditResponse({ db, scope, query: query({ format: "csv" }) });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,at,tenantId,tenantName,actorName,actorUpn,actorHomeTenantId,action,targetType,targetId,result,ipAddress,userAgent,details",
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(
      `,tailspin,Cara,Cara@tailspin.example,${tenant.id},tenant.mfa_policy_changed,Thing,2,succeeded,,`,
    );
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://example.test""), ""quoted"""`);
  });

  it("shows a partner only its active customers' rows, and a customer it names only if active", async () => {
    const woodgrove = await organization("woodgrove", "Patti");
    const active = await organization("northwind", "Dan");
    const ended = await organization("litware", "Eve");
    const partner = await db.partner.create({
      data: { name: "Woodgrove", homeTenantId: woodgrove.tenant.id },
    });
    await db.partnerTenant.create({
      data: { partnerId: partner.id, tenantId: active.tenant.id, role: "operator", status: "active" },
    });
    await db.partnerTenant.create({
      data: { partnerId: partner.id, tenantId: ended.tenant.id, role: "operator", status: "ended" },
    });
    await record(active.tenant, active.user, "wizard_run.created", 2);
    await record(ended.tenant, ended.user, "wizard_run.created", 2);
    const acting = userActing({ tenant: woodgrove.tenant, user: woodgrove.user, accessToken: "unused" });

    const all = query();
    const page = await pageOf(
      await auditResponse({ db, scope: await partnerAuditScope({ db, acting, query: all }), query: all }),
    );
    expect(page.tenants).toEqual([{ id: active.tenant.id, displayName: "northwind" }]);
    expect(new Set(page.events.map((event) => event.tenantName))).toEqual(new Set(["northwind"]));
    expect(page.events).toHaveLength(2);

    const named = query({ tenantId: ended.tenant.id });
    const none = await pageOf(
      await auditResponse({ db, scope: await partnerAuditScope({ db, acting, query: named }), query: named }),
    );
    expect(none.events).toEqual([]);
  });
});
