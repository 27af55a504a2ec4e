import path from "node:path";
import { ZServerUrlSchema } from "@/agent/config/agent-config";
import { readAgentConfig } from "@/agent/config/config-file";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import { AGENT_API_PATHS, ZWhoamiResponseSchema } from "@/lib/agents/protocol";
import type { Db } from "@/lib/db";
import { type ActingTenant, actingAsService } from "@/lib/tenants/acting-context";
import { spawnAgentCli } from "./spawn-agent-cli";

const DEMO_AGENT_NAME = "demo-agent";

export interface PairedDemoAgent {
  name: string;
  tenantName: string;
  configPath: string;
}

/** Asks the web app whose credential this is; undefined when it refuses it. */
async function whoami(serverUrl: string, credential: string) {
  const response = await fetch(new URL(AGENT_API_PATHS.whoami.replace(/^\//, ""), serverUrl), {
    headers: { authorization: `Bearer ${credential}` },
  });
  if (!response.ok) return undefined;
  return ZWhoamiResponseSchema.parse(await response.json());
}

/**
 * The demo agent of one tenant, paired the way an admin pairs one: a pairing code, then
 * `hybrid-agent pair` with the simulated executor on that organization's on-premises state.
 * Its config (`<dataDir>/agent/config.json`) is reused while the web app still accepts it.
 */
export async function ensureDemoAgentPaired(options: {
  db: Db;
  /** The web app, as the agent reaches it. */
  serverUrl: string;
  dataDir: string;
  tenant: ActingTenant;
  simulatorStateFile: string;
  onLine: (line: string) => void;
}): Promise<PairedDemoAgent> {
  const configPath = path.resolve(options.dataDir, "agent", "config.json");
  const server = ZServerUrlSchema.parse(options.serverUrl);
  const simulatorStateFile = path.resolve(options.simulatorStateFile);

  // Reused only while it points at this web app and this data folder (PORT and DATA_DIR may have
  // changed) and the web app still accepts its credential (a new database does not).
  const previous = await readAgentConfig(configPath).catch(() => undefined);
  if (
    previous?.server === server &&
    previous.executor === "simulated" &&
    previous.simulatorStateFile === simulatorStateFile
  ) {
    const known = await whoami(server, previous.credential);
    if (known?.agentId === previous.agentId && known.entraTenantId === options.tenant.entraTenantId) {
      return { name: previous.name, tenantName: previous.tenantName, configPath };
    }
  }

  const { code } = await createPairingCode({
    db: options.db,
    acting: actingAsService(options.tenant, "demo start"),
  });
  const pair = spawnAgentCli(
    [
      "pair",
      code,
      "--server",
      server,
      "--name",
      DEMO_AGENT_NAME,
      "--config",
      configPath,
      "--executor",
      "simulated",
      "--simulator-state",
      simulatorStateFile,
      "--force",
    ],
    options.onLine,
  );
  const exit = await pair.exited;
  if (exit.code !== 0) {
    throw new Error(
      `hybrid-agent pair failed (exit ${exit.code ?? exit.signal}); see the [agent] lines above`,
    );
  }
  const paired = await readAgentConfig(configPath);
  return { name: paired.name, tenantName: paired.tenantName, configPath };
}
