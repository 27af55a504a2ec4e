// InvokeCommand calls per second through the Exchange Online simulator over real HTTPS: token
// validation, the cmdlet, JSON both ways. Client and simulator share this process (and its cores).
// Run alone: `npx tsx bench/exchange-online-invoke.ts`. Prints figures; passes or fails on nothing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import { EXCHANGE_CLOUDS } from "@/simulators/exchange/online/exchange-clouds";
import { startExchangeOnline } from "@/simulators/exchange/online/start-exchange-online";
import { ensureLocalCa } from "@/simulators/tls/local-ca";
import { startTestIdentityProvider } from "@/tests/helpers/identity";
import { ACCOUNTS, appFor, CLIENT_SECRETS, signInAs, tenantOf } from "@/tests/integration/identity/scenario";

const WARM_UP_MS = 2000;
const DURATION_MS = 5000;
const CONCURRENCY = 16;

export async function benchExchangeOnlineInvoke(): Promise<Record<string, string>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-exchange-"));
  const idp = await startTestIdentityProvider();
  const ca = await ensureLocalCa(path.join(dataDir, "tls"));
  const exchange = await startExchangeOnline({
    dataDir,
    port: 0,
    tls: await ca.issueServerCertificate(["localhost", "127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"]),
    authorityBaseFor: (cloud) => `https://${idp.hostFor(cloud)}`,
    authorityCaPem: idp.caCertPem,
    fixtures: ["contoso"],
  });
  const tenant = tenantOf(idp, ACCOUNTS.alex.domain);
  const obo = await idp.requestToken(tenant.tenantId, {
    grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    requested_token_use: "on_behalf_of",
    assertion: (await signInAs(idp, ACCOUNTS.alex)).access_token,
    scope: `${EXCHANGE_CLOUDS.Worldwide.resource}/.default`,
    client_id: appFor(idp, "Worldwide").clientId,
    client_secret: CLIENT_SECRETS.Worldwide,
  });
  const token = (obo.body as { access_token: string }).access_token;
  const pool = new Pool(exchange.baseUrlFor("Worldwide"), {
    connections: CONCURRENCY,
    connect: { ca: ca.caCertPem },
  });

  const figures: Record<string, string> = {};
  // The first round warms up (JIT, TLS sessions, the JWKS fetch) and is not reported.
  for (const [round, cmdlet] of [
    "Get-OrganizationConfig",
    "Get-OrganizationConfig",
    "Get-AcceptedDomain",
  ].entries()) {
    const body = JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: {} } });
    const latencies: number[] = [];
    let failures = 0;
    const end = performance.now() + (round === 0 ? WARM_UP_MS : DURATION_MS);
    const worker = async () => {
      while (performance.now() < end) {
        const started = performance.now();
        const response = await pool.request({
          path: `/adminapi/beta/${tenant.tenantId}/InvokeCommand`,
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body,
        });
        await response.body.text();
        if (response.statusCode !== 200) failures += 1;
        latencies.push(performance.now() - started);
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - t0) / 1000;
    if (round === 0) continue;
    latencies.sort((a, b) => a - b);
    const p = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    figures[`${cmdlet}: calls/s (${CONCURRENCY} concurrent)`] = (latencies.length / seconds).toFixed(0);
    figures[`${cmdlet}: p50 / p99 latency`] = `${p(0.5)} ms / ${p(0.99)} ms`;
    figures[`${cmdlet}: non-200 answers`] = String(failures);
  }
  await pool.close();
  await exchange.close();
  await idp.stop();
  await rm(dataDir, { recursive: true, force: true });
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, value] of Object.entries(await benchExchangeOnlineInvoke()))
    console.log(`${label.padEnd(56)} ${value}`);
  process.exit(0);
}
