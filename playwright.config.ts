import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// The e2e suite drives the real product: `npm start`'s script (production build,
// embedded PostgreSQL unless DATABASE_URL is set) on a port of its own, with a
// fresh data folder, in Debian's Chromium.
// The config is evaluated again in each worker process: choose once, hand down through the environment.
process.env.HW_E2E_PORT ??= String(3900 + Math.floor(Math.random() * 900));
process.env.HW_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "hw-e2e-"));
chmodSync(process.env.HW_E2E_DATA_DIR, 0o755);
const port = Number(process.env.HW_E2E_PORT);
const dataDir = process.env.HW_E2E_DATA_DIR;

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
      ],
    },
  },
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs scripts/start.ts",
    url: `http://localhost:${port}/api/health`,
    env: { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 15_000 },
  },
});
