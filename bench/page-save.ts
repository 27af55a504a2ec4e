// The wizard's page save (Next): PUT /api/wizard/runs/[runId]/answers/[page] round trips against
// the production web app with a real token, one tab saving page after page with the version each
// answer gives; and GET of the run a page resumes from. Run alone: `npx tsx bench/page-save.ts`.
import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import { createDb } from "@/lib/db";
import { ensureBuild } from "@/scripts/lib/ensure-build";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { serviceEnvFor, startTestIdentityProvider } from "@/tests/helpers/identity";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";
import { formatPercentiles } from "./lib/percentiles";

const WARM_UP = 100;
const SAVES = 1000;
/** Two pages' answers saved in turn, so each save changes the run. */
const PAGES = [
  { page: "environment", answers: { cloud: "Worldwide", onPremisesServer: "EX1" }, next: "credentials" },
  { page: "organization-fqdn", answers: { fqdn: "mail.contoso.com" }, next: "review" },
];

export async function benchPageSave(): Promise<Record<string, string>> {
  await ensureBuild((line) => console.log(line));
  const idp = await startTestIdentityProvider();
  const databaseServer = await openTestDatabaseServer(undefined);
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_bench_page_save");
  const db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  const web = await startWebApp({ databaseUrl, env: serviceEnvFor(idp) });
  const headers = {
    authorization: `Bearer ${(await signInAs(idp, ACCOUNTS.adele)).access_token}`,
    "content-type": "application/json",
  };
  const pool = new Pool(web.url, { connections: 1 });
  const call = async (method: "GET" | "POST" | "PUT", path: string, body?: unknown) => {
    const started = performance.now();
    const response = await pool.request({
      method,
      path,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    const answer = (await response.body.json()) as { id: string; version: number };
    if (response.statusCode >= 300) throw new Error(`${method} ${path} answered ${response.statusCode}`);
    return { answer, ms: performance.now() - started };
  };

  let run = (await call("POST", "/api/wizard/runs")).answer;
  const saves: number[] = [];
  const reads: number[] = [];
  for (let i = 0; i < WARM_UP + SAVES; i++) {
    const { page, answers, next } = PAGES[i % PAGES.length]!;
    // As the page's Next sends it: the answers, the version read, and the page the run resumes on.
    const saved = await call("PUT", `/api/wizard/runs/${run.id}/answers/${page}`, {
      version: run.version,
      answers,
      next,
    });
    const read = await call("GET", `/api/wizard/runs/${run.id}`);
    run = saved.answer;
    if (i >= WARM_UP) {
      saves.push(saved.ms);
      reads.push(read.ms);
    }
  }

  await pool.close();
  await web.stop();
  await db.$disconnect();
  await databaseServer.close();
  await idp.stop();
  return {
    [`page save (PUT …/answers/[page]), ${SAVES} in turn: p50 / p95`]: formatPercentiles(saves, [0.5, 0.95]),
    "resume (GET …/runs/[runId]): p50 / p95": formatPercentiles(reads, [0.5, 0.95]),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, value] of Object.entries(await benchPageSave()))
    console.log(`${label.padEnd(56)} ${value}`);
  process.exit(0);
}
