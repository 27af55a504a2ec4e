import { randomBytes } from "node:crypto";
import { findFreePort } from "@/lib/net/find-free-port";
import { type RunningWeb, startWeb } from "@/scripts/lib/start-web";

// Every web app a test process starts holds the same key ring, as a deployment's instances do:
// one instance checks the agents' lease tokens another made (lib/jobs/job-lease-tokens.ts).
const TOKEN_CACHE_KEYS = `test:${randomBytes(32).toString("base64")}`;

/** The production build (scripts/serve-web.ts) on a free loopback port, against `databaseUrl`. */
export async function startWebApp(options: {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  /** Each line the web app writes (its JSON log lines included); dropped when absent. */
  onOutput?: (line: string) => void;
}): Promise<RunningWeb & { port: number }> {
  const port = options.port ?? (await findFreePort());
  const web = await startWeb({
    port,
    env: { DATABASE_URL: options.databaseUrl, LOG_LEVEL: "warn", TOKEN_CACHE_KEYS, ...options.env },
    onOutput: options.onOutput ?? (() => {}),
  });
  return { ...web, port };
}
