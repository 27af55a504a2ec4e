import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findUnscopedQueries, tenantOwnedModels, type UnscopedQuery } from "./unscoped-queries";

// Every query in lib/ on a tenant-owned model (any model of prisma/schema.prisma with a tenantId,
// so a new model is covered the day it is added) names its tenant through tenantScope(acting).

const root = path.resolve(import.meta.dirname, "../../..");

/**
 * The lookups that find the tenant from a secret, before any acting context exists. Each is by a
 * unique secret-derived key, and what it finds becomes the acting context at once. (Home realm
 * discovery and access-token validation look up the Tenant row itself, which is not tenant-owned.)
 */
const EXEMPT: Array<{ file: string; query: string; reason: string }> = [
  {
    file: "lib/agents/find-agent-by-credential.ts",
    query: "preparedStatement",
    reason: "finds the agent, and so its tenant, from the SHA-256 of its credential",
  },
  {
    file: "lib/agents/presence-refreshes.ts",
    query: "preparedStatement",
    reason:
      "refreshes agents' lastSeenAt in one statement across tenants, each row matched by the agent's id and the tenant of the acting context that authenticated it",
  },
  {
    file: "lib/agents/pair-agent.ts",
    query: "pairingCode.updateManyAndReturn",
    reason:
      "finds the pairing code, and so its tenant, from the code's public id, counting the attempt in the same statement; its secret is checked next",
  },
  {
    file: "lib/audit/audit-page.ts",
    query: "auditEvent.findMany",
    reason:
      "reads under an AuditScope: tenantScope(acting), or a partner's active customers (audit-scope.ts)",
  },
  {
    file: "lib/audit/audit-csv.ts",
    query: "auditEvent.count",
    reason:
      "counts under an AuditScope: tenantScope(acting), or a partner's active customers (audit-scope.ts)",
  },
  {
    file: "lib/audit/audit-csv.ts",
    query: "auditEvent.findMany",
    reason:
      "reads under an AuditScope: tenantScope(acting), or a partner's active customers (audit-scope.ts)",
  },
  {
    file: "lib/partners/partner-technician.ts",
    query: "membership.findUnique",
    reason:
      "a technician's role in their partner (Membership by user and partner), read before any acting context exists",
  },
  {
    file: "lib/partners/relationships/add-customer.ts",
    query: "partnerTenant.findUnique",
    reason:
      "a partner's own relationships, read and written by the acting partner's id (actingPartner), never another partner's",
  },
  {
    file: "lib/partners/relationships/add-customer.ts",
    query: "partnerTenant.upsert",
    reason:
      "a partner's own relationships, read and written by the acting partner's id (actingPartner), never another partner's",
  },
  {
    file: "lib/partners/relationships/list-relationships.ts",
    query: "partnerTenant.findMany",
    reason:
      "a partner's own relationships, read and written by the acting partner's id (actingPartner), never another partner's",
  },
  {
    file: "lib/partners/relationships/set-relationship-status.ts",
    query: "partnerTenant.findFirst",
    reason:
      "a partner's own relationships, read and written by the acting partner's id (actingPartner), never another partner's",
  },
  {
    file: "lib/partners/relationships/set-relationship-status.ts",
    query: "partnerTenant.update",
    reason:
      "a partner's own relationships, read and written by the acting partner's id (actingPartner), never another partner's",
  },
  {
    file: "lib/audit/audit-scope.ts",
    query: "partnerTenant.findMany",
    reason:
      "a partner's customers are found by the partner whose home the acting tenant is, active relationships only",
  },
];

const isExempt = (query: UnscopedQuery) =>
  EXEMPT.some((exempt) => exempt.file === query.file && exempt.query === query.query);

async function models(): Promise<string[]> {
  return tenantOwnedModels(await readFile(path.join(root, "prisma/schema.prisma"), "utf8"));
}

async function unscopedInLib(): Promise<UnscopedQuery[]> {
  const files = (await readdir(path.join(root, "lib"), { recursive: true }))
    .filter((file) => file.endsWith(".ts") && !file.startsWith("generated"))
    .map((file) => path.posix.join("lib", file.split(path.sep).join("/")));
  const tenantOwned = await models();
  const found = await Promise.all(
    files.map(async (file) =>
      findUnscopedQueries(file, await readFile(path.join(root, file), "utf8"), tenantOwned),
    ),
  );
  return found.flat();
}

