import { performance } from "node:perf_hooks";
import { pairAgents } from "@/bench/lib/agent-fleet";
import { startDispatchRig } from "@/bench/lib/dispatch-rig";
import { sha256 } from "@/lib/crypto/hashing";

const rig = await startDispatchRig();
try {
  const [tenant] = await rig.createTenants(1, "T");
  const [agent] = await pairAgents({ db: rig.db, serverUrl: rig.serverUrl, tenantIds: [tenant!], concurrency: 1 });
  const hash = sha256(agent!.credential);
  const db = rig.db;
  const cases: Array<[string, () => Promise<unknown>]> = [
    ["findUnique include tenant", () => db.agent.findUnique({ where: { credentialHash: hash }, include: { tenant: { select: { entraTenantId: true, displayName: true } } } })],
    ["findUnique select + tenant select (nested)", () => db.agent.findUnique({ where: { credentialHash: hash }, select: { id: true, name: true, tenantId: true, revokedAt: true, lastSeenAt: true, tenant: { select: { entraTenantId: true, displayName: true } } } })],
    ["findUnique no include", () => db.agent.findUnique({ where: { credentialHash: hash } })],
    ["$queryRaw join", () => db.$queryRaw`SELECT a.id, a.name, a."tenantId", a."revokedAt", a."lastSeenAt", t."entraTenantId", t."displayName" FROM "Agent" a JOIN "Tenant" t ON t.id = a."tenantId" WHERE a."credentialHash" = ${Buffer.from(hash)}`],
    ["$queryRaw select 1", () => db.$queryRaw`SELECT 1`],
  ];
  for (const round of [0, 1]) {
    for (const [label, run] of cases) {
      const n = 2000;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await run();
      const wall = (performance.now() - t0) / n;
      const c = process.cpuUsage(c0);
      if (round) console.log(label.padEnd(45), `wall ${wall.toFixed(2)} ms`, `cpu ${(((c.user + c.system) / 1000) / n).toFixed(3)} ms`);
    }
  }
} finally {
  await rig.stop();
}
process.exit(0);
