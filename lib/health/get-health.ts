import { readdir } from "node:fs/promises";
import path from "node:path";
import type { HealthResponse } from "@/lib/contracts/health";
import { getDb } from "@/lib/db";
import { getLogger } from "@/lib/logger";
import { APP_VERSION } from "@/lib/version";

/** Readiness as a load balancer or a person needs it: can we reach the database, is its schema current. */
export async function getHealth(): Promise<HealthResponse> {
  const expected = await countMigrationFolders();
  try {
    const rows = await getDb().$queryRaw<{ applied: bigint }[]>`
      SELECT count(*) AS applied FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = Number(rows[0]?.applied ?? 0);
    const current = applied >= expected;
    return {
      status: current ? "ok" : "degraded",
      db: "ok",
      migrations: { applied, expected, status: current ? "up-to-date" : "pending" },
      version: APP_VERSION,
    };
  } catch (error) {
    getLogger().warn({ err: error }, "health check could not query the database");
    return {
      status: "degraded",
      db: "unreachable",
      migrations: { applied: 0, expected, status: "unknown" },
      version: APP_VERSION,
    };
  }
}

async function countMigrationFolders(): Promise<number> {
  const entries = await readdir(path.join(process.cwd(), "prisma/migrations"), { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).length;
}
