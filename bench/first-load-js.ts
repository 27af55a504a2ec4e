// First-load JavaScript per page (gzip), against the production web app of this checkout: what a
// browser's first visit fetches before the page runs, split into the framework's (Next.js, React)
// and the app's own, and what the page's scripts fetch later on demand (MSAL, zod and the API
// client, once a session is restored or a sign-in starts). The same split as
// ../shared/tools/first-load-js's totals. Run alone: `npx tsx bench/first-load-js.ts`.

import { createDb } from "@/lib/db";
import { ensureBuild } from "@/scripts/lib/ensure-build";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { type FirstLoad, measureFirstLoad } from "@/tests/helpers/first-load-js";
import { serviceEnvFor, startTestIdentityProvider } from "@/tests/helpers/identity";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";

const PAGES = [
  "/",
  "/sign-in",
  "/agents",
  "/settings",
  "/downloads",
  "/wizard",
  "/wizard/credentials",
  "/partner",
];
/** A saved run's pages (app/(app)/wizard/[runId]/[page]); "no page" where the build has none. */
const RUN_PAGES = ["environment", "credentials"];

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function figuresOf({ status, framework, app, later, scripts }: FirstLoad): string {
  if (status !== 200) return `no page (${status})`;
  return `${kib(framework + app)} = framework ${kib(framework)} + app ${kib(app)} (${scripts} scripts); later ${kib(later)}`;
}

export async function benchFirstLoadJs(): Promise<Record<string, string>> {
  await ensureBuild((line) => console.log(line));
  const idp = await startTestIdentityProvider();
  const databaseServer = await openTestDatabaseServer(undefined);
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_bench_first_load");
  const db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  const web = await startWebApp({ databaseUrl, env: serviceEnvFor(idp) });
  const run = await fetch(new URL("/api/wizard/runs", web.url), {
    method: "POST",
    headers: { authorization: `Bearer ${(await signInAs(idp, ACCOUNTS.adele)).access_token}` },
  });
  if (!run.ok) throw new Error(`POST /api/wizard/runs answered ${run.status}`);
  const { id } = (await run.json()) as { id: string };

  const pages = [...PAGES, ...RUN_PAGES.map((page) => `/wizard/${id}/${page}`)];
  const figures = await measureFirstLoad(web.url, pages);

  await web.stop();
  await db.$disconnect();
  await databaseServer.close();
  await idp.stop();
  return Object.fromEntries(figures.map((figure) => [figure.path.replace(id, "[runId]"), figuresOf(figure)]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, value] of Object.entries(await benchFirstLoadJs()))
    console.log(`${label.padEnd(32)} ${value}`);
  process.exit(0);
}
