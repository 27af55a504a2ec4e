// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database.
import { applyPendingMigrations } from "@/lib/database/migrations";
import { openDatabase } from "@/lib/database/open-database";
import { getStartEnv } from "@/lib/env";
import { runCommand } from "@/scripts/lib/run-command";

await runCommand(async (cleanup) => {
  const env = getStartEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  cleanup(() => database.close());
  const applied = await applyPendingMigrations(database.ownerUrl);
  console.log(
    applied.length === 0
      ? `No pending migrations (${database.description}).`
      : `Applied ${applied.length} migration(s) to ${database.description}:\n${applied.map((name) => `  ${name}`).join("\n")}`,
  );
  return undefined;
});
