// npm start — the whole product on one machine: database, demo data, web app.
import { applyPendingMigrations } from "@/lib/database/migrations";
import { openDatabase } from "@/lib/database/open-database";
import { createDb } from "@/lib/db";
import { getStartEnv } from "@/lib/env";
import { assertPortFree } from "@/lib/net/assert-port-free";
import { ensureBuild } from "@/scripts/lib/ensure-build";
import { runCommand } from "@/scripts/lib/run-command";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { startWeb } from "@/scripts/lib/start-web";
import { loadDirectory } from "@/simulators/identity/directory/load-directory";

const say = (line: string) => console.log(`[start] ${line}`);

await runCommand(async (cleanup) => {
  const env = getStartEnv();
  await assertPortFree(env.PORT);
  const startedAt = Date.now();

  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  cleanup(() => database.close());
  say(`Database: ${database.description}`);

  const applied = await applyPendingMigrations(database.url);
  say(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Migrations: up to date");

  const db = createDb(database.url);
  await seedDemo(db, await loadDirectory());
  await db.$disconnect();

  await ensureBuild(say);
  const web = await startWeb({
    port: env.PORT,
    env: { DATABASE_URL: database.url, LOG_LEVEL: env.LOG_LEVEL },
    onOutput: (line) => console.log(`[web] ${line}`),
  });
  const onUnexpectedExit = (code: number | null) => {
    console.error(`[start] the web app stopped unexpectedly (exit ${code}); shutting down`);
    process.kill(process.pid, "SIGTERM");
  };
  web.process.once("exit", onUnexpectedExit);
  cleanup(() => {
    web.process.off("exit", onUnexpectedExit);
    return web.stop();
  });

  console.log(`
  Hybrid Wizard is running (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)

    Open        ${web.url}
    Health      ${web.url}/api/health
    Database    ${database.description}

  Press Ctrl-C to stop everything.
`);
  return "keep-running";
});
