// npm run db:migration -- <name> — writes prisma/migrations/<timestamp>_<name>/ from the change to schema.prisma.
import { readFile } from "node:fs/promises";
import {
  diffSchemas,
  readSchemaAtLastMigration,
  SCHEMA_FILE,
  writeMigration,
} from "@/lib/database/migrations";
import { openDatabase } from "@/lib/database/open-database";
import { getStartEnv } from "@/lib/env";
import { runCommand, UsageError } from "@/scripts/lib/run-command";

await runCommand(async (cleanup) => {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    throw new UsageError("Usage: npm run db:migration -- <name>   (name: lower case letters, digits and _)");
  }
  const env = getStartEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  cleanup(() => database.close());
  const schema = await readFile(SCHEMA_FILE, "utf8");
  const sql = await diffSchemas(database.ownerUrl, await readSchemaAtLastMigration(), schema);
  if (sql === "" || /^(-- [^\n]*\n?|\s)*$/.test(sql)) {
    console.log("schema.prisma has not changed since the last migration: nothing to write.");
    return undefined;
  }
  const folder = await writeMigration(name, sql, schema);
  console.log(`Wrote ${folder}/migration.sql — read it, then npm run db:migrate applies it.`);
  return undefined;
});
