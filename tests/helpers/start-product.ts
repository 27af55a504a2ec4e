import type { ChildProcess } from "node:child_process";
import { chmod, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { APP_ROLE } from "@/lib/database/app-role";
import { EMBEDDED_DATABASE_NAME } from "@/lib/database/open-database";
import { findFreePorts } from "@/lib/net/find-free-port";
import { spawnTsx } from "@/tests/helpers/spawn-tsx";

export interface RunningProduct {
  url: string;
  /** The identity provider's Worldwide address, e.g. https://127.0.0.1:4311 */
  identityUrl: string;
  /** What it was started with, ports included: pass it again to restart on the same addresses. */
  env: Record<string, string | undefined>;
  output: () => string;
  child: ChildProcess;
  /** Ctrl-C, as a person would; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function makeDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "hw-data-"));
  await chmod(dir, 0o755);
  return dir;
}

function spawnStart(env: Record<string, string | undefined>) {
  const { DATABASE_URL: _inherited, ...base } = process.env;
  const child = spawnTsx("scripts/start.ts", [], { ...base, LOG_LEVEL: "warn", ...env });
  return { child, output: child.output };
}

/** Free ports for the web app and the simulators, unless `env` names them. */
async function withPorts(env: Record<string, string | undefined>) {
  const [web, identity, exchangeOnline, graph] = (await findFreePorts(4)).map(String);
  return {
    ...env,
    PORT: env.PORT ?? web,
    IDENTITY_PORT: env.IDENTITY_PORT ?? identity,
    EXCHANGE_ONLINE_PORT: env.EXCHANGE_ONLINE_PORT ?? exchangeOnline,
    GRAPH_PORT: env.GRAPH_PORT ?? graph,
  };
}

/** Runs `npm start`'s script and waits for its "is running" banner. */
export async function startProduct(options: Record<string, string | undefined>): Promise<RunningProduct> {
  const env = await withPorts(options);
  const { child, output } = spawnStart(env);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 170_000;
  while (!output().includes("Hybrid Wizard is running")) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`npm start did not come up:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://localhost:${env.PORT}`,
    identityUrl: `https://127.0.0.1:${env.IDENTITY_PORT}`,
    env,
    output,
    child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGINT");
      return exited;
    },
  };
}

/** Runs `npm start`'s script to its end; for starts that must fail. */
export async function runStartToExit(
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnStart(await withPorts(env));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, output: output() };
}

/**
 * The embedded database npm start opened, as its app role: the port from the banner, the password
 * from the data folder (the banner never prints one).
 */
export async function embeddedDatabaseUrl(running: RunningProduct): Promise<string> {
  const port = running.output().match(/embedded PostgreSQL on 127\.0\.0\.1:(\d+)/)?.[1];
  if (!port) throw new Error(`no embedded database in:\n${running.output()}`);
  const file = path.join(running.env.DATA_DIR ?? ".data", "postgres", "hybrid-wizard-credentials.json");
  const { appPassword } = JSON.parse(await readFile(file, "utf8")) as { appPassword: string };
  return `postgresql://${APP_ROLE}:${appPassword}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`;
}
