// The partner dashboard with generated customers: the server's time to answer the customers table
// (listPartnerCustomers, what GET /api/partner/customers runs: the active-relationship filter,
// last run, agents, last health check, sort and page) at 100 and 1,000 customers, each with two
// runs, an agent and three checks of history; and a health check across 100 customers through
// pg-boss and the check workers (queued, worked, result and change stored). Those customers have no
// agent, so each check ends at "No agent is paired": the figure is the pipeline's, not Exchange's.
// Run alone: `npx tsx bench/partner-dashboard.ts`.
import { performance } from "node:perf_hooks";
import { createDb, type Db } from "@/lib/db";
import { getQueue } from "@/lib/jobs/get-queue";
import type { ActingPartner } from "@/lib/partners/acting-partner";
import { getHealthCheckBatch } from "@/lib/partners/health/get-health-check-batch";
import { startHealthCheckWorkers } from "@/lib/partners/health/start-health-check-workers";
import { startHealthChecks } from "@/lib/partners/health/start-health-checks";
import { listPartnerCustomers } from "@/lib/partners/list-partner-customers";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";
import { formatPercentiles } from "./lib/percentiles";

const SAMPLES = 30;

async function seedPartner(db: Db, customers: number, label: string): Promise<ActingPartner> {
  const home = await db.tenant.create({
    data: {
      entraTenantId: crypto.randomUUID(),
      cloud: "Worldwide",
      displayName: `${label} MSP`,
      initialDomain: `${label}.onmicrosoft.com`,
    },
  });
  const user = await db.user.create({
    data: {
      homeTenantId: home.id,
      objectId: crypto.randomUUID(),
      upn: `tech@${label}.example`,
      displayName: "Bench Technician",
    },
  });
  const partner = await db.partner.create({ data: { name: `${label} MSP`, homeTenantId: home.id } });
  const batch = await db.healthCheckBatch.create({
    data: { partnerId: partner.id, startedById: user.id, startedByName: user.displayName, total: customers },
  });
  const clouds = ["Worldwide", "UsGovGccHigh", "China21Vianet", "UsGovDod"] as const;
  const tenants = await db.tenant.createManyAndReturn({
    data: Array.from({ length: customers }, (_, index) => ({
      entraTenantId: crypto.randomUUID(),
      cloud: clouds[index % clouds.length]!,
      displayName: `Customer ${String(index).padStart(4, "0")}`,
      initialDomain: `customer${index}-${label}.onmicrosoft.com`,
    })),
    select: { id: true },
  });
  // Relationships: most active, some ended — the filter must leave those out.
  await db.partnerTenant.createMany({
    data: tenants.map((tenant, index) => ({
      partnerId: partner.id,
      tenantId: tenant.id,
      role: "operator" as const,
      status: index % 10 === 9 ? ("ended" as const) : ("active" as const),
    })),
  });
  const day = 86_400_000;
  await db.wizardRun.createMany({
    data: tenants.flatMap((tenant, index) => [
      {
        tenantId: tenant.id,
        currentPage: "done",
        status: "succeeded" as const,
        createdById: user.id,
        updatedAt: new Date(Date.now() - 2 * day - index),
      },
      { tenantId: tenant.id, currentPage: "review", status: "planned" as const, createdById: user.id },
    ]),
  });
  await db.agent.createMany({
    data: tenants.map((tenant, index) => ({
      tenantId: tenant.id,
      name: `EX${index}`,
      host: `ex${index}.example`,
      version: "0.1.0",
      runAs: "CUSTOMER\\svc-hybrid",
      publicKeyJwk: {},
      credentialHash: new Uint8Array(Buffer.from(crypto.randomUUID().replaceAll("-", ""), "hex")),
      lastSeenAt: index % 3 === 0 ? null : new Date(),
    })),
  });
  await db.healthCheck.createMany({
    data: tenants.flatMap((tenant, index) =>
      [3, 2, 1].map((daysAgo) => ({
        tenantId: tenant.id,
        batchId: batch.id,
        status: "succeeded" as const,
        finishedAt: new Date(Date.now() - daysAgo * day),
        hybridState: index % 4 === 0 ? ("drifted" as const) : ("configured" as const),
        planChanges: index % 4 === 0 ? 2 : 0,
        transportCertificateExpiresAt: new Date(Date.now() + (index % 90) * day),
        findings: [
          { id: "drift", severity: index % 4 === 0 ? "problem" : "ok", message: "Drift: 2 changes" },
        ],
        changes: daysAgo === 1 && index % 7 === 0 ? ["drift: ok → problem"] : [],
      })),
    ),
  });
  return {
    partnerId: partner.id,
    partnerName: partner.name,
    user: {
      userId: user.id,
      objectId: user.objectId,
      upn: user.upn,
      displayName: user.displayName,
      homeEntraTenantId: home.entraTenantId,
    },
  };
}

async function timeList(db: Db, partner: ActingPartner): Promise<string> {
  const queries = [
    {},
    { sort: "problems", order: "desc" },
    { q: "customer 01" },
    { state: "drifted" },
  ] as const;
  for (const query of queries) await listPartnerCustomers({ db, partner, query });
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await listPartnerCustomers({ db, partner, query: queries[i % queries.length]! });
    times.push(performance.now() - started);
  }
  return `${formatPercentiles(times, [0.5, 0.95])} (p50 / p95 of ${SAMPLES}, mixed sort/search/filter)`;
}

export async function benchPartnerDashboard(): Promise<Record<string, string>> {
  const server = await openTestDatabaseServer(undefined);
  const databaseUrl = await createMigratedDatabase(server, "hw_bench_partner");
  // The queue reads its database from the environment, as the web app's does.
  process.env.DATABASE_URL = databaseUrl;
  const db = createDb(databaseUrl);
  const figures: Record<string, string> = {};
  try {
    const hundred = await seedPartner(db, 100, "p100");
    const thousand = await seedPartner(db, 1000, "p1000");
    figures["customers table, 100 customers"] = await timeList(db, hundred);
    figures["customers table, 1,000 customers"] = await timeList(db, thousand);

    const fresh = await seedPartner(db, 111, "checks");
    await db.agent.deleteMany({
      where: { tenant: { partnerLinks: { some: { partnerId: fresh.partnerId } } } },
    });
    const queue = await getQueue();
    await startHealthCheckWorkers({ db, queue });
    const started = performance.now();
    const { batchId, total } = await startHealthChecks({ db, queue, partner: fresh });
    for (;;) {
      const batch = await getHealthCheckBatch({ db, partner: fresh, batchId });
      if (batch.finished >= batch.total) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    figures[`health check across ${total} customers (no agent: pipeline only)`] =
      `${seconds.toFixed(2)} s, ${(total / seconds).toFixed(1)} jobs/s (10 at once per instance)`;
    await queue.stop({ graceful: false });
  } finally {
    await db.$disconnect();
    await server.close();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, value] of Object.entries(await benchPartnerDashboard()))
    console.log(`${label.padEnd(56)} ${value}`);
  process.exit(0);
}
