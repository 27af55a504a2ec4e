/**
 * The agent's main loop: long-poll the server, run what comes, report, repeat. On any trouble it
 * waits a random, growing time (capped at 60 s) and tries again, so it rides out server restarts
 * and network outages without help. It stops for good only when told to (the signal) or when the
 * server no longer accepts it (revoked).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { AGENT_CAPABILITIES, AGENT_ERROR_CODES } from "@/lib/agents/protocol";
import { type AgentEnv, readAgentEnv } from "../agent-env";
import { importAgentPrivateKey } from "../agent-keys";
import { type AgentLog, createAgentLog, formatSeconds } from "../agent-log";
import { createBackoff } from "../backoff";
import type { AgentConfig } from "../config/agent-config";
import { readAgentConfig } from "../config/config-file";
import { createExecutor } from "../executors/create-executor";
import { AgentServerError } from "../http/agent-http-errors";
import { type AgentClient, createAgentClient } from "../http/create-agent-client";
import { describeProxyDecision } from "../http/proxy";
import { AGENT_VERSION } from "../version";
import { failUnreadableJob, runJob } from "./run-job";

export type RunAgentOptions = {
  configPath: string;
  /** Abort to stop: the agent finishes (or hands back) its job and returns. */
  signal: AbortSignal;
  env?: AgentEnv;
  log?: AgentLog;
};

export type RunAgentResult =
  | { outcome: "stopped" }
  /** The server refuses this agent (revoked, or its credential is no longer valid). Pairing again is the fix. */
  | { outcome: "rejected"; message: string };

function explainRejection(error: AgentServerError, config: AgentConfig): string {
  const again = `To use this machine again, pair it anew: hybrid-agent pair CODE --server ${config.server}`;
  if (error.code === AGENT_ERROR_CODES.agentRevoked) {
    return `This agent ("${config.name}", tenant ${config.tenantName}) was revoked on the service's Agents page; it will not poll again. ${again}`;
  }
  return `The service no longer accepts this agent's credential (${error.code}: ${error.message}). ${again}`;
}

/** After a 401, the credential may have been rotated by `hybrid-agent rotate-credential` meanwhile. */
async function adoptRotatedCredential(
  configPath: string,
  client: AgentClient,
  current: string,
): Promise<string | undefined> {
  const fresh = await readAgentConfig(configPath).catch(() => undefined);
  if (!fresh || fresh.credential === current) return undefined;
  client.setCredential(fresh.credential);
  return fresh.credential;
}

function describeFailure(error: unknown): string {
  if (error instanceof AgentServerError) {
    return error.status === 429
      ? `the server asked the agent to slow down (${error.message})`
      : `the server answered ${error.status} (${error.code}: ${error.message})`;
  }
  // Network, TLS and proxy errors already say what is wrong and where.
  return error instanceof Error ? error.message : String(error);
}

export async function runAgent(options: RunAgentOptions): Promise<RunAgentResult> {
  const { configPath, signal } = options;
  const env = options.env ?? readAgentEnv();
  const log = options.log ?? createAgentLog();

  const config = await readAgentConfig(configPath);
  const privateKey = await importAgentPrivateKey(config.privateKeyJwk);
  const executor = await createExecutor(config, { runAs: env.runAs });
  log.info(
    `hybrid-agent ${AGENT_VERSION} starting: agent "${config.name}" of tenant ${config.tenantName}, config ${configPath}`,
  );
  log.info(`executor ${executor.name}: ${await executor.check()}`);

  const client = createAgentClient({
    serverUrl: config.server,
    credential: config.credential,
    proxySettings: env.proxy,
  });
  log.info(`server ${config.server} — proxy: ${describeProxyDecision(client.proxy)}`);
  const logStopping = () => log.info(`stopping (${String(signal.reason?.message ?? signal.reason)})`);
  signal.addEventListener("abort", logStopping, { once: true });
  let credential = config.credential;
  const backoff = createBackoff();
  let connected = false;

  const wait = async (delayMs: number, why: string) => {
    log.warn(`${why}; trying again in ${formatSeconds(delayMs)}`);
    await sleep(delayMs, undefined, { signal }).catch(() => {});
  };

  try {
    while (!signal.aborted) {
      try {
        if (!connected) {
          // whoami answers at once, where a poll may be held for half a minute: say "connected" promptly.
          const me = await client.whoami(signal);
          log.info(
            `connected${backoff.attempt ? ` again after ${backoff.attempt} failed attempt(s)` : ""}: ` +
              `agent "${me.name}" of tenant ${me.tenantName}; waiting for jobs`,
          );
          connected = true;
        }
        const polled = await client.poll(
          { version: AGENT_VERSION, runAs: env.runAs, capabilities: Object.values(AGENT_CAPABILITIES) },
          signal,
        );
        // Only a working poll resets the wait: a server that answers whoami but fails polls still gets backoff.
        backoff.reset();
        if (polled.kind === "job") {
          await runJob({
            job: polled.job,
            serverDate: polled.serverDate,
            client,
            executor,
            privateKey,
            log,
            signal,
          });
        } else if (polled.kind === "unreadable") {
          await failUnreadableJob({ client, lease: polled.lease, problem: polled.problem, log, signal });
        }
      } catch (error) {
        if (signal.aborted) break;
        connected = false;
        if (error instanceof AgentServerError && error.status === 401) {
          const rotated = await adoptRotatedCredential(configPath, client, credential);
          if (rotated) {
            credential = rotated;
            log.info("the credential in the config file was rotated; using the new one");
            continue;
          }
          const message = explainRejection(error, config);
          log.error(message);
          return { outcome: "rejected", message };
        }
        const delay = backoff.nextDelayMs();
        const retryAfter = error instanceof AgentServerError ? error.retryAfterMs : undefined;
        await wait(retryAfter ?? delay, describeFailure(error));
      }
    }
  } finally {
    await client.close();
  }
  log.info("stopped");
  return { outcome: "stopped" };
}
