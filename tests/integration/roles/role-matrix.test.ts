import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { roleAtLeast } from "@/lib/roles/roles";
import { seedDemo } from "@/scripts/lib/seed-demo";
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
import { ACCOUNTS, signInAs, tenantOf } from "@/tests/integration/identity/scenario";

// Every API route and method, called as Contoso's owner (Adele, Global Administrator), operator
// (Alex, Exchange Administrator), viewer (Lidia, Global Reader) and as a partner's technician with
// no relationship with Contoso in Hybrid Wizard (Patti of Woodgrove, whose token for Contoso Entra
// does issue). The routes and their methods are read from app/api, so a new one fails the first
// test until ACCESS says who may call it. A caller below the route's role gets 403 `role_required`
// before the handler runs (ids are random: an allowed caller gets the handler's own answer, a
// 404, a 422, never a 403); each refusal leaves an audit row.

type Access = Role | "agent" | "public";

const ACCESS: Record<string, Access> = {
  "GET agents": "viewer",
  "GET agents/events": "viewer",
  "POST agents/pairing-codes": "operator",
  "DELETE agents/pairing-codes/[codeId]": "operator",
  "DELETE agents/[agentId]": "owner",
  "GET audit": "viewer",
  "GET partner/audit": "viewer",
  "GET partner/customers": "viewer",
  "GET partner/customers/[tenantId]/report": "viewer",
  "POST partner/health-checks": "operator",
  "GET partner/health-checks/[batchId]": "viewer",
  "GET partner/relationships": "viewer",
  "POST partner/relationships": "owner",
  "PATCH partner/relationships/[relationshipId]": "owner",
  "GET partner/schedule": "viewer",
  "PUT partner/schedule": "owner",
  "GET me": "viewer",
  "PATCH tenant/settings": "owner",
  "GET tenant/members": "owner",
  "POST tenant/members": "owner",
  "PATCH tenant/members/[memberId]": "owner",
  "DELETE tenant/members/[memberId]": "owner",
  "PATCH tenant/partners/[relationshipId]": "owner",
  "POST exchange-online/connection": "operator",
  "POST exchange-online/compliance-connection": "operator",
  "GET wizard/runs": "viewer",
  "POST wizard/runs": "operator",
  "GET wizard/runs/[runId]": "viewer",
  "PUT wizard/runs/[runId]/answers/[page]": "operator",
  "PUT wizard/runs/[runId]/page": "operator",
  "GET wizard/runs/[runId]/certificates": "viewer",
  "POST wizard/runs/[runId]/certificate-plan": "operator",
  "POST wizard/runs/[runId]/certificate-run": "operator",
  "POST wizard/runs/[runId]/confirm": "operator",
  "POST wizard/runs/[runId]/domain-proofs": "operator",
  "POST wizard/runs/[runId]/domain-proofs/verify": "operator",
  "GET wizard/runs/[runId]/events": "viewer",
  "POST wizard/runs/[runId]/exchange-servers": "operator",
  "POST wizard/runs/[runId]/gather": "operator",
  "GET wizard/runs/[runId]/gathered": "viewer",
  "GET wizard/runs/[runId]/log": "viewer",
  "PUT wizard/runs/[runId]/migration-credential": "operator",
  "PUT wizard/runs/[runId]/on-premises-account": "operator",
  "GET wizard/runs/[runId]/plan": "viewer",
  "POST wizard/runs/[runId]/resume": "operator",
  "POST wizard/runs/[runId]/retry": "operator",
  "POST wizard/runs/[runId]/undo": "operator",
  "POST wizard/runs/[runId]/undo-run": "operator",
  "GET wizard/runs/[runId]/update": "viewer",
  "GET wizard/runs/[runId]/validation": "viewer",
  "POST wizard/runs/[runId]/validation": "operator",
  "GET auth/realm": "public",
  "GET health": "public",
  "GET openapi.json": "public",
  "POST agent/v1/pair": "public",
  "POST agent/v1/poll": "agent",
  "GET agent/v1/whoami": "agent",
  "POST agent/v1/credential/rotate": "agent",
  "POST agent/v1/jobs/[jobId]/heartbeat": "agent",
  "POST agent/v1/jobs/[jobId]/complete": "agent",
  "POST agent/v1/jobs/[jobId]/fail": "agent",
};

// A partner's own pages (the dashboard, its schedule) refuse, once the role allows the call, anyone
// who is not a partner's technician, before any id is read (Contoso's people are not).
const PARTNER_PAGES = new Set(Object.keys(ACCESS).filter((key) => key.split(" ")[1]?.startsWith("partner/")));
PARTNER_PAGES.delete("GET partner/audit");

const CALLERS = { owner: ACCOUNTS.adele, operator: ACCOUNTS.alex, viewer: ACCOUNTS.lidia } as const;
type CallerName = keyof typeof CALLERS | "partner";

const apiDir = path.resolve(import.meta.dirname, "../../../app/api");

/** "METHOD route" for every handler exported by a route file under app/api. */
async function apiRouteMethods(): Promise<string[]> {
  const files = (await readdir(apiDir, { recursive: true })).filter(
    (file) => path.basename(file) === "route.ts",
  );
  const found = await Promise.all(
    files.map(async (file) => {
      const route = path.dirname(file).split(path.sep).join("/");
      const source = await readFile(path.join(apiDir, file), "utf8");
      const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) =/g)].map(
        (match) => match[1],
      );
      return methods.map((method) => `${method} ${route}`);
    }),
  );
  return found.flat().sort();
}

