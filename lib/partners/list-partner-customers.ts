import { isAgentOnline } from "@/lib/agents/agent-presence";
import {
  CUSTOMERS_PAGE_SIZE,
  type CustomerRow,
  type CustomersQuery,
  type CustomersResponse,
} from "@/lib/contracts/partner-dashboard";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActingPartner } from "./acting-partner";
import { storedEwsAppReadiness } from "./health/ews-app-readiness";
import { HEALTH_CHECK_SUMMARY_SELECT, healthCheckSummary } from "./health/health-check-summary";
import { partnerScope } from "./partner-scope";

// The partner dashboard's table: every customer with an active relationship, each with what the
// partner watches, all read from what is stored (the last health check's state, never a plan made
// while the page loads). Four queries whatever the number of customers; sort, filter and paging
// happen here, on the server, from the page's URL query.

export async function listPartnerCustomers(options: {
  db: Db;
  partner: ActingPartner;
  query: CustomersQuery;
  now?: Date;
}): Promise<CustomersResponse> {
  const { db, partner, query } = options;
  const now = (options.now ?? new Date()).getTime();
  const search: Prisma.TenantWhereInput = query.q
    ? {
        OR: [
          { displayName: { contains: query.q, mode: "insensitive" } },
          { initialDomain: { contains: query.q, mode: "insensitive" } },
        ],
      }
    : {};
  const chosen: Prisma.TenantWhereInput = { AND: [search, query.cloud ? { cloud: query.cloud } : {}] };
  const tenants = await db.tenant.findMany({
    where: partnerScope(partner, chosen).tenant,
    select: { id: true, entraTenantId: true, displayName: true, initialDomain: true, cloud: true },
  });
  const [runs, agents, checks] = await Promise.all([
    db.wizardRun.findMany({
      where: partnerScope(partner, chosen),
      distinct: ["tenantId"],
      orderBy: [{ tenantId: "asc" }, { updatedAt: "desc" }],
      select: {
        tenantId: true,
        status: true,
        updatedAt: true,
        confirmedBy: { select: { displayName: true } },
        createdBy: { select: { displayName: true } },
      },
    }),
    db.agent.findMany({
      where: { ...partnerScope(partner, chosen), revokedAt: null },
      select: { tenantId: true, lastSeenAt: true },
    }),
    db.healthCheck.findMany({
      where: { ...partnerScope(partner, chosen), finishedAt: { not: null } },
      distinct: ["tenantId"],
      orderBy: [{ tenantId: "asc" }, { finishedAt: "desc" }],
      select: {
        ...HEALTH_CHECK_SUMMARY_SELECT,
        tenantId: true,
        hybridState: true,
        transportCertificateExpiresAt: true,
        ewsAppReadiness: true,
      },
    }),
  ]);
  const runOf = new Map(runs.map((run) => [run.tenantId, run]));
  const checkOf = new Map(checks.map((check) => [check.tenantId, check]));
  const agentsOf = new Map<string, CustomerRow["agents"]>();
  for (const agent of agents) {
    const counts = agentsOf.get(agent.tenantId) ?? { online: 0, offline: 0 };
    if (isAgentOnline(agent.lastSeenAt, now)) counts.online += 1;
    else counts.offline += 1;
    agentsOf.set(agent.tenantId, counts);
  }

  let rows: CustomerRow[] = tenants.map((tenant) => {
    const run = runOf.get(tenant.id);
    const check = checkOf.get(tenant.id);
    return {
      tenantId: tenant.id,
      displayName: tenant.displayName,
      entraTenantId: tenant.entraTenantId,
      initialDomain: tenant.initialDomain,
      cloud: tenant.cloud,
      hybridState: check?.hybridState ?? "unchecked",
      lastRun: run
        ? {
            status: run.status,
            at: run.updatedAt.toISOString(),
            by: (run.confirmedBy ?? run.createdBy)?.displayName ?? null,
          }
        : null,
      agents: agentsOf.get(tenant.id) ?? { online: 0, offline: 0 },
      transportCertificateExpiresAt: check?.transportCertificateExpiresAt?.toISOString() ?? null,
      ewsAppReadiness: check ? storedEwsAppReadiness(check.ewsAppReadiness) : null,
      lastCheck: check ? healthCheckSummary(check) : null,
    };
  });
  if (query.state) rows = rows.filter((row) => row.hybridState === query.state);
  if (query.problems) rows = rows.filter((row) => (row.lastCheck?.problems.length ?? 0) > 0);
  rows.sort(comparator(query));
  const page = query.page ?? 1;
  return {
    partner: { name: partner.partnerName },
    customers: rows.slice((page - 1) * CUSTOMERS_PAGE_SIZE, page * CUSTOMERS_PAGE_SIZE),
    total: rows.length,
    page,
    pageSize: CUSTOMERS_PAGE_SIZE,
  };
}

const STATE_ORDER = { drifted: 0, notConfigured: 1, unchecked: 2, configured: 3 } as const;

/** A missing value sorts last either way; ties go by name, so a page is the same on every load. */
function comparator(query: CustomersQuery): (a: CustomerRow, b: CustomerRow) => number {
  const sort = query.sort ?? "name";
  const sign = query.order === "desc" ? -1 : 1;
  const keyOf = (row: CustomerRow): string | number | null => {
    switch (sort) {
      case "name":
        return row.displayName.toLowerCase();
      case "cloud":
        return row.cloud;
      case "state":
        return STATE_ORDER[row.hybridState];
      case "lastRun":
        return row.lastRun?.at ?? null;
      case "certificate":
        return row.transportCertificateExpiresAt;
      case "lastCheck":
        return row.lastCheck?.finishedAt ?? null;
      case "problems":
        return row.lastCheck ? row.lastCheck.problems.length : null;
    }
  };
  return (a, b) => {
    const [x, y] = [keyOf(a), keyOf(b)];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return a.displayName.localeCompare(b.displayName) || a.tenantId.localeCompare(b.tenantId);
  };
}