describe("tenant scoping in lib/", () => {
  it("reads the tenant-owned models from the schema", async () => {
    expect(await models()).toEqual(
      expect.arrayContaining([
        "agent",
        "pairingCode",
        "wizardRun",
        "auditEvent",
        "tokenCacheEntry",
        "membership",
      ]),
    );
    expect(await models()).not.toContain("user");
  });

  it("scopes every query on a tenant-owned model through tenantScope(acting)", async () => {
    const unscoped = (await unscopedInLib()).filter((query) => !isExempt(query));
    expect(unscoped.map((query) => `${query.file}:${query.line} ${query.query}: ${query.problem}`)).toEqual(
      [],
    );
  });

  it("keeps no exemption that no longer matches a query", async () => {
    const found = await unscopedInLib();
    const stale = EXEMPT.filter(
      (exempt) => !found.some((query) => query.file === exempt.file && query.query === exempt.query),
    );
    expect(stale).toEqual([]);
  });
});

describe("the checker", () => {
  const check = (source: string) =>
    findUnscopedQueries("lib/sample.ts", source, ["agent", "wizardRun", "auditEvent"]);

  it("catches a query whose where names the tenant by hand, or not at all", () => {
    const found = check(`
      export async function sample(db, acting, id) {
        await db.agent.findMany({ where: { tenantId: acting.tenant.id } });
        return db.wizardRun.findUnique({ where: { id } });
      }`);
    expect(found).toEqual([
      expect.objectContaining({
        line: 3,
        query: "agent.findMany",
        problem: "its where does not spread tenantScope(acting)",
      }),
      expect.objectContaining({ line: 4, query: "wizardRun.findUnique" }),
    ]);
  });

  it("catches a create without the scope in its data, an upsert scoped on one side, and a query built elsewhere", () => {
    const found = check(`
      await tx.agent.create({ data: { tenantId } });
      await tx.wizardRun.upsert({ where: { id, ...tenantScope(acting) }, create: { id }, update: {} });
      await db.agent.findFirst(query);`);
    expect(found.map((query) => [query.query, query.problem])).toEqual([
      ["agent.create", "its data does not spread tenantScope(acting)"],
      ["wizardRun.upsert", "its create does not spread tenantScope(acting)"],
      ["agent.findFirst", "pass the query inline, so that its tenantScope(acting) can be seen"],
    ]);
  });

  it("catches raw SQL on a tenant-owned table", () => {
    expect(check('await db.$queryRaw`SELECT * FROM "WizardRun" WHERE id = 1`;')).toEqual([
      expect.objectContaining({ query: "$queryRaw" }),
    ]);
  });

  it("catches plain SQL on a tenant-owned table that does not scope by the tenant's id", () => {
    expect(
      check(`
        await sql.query('UPDATE "Agent" SET "lastSeenAt" = now() WHERE "id" = $1', [id]);
        await sql.query('SELECT 1 FROM "Agent" WHERE "id" = $1 AND "tenantId" = $2', [id, acting.tenant.id]);
        await sql.query('DELETE FROM "RateLimitCounter" WHERE "expiresAt" < now()', [id]);`),
    ).toEqual([expect.objectContaining({ line: 2, query: "query" })]);
  });

  it("catches a prepared statement on a tenant-owned table that does not scope by the tenant's id", () => {
    expect(
      check(`
        const SEEN = preparedStatement("seen", 'UPDATE "Agent" SET "lastSeenAt" = now() WHERE "id" = $1');
        const SCOPED = preparedStatement("scoped", 'SELECT 1 FROM "Agent" WHERE "id" = $1 AND "tenantId" = $2');`),
    ).toEqual([expect.objectContaining({ line: 2, query: "preparedStatement" })]);
  });

  it("accepts scoped queries, audit rows from auditActor, and models that are not tenant-owned", () => {
    expect(
      check(`
        await db.agent.updateMany({ where: { id, ...tenantScope(acting), revokedAt: null }, data: {} });
        await tx.agent.create({ data: { id, ...tenantScope(acting) } });
        await tx.auditEvent.create({ data: { ...auditActor(acting), action } });
        await db.user.findUnique({ where: { id } });
        await db.$queryRaw\`SELECT count(*) FROM "RateLimitCounter"\`;`),
    ).toEqual([]);
  });
});
