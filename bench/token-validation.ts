// Access-token validation: validations per second with a warm key cache, in this one process (one
// core), for the signature and claims checks alone and for the whole path with its tenant lookup in
// PostgreSQL; then what it adds to a request of the production web app: GET /api/me with a token
// against GET /api/health. Run alone: `npx tsx bench/token-validation.ts`. Prints figures only.
import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import { createDb } from "@/lib/db";
import { ensureBuild } from "@/scripts/lib/ensure-build";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { serviceEnvFor, startTestIdentityProvider, trustIdentityProviderCa } from "@/tests/helpers/identity";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";
import { ACCOUNTS, signInAs, tenantOf } from "@/tests/integration/identity/scenario";

const WARM_UP_MS = 1000;
const DURATION_MS = 5000;
const CONCURRENCY = 16;
const HTTP_REQUESTS = 2000;

export async function benchTokenValidation(): Promise<Record<string, string>> {
  await ensureBuild((line) => console.log(line));
  const idp = await startTestIdentityProvider();
  trustIdentityProviderCa(idp);
  const serviceEnv = serviceEnvFor(idp);
  // The in-process half reads its cloud configuration as the web app does, from the environment.
  Object.assign(process.env, serviceEnv);
  const { getCloudConfig } = await import("@/lib/auth/clouds");
  const { tenantKeySet } = await import("@/lib/auth/jwks-cache");
  const { verifyAccessToken } = await import("@/lib/auth/verify-access-token");
  const { validateAccessToken } = await import("@/lib/auth/validate-access-token");

  const databaseServer = await openTestDatabaseServer(undefined);
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_bench");
  const db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  const token = (await signInAs(idp, ACCOUNTS.adele)).access_token;
  const entraTenantId = tenantOf(idp, ACCOUNTS.adele.domain).tenantId;
  const config = getCloudConfig("Worldwide");
  if (!config) throw new Error("the Worldwide cloud is not configured");
  const keySet = await tenantKeySet(config, entraTenantId);
  const authorization = `Bearer ${token}`;

  const figures: Record<string, string> = {};
  figures["signature + claims alone: validations/s"] = await repeat(1, () =>
    verifyAccessToken({ token, config, entraTenantId, keySet }),
  );
  figures["full path (+ tenant row), one at a time: validations/s"] = await repeat(1, () =>
    validateAccessToken({ db, authorization }),
  );
  figures[`full path, ${CONCURRENCY} in flight: validations/s`] = await repeat(CONCURRENCY, () =>
    validateAccessToken({ db, authorization }),
  );

  const web = await startWebApp({ databaseUrl, env: serviceEnv });
  const pool = new Pool(web.url, { connections: 1 });
  const latencies = async (path: string, headers: Record<string, string>) => {
    const times: number[] = [];
    for (let i = 0; i < HTTP_REQUESTS + 200; i++) {
      const started = performance.now();
      const response = await pool.request({ path, method: "GET", headers });
      await response.body.text();
      if (response.statusCode !== 200) throw new Error(`${path} answered ${response.statusCode}`);
      if (i >= 200) times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b);
  };
  const health = await latencies("/api/health", {});
  const me = await latencies("/api/me", { authorization });
  const p = (times: number[], q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  figures["GET /api/health (no token): p50 / p99"] =
    `${p(health, 0.5).toFixed(2)} ms / ${p(health, 0.99).toFixed(2)} ms`;
  figures["GET /api/me (token): p50 / p99"] = `${p(me, 0.5).toFixed(2)} ms / ${p(me, 0.99).toFixed(2)} ms`;
  figures["added by authentication: p50 / p99"] =
    `${(p(me, 0.5) - p(health, 0.5)).toFixed(2)} ms / ${(p(me, 0.99) - p(health, 0.99)).toFixed(2)} ms`;

  await pool.close();
  await web.stop();
  await db.$disconnect();
  await databaseServer.close();
  await idp.stop();
  return figures;
}

/**
 * Runs `operation` from `concurrency` loops for the duration after a warm-up. Returns calls per
 * wall-clock second and per CPU second of this process (all its threads, WebCrypto's pool included):
 * the second is what one dedicated core would do, and holds up when other work shares the machine.
 */
async function repeat(concurrency: number, operation: () => Promise<unknown>): Promise<string> {
  let figure = "";
  for (const [duration, counted] of [
    [WARM_UP_MS, false],
    [DURATION_MS, true],
  ] as const) {
    const end = performance.now() + duration;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    let done = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          await operation();
          done += 1;
        }
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const wallSeconds = (performance.now() - started) / 1000;
    if (counted) figure = `${rate(done / wallSeconds)} (${rate(done / cpuSeconds)} per CPU second)`;
  }
  return figure;
}

function rate(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, value] of Object.entries(await benchTokenValidation()))
    console.log(`${label.padEnd(56)} ${value}`);
  process.exit(0);
}
