import { findFreePort } from "@/lib/net/find-free-port";
import { type RunningWeb, startWeb } from "@/scripts/lib/start-web";

/** The production build (`next start`) on a free loopback port, against `databaseUrl`. */
export async function startWebApp(options: {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<RunningWeb & { port: number }> {
  const port = options.port ?? (await findFreePort());
  const web = await startWeb({
    port,
    env: { DATABASE_URL: options.databaseUrl, LOG_LEVEL: "warn", ...options.env },
    onOutput: () => {},
  });
  return { ...web, port };
}