/** The route's path with each parameter a well-formed id of nothing. */
function concretePath(route: string): string {
  return `/api/${route.replace(/\[page\]/g, "organization-fqdn").replace(/\[\w+\]/g, () => crypto.randomUUID())}`;
}

/** What a caller got: its status and, for a refusal, why. */
type Outcome = { status: number; reason?: string };

let idp: TestIdentityProvider;
let databaseServer: TestDatabaseServer;
let db: Db;
let web: Awaited<ReturnType<typeof startWebApp>>;
let contosoId: string;
const tokens = {} as Record<CallerName, string>;

async function call(key: string, token: string): Promise<Outcome> {
  const [method, route] = key.split(" ") as [string, string];
  const abort = new AbortController();
  const response = await fetch(`${web.url}${concretePath(route)}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: method === "GET" ? undefined : "{}",
    signal: abort.signal,
  });
  // An event stream the caller may open stays open: its status is all this test needs.
  if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
    abort.abort();
    return { status: response.status };
  }
  const text = await response.text();
  const reason = response.status === 403 ? JSON.parse(text).error?.reason : undefined;
  return { status: response.status, ...(reason ? { reason } : {}) };
}

/** What each caller should get from a route with this access. */
function expected(key: string, access: Access, caller: CallerName): "allowed" | Outcome {
  if (access === "public") return "allowed";
  if (access === "agent") return { status: 401 };
  if (caller === "partner") return { status: 403, reason: "no_partner_relationship" };
  if (!roleAtLeast(caller, access)) return { status: 403, reason: "role_required" };
  return PARTNER_PAGES.has(key) ? { status: 403, reason: "not_a_partner" } : "allowed";
}

/** An allowed call is any answer but a refusal of who is calling. */
function observed(outcome: Outcome): "allowed" | Outcome {
  if (outcome.status === 401) return { status: 401 };
  if (outcome.status === 403) return outcome;
  return "allowed";
}

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_role_matrix");
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  // Alex signs in without MFA; the matrix is about roles, not the sign-in policy.
  const contoso = await db.tenant.update({
    where: { entraTenantId: tenantOf(idp, ACCOUNTS.adele.domain).tenantId },
    data: { mfaPolicy: "Optional" },
  });
  contosoId = contoso.id;
  // Whatever the demo seeds, Woodgrove has no relationship with Contoso here.
  await db.partnerTenant.deleteMany({ where: { tenantId: contosoId } });
  web = await startWebApp({ databaseUrl, env: serviceEnvFor(idp) });
  for (const [name, account] of Object.entries(CALLERS)) {
    tokens[name as CallerName] = (await signInAs(idp, account)).access_token;
  }
  // Patti has signed in at home (Woodgrove) once, so her delegated token for Contoso is her.
  const home = (await signInAs(idp, ACCOUNTS.patti)).access_token;
  expect((await fetch(`${web.url}/api/me`, { headers: { authorization: `Bearer ${home}` } })).status).toBe(
    200,
  );
  tokens.partner = (await signInAs(idp, ACCOUNTS.patti, { atDomain: ACCOUNTS.adele.domain })).access_token;
});

afterAll(async () => {
  await web?.stop();
  await db?.$disconnect();
  await databaseServer?.close();
  await idp?.stop();
});

describe("the role matrix", () => {
  it("says who may call every route and method under app/api", async () => {
    expect(await apiRouteMethods()).toEqual(Object.keys(ACCESS).sort());
  });

  it("lets each role call what its role allows, refuses the rest, and a partner without a relationship everything", async () => {
    const got: Record<string, Record<CallerName, unknown>> = {};
    const want: Record<string, Record<CallerName, unknown>> = {};
    for (const [key, access] of Object.entries(ACCESS)) {
      got[key] = {} as Record<CallerName, unknown>;
      want[key] = {} as Record<CallerName, unknown>;
      for (const caller of ["owner", "operator", "viewer", "partner"] as const) {
        got[key][caller] = observed(await call(key, tokens[caller]));
        want[key][caller] = expected(key, access, caller);
      }
    }
    expect(got).toEqual(want);
  });

  it("keeps an audit row of every refused attempt, naming who tried what", async () => {
    const userRoutes = Object.values(ACCESS).filter((access) => access !== "agent" && access !== "public");
    const refusedByRole =
      userRoutes.filter((access) => !roleAtLeast("operator", access)).length +
      userRoutes.filter((access) => !roleAtLeast("viewer", access)).length;
    const refusals = await db.auditEvent.findMany({
      where: { tenantId: contosoId, action: "access.refused" },
      orderBy: { id: "asc" },
    });
    expect(refusals.filter((row) => row.targetType === "route")).toHaveLength(refusedByRole);
    expect(refusals.filter((row) => row.actorUpn === ACCOUNTS.patti.username)).toHaveLength(
      userRoutes.length,
    );
    const confirm = refusals.find(
      (row) => row.actorUpn === ACCOUNTS.lidia.username && row.targetId?.endsWith("/confirm"),
    );
    expect(confirm).toMatchObject({
      result: "refused",
      tenantName: "Contoso",
      actorName: "Lidia Holloway",
      details: { reason: "role_required", role: "viewer", requiredRole: "operator" },
    });
    expect(confirm?.targetId).toMatch(/^POST \/api\/wizard\/runs\/[0-9a-f-]{36}\/confirm$/);
  });
});
