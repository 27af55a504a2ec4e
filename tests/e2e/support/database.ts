import { readFile } from "node:fs/promises";
import path from "node:path";
import { APP_ROLE } from "@/lib/database/app-role";
import { EMBEDDED_DATABASE_NAME } from "@/lib/database/open-database";
import { createDb, type Db } from "@/lib/db";

// The database `npm start` runs for the e2e suite: the embedded PostgreSQL in its data folder, found
// as any local client would (its port in postmaster.pid, the application role's password in the
// folder's credentials file). For what no page shows, such as a secret the service must have deleted.

export async function openE2eDatabase(dataDir: string): Promise<Db> {
  const cluster = path.join(dataDir, "postgres");
  // postmaster.pid's fourth line is the port the running cluster listens on.
  const port = (await readFile(path.join(cluster, "postmaster.pid"), "utf8")).split("\n")[3]?.trim();
  const { appPassword } = JSON.parse(
    await readFile(path.join(cluster, "hybrid-wizard-credentials.json"), "utf8"),
  ) as { appPassword: string };
  return createDb(`postgresql://${APP_ROLE}:${appPassword}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`);
}
