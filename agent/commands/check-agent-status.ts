/**
 * `hybrid-agent status`: is this agent paired, to which tenant and server, through which proxy,
 * can it run cmdlets here, and does the server answer — the first things support asks.
 */
import type { WhoamiResponse } from "@/lib/agents/protocol";
import type { AgentEnv } from "../agent-env";
import type { AgentConfig } from "../config/agent-config";
import { ConfigFileError, readAgentConfig } from "../config/config-file";
import { createExecutor } from "../executors/create-executor";
import { AgentServerError } from "../http/agent-http-errors";
import { createAgentClient } from "../http/create-agent-client";
import { describeProxyDecision } from "../http/proxy";

export type AgentStatus =
  /** Not paired, or the config file cannot be used (too open, damaged): `problem` says which and the fix. */
  | { paired: false; configPath: string; configMissing: boolean; problem: string }
  | {
      paired: true;
      configPath: string;
      config: AgentConfig;
      proxy: string;
      executor: { ready: boolean; detail: string };
      server:
        | { reachable: true; elapsedMs: number; whoami: WhoamiResponse }
        | { reachable: false; problem: string };
    };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function checkAgentStatus(options: {
  configPath: string;
  env: AgentEnv;
  signal?: AbortSignal;
}): Promise<AgentStatus> {
  const { configPath } = options;
  let config: AgentConfig;
  try {
    config = await readAgentConfig(configPath);
  } catch (error) {
    const configMissing = error instanceof ConfigFileError && error.reason === "missing";
    return { paired: false, configPath, configMissing, problem: messageOf(error) };
  }

  const executor = await createExecutor(config)
    .then((created) => created.check())
    .then((detail) => ({ ready: true, detail }))
    .catch((error: unknown) => ({ ready: false, detail: messageOf(error) }));

  let proxy: string;
  let client: ReturnType<typeof createAgentClient>;
  try {
    client = createAgentClient({
      serverUrl: config.server,
      credential: config.credential,
      proxySettings: options.env.proxy,
    });
    proxy = describeProxyDecision(client.proxy);
  } catch (error) {
    const problem = messageOf(error);
    return {
      paired: true,
      configPath,
      config,
      proxy: problem,
      executor,
      server: { reachable: false, problem },
    };
  }

  const started = performance.now();
  try {
    const whoami = await client.whoami(options.signal);
    const elapsedMs = Math.round(performance.now() - started);
    return {
      paired: true,
      configPath,
      config,
      proxy,
      executor,
      server: { reachable: true, elapsedMs, whoami },
    };
  } catch (error) {
    const problem =
      error instanceof AgentServerError
        ? `the server answered ${error.status} (${error.code}: ${error.message})`
        : messageOf(error);
    return { paired: true, configPath, config, proxy, executor, server: { reachable: false, problem } };
  } finally {
    await client.close();
  }
}

export function formatAgentStatus(status: AgentStatus): string {
  if (!status.paired) {
    const paired = status.configMissing ? "no" : "cannot tell: the config file cannot be used";
    return `Paired:    ${paired}\nConfig:    ${status.configPath}\n           ${status.problem}\n`;
  }
  const { config, server } = status;
  const lines = [
    `Paired:    yes — agent "${config.name}" (id ${config.agentId}), since ${config.pairedAt}`,
    `Tenant:    ${config.tenantName} (Entra tenant id ${config.entraTenantId})`,
    `Server:    ${config.server}`,
    `Proxy:     ${status.proxy}`,
    `Executor:  ${config.executor} — ${status.executor.ready ? status.executor.detail : `NOT READY: ${status.executor.detail}`}`,
    `Config:    ${status.configPath}`,
    server.reachable
      ? `Reachable: yes — the server knows this agent as "${server.whoami.name}" of tenant ${server.whoami.tenantName} (answered in ${server.elapsedMs} ms)`
      : `Reachable: NO — ${server.problem}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** 0 when the agent could work right now; 1 otherwise (for scripts and monitoring). */
export function statusExitCode(status: AgentStatus): number {
  return status.paired && status.server.reachable && status.executor.ready ? 0 : 1;
}
