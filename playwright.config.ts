import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { ensureIdentityProviderCertificate } from "./simulators/identity/start-identity-provider";

// The e2e suite drives the real product: `npm start`'s script (production build,
// embedded PostgreSQL unless DATABASE_URL is set, the simulators, the demo agent) on
// ports of its own, with a fresh data folder, in Debian's Chromium.
// The config is evaluated again in each worker process: choose once, hand down through the environment.
// Five ports from 4200–4793: clear of the ones Chromium refuses to connect to (4045, 4190, 5060, …).
process.env.HW_E2E_PORT ??= String(4200 + Math.floor(Math.random() * 590));
process.env.HW_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "hw-e2e-"));
chmodSync(process.env.HW_E2E_DATA_DIR, 0o755);
const port = Number(process.env.HW_E2E_PORT);
const dataDir = process.env.HW_E2E_DATA_DIR;
const identityPort = port + 1;
/** The local DNS server the federation test answers TXT lookups from (UDP): the web app's DNS_RESOLVERS. */
process.env.HW_E2E_DNS_PORT = String(port + 4);
/** Where the identity provider's Worldwide authority answers; tests read it from here. */
process.env.HW_E2E_IDENTITY_URL = `https://127.0.0.1:${identityPort}`;
// The identity provider's server certificate is made now, in the data folder npm start will use and
// reuse, so Chromium can be told to accept exactly that certificate.
process.env.HW_E2E_IDENTITY_SPKI ??= (
  await ensureIdentityProviderCertificate(path.join(dataDir, "tls"))
).certificate.spkiSha256Base64;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      // Chromium's own background traffic is refused on this closed network; keep it quiet.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        `--ignore-certificate-errors-spki-list=${process.env.HW_E2E_IDENTITY_SPKI}`,
      ],
    },
  },
  webServer: {
    // tsx as a loader: one process, so the shutdown signal reaches the start script itself.
    command: "node --import tsx scripts/start.ts",
    url: `http://localhost:${port}/api/health`,
    // Healthy is not enough: tests start once the simulators and the demo agent are up too.
    wait: { stdout: /Hybrid Wizard is running/ },
    env: {
      PORT: String(port),
      IDENTITY_PORT: String(identityPort),
      EXCHANGE_ONLINE_PORT: String(port + 2),
      GRAPH_PORT: String(port + 3),
      DNS_RESOLVERS: `127.0.0.1:${port + 4}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 15_000 },
  },
});
