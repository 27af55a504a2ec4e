// First-load JavaScript per page (gzip), against the production web app of this checkout: what a
// browser's first visit fetches before the page runs, split into the framework's (Next.js, React)
// and the app's own, and what the page's scripts fetch later on demand (MSAL, zod and the API
// client, once a session is restored or a sign-in starts). The same split as
// ../shared/tools/first-load-js's totals. Then what a signed-in admin's first visit to a wizard
// page really loads in Chromium until the page is usable (the page's own lazily loaded component
// and the session's MSAL included), which the HTML alone does not name.
// Run alone: `npx tsx bench/first-load-js.ts`.

import { chromium } from "@playwright/test";
import { createDb } from "@/lib/db";
import { pageTitle, type WizardPageId } from "@/lib/wizard/wizard-pages";
import { ensureBuild } from "@/scripts/lib/ensure-build";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { signInWithPopup } from "@/tests/e2e/support/demo-accounts";
import { type FirstLoad, frameworkChunks, measureFirstLoad } from "@/tests/helpers/first-load-js";
import { type FirstVisit, measureFirstVisit } from "@/tests/helpers/first-visit-js";
import {
  serviceEnvFor,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from "@/tests/helpers/identity";
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
/** A run's pages opened in Chromium, signed in, for every script they load until usable. */
const VISITED_PAGES: WizardPageId[] = ["environment", "credentials", "features", "review", "done"];

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function figuresOf({ status, framework, app, later, scripts }: FirstLoad): string {
  if (status !== 200) return `no page (${status})`;
  return `${kib(framework + app)} = framework ${kib(framework)} + app ${kib(app)} (${scripts} scripts); later ${kib(later)}`;
}

function visitFiguresOf({ framework, app, scripts, appChunks }: FirstVisit): string {
  const largest = appChunks
    .slice(0, 3)
    .map(({ chunk, gzip }) => `${chunk.replace(/^static\/chunks\//, "")} ${kib(gzip)}`);
  return `${kib(framework + app)} = framework ${kib(framework)} + app ${kib(app)} (${scripts} scripts; app's largest: ${largest.join(", ")})`;
}

/** Adele signs in once in Chromium; each page is then a first visit of her tab with an empty cache. */
async function visitRunPages(
  baseUrl: string,
  idp: TestIdentityProvider,
  runId: string,
): Promise<FirstVisit[]> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [`--ignore-certificate-errors-spki-list=${idp.spkiSha256Base64}`],
  });
  try {
    const page = await (await browser.newContext({ baseURL: baseUrl })).newPage();
    await signInWithPopup(page, ACCOUNTS.adele);
    const framework = await frameworkChunks();
    const visits: FirstVisit[] = [];
    for (const id of VISITED_PAGES) {
      visits.push(
        await measureFirstVisit({
          page,
          path: `/wizard/${runId}/${id}`,
          framework,
          usable: (shown) => shown.getByRole("heading", { level: 1, name: pageTitle(id) }).waitFor(),
        }),
      );
    }
    return visits;
  } finally {
    await browser.close();
  }
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
  const visits = await visitRunPages(web.url, idp, id);

  await web.stop();
  await db.$disconnect();
  await databaseServer.close();
  await idp.stop();
  return Object.fromEntries([
    ...figures.map((figure) => [figure.path.replace(id, "[runId]"), figuresOf(figure)]),
    ...visits.map((visit) => [`visit ${visit.path.replace(id, "[runId]")}`, visitFiguresOf(visit)]),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, value] of Object.entries(await benchFirstLoadJs()))
    console.log(`${label.padEnd(32)} ${value}`);
  process.exit(0);
}
