import { findFreePort } from "@/lib/net/find-free-port";
import { type RunningWeb, startWeb } from "@/scripts/lib/start-web";

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
    env: { DATABASE_URL: options.databaseUrl, LOG_LEVEL: "warn", ...options.env },
    onOutput: options.onOutput ?? (() => {}),
  });
  return { ...web, port };
}
