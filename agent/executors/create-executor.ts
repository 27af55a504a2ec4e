/** Picks the executor the config names. */
import type { AgentConfig } from "../config/agent-config";
import { type Executor, ExecutorUnavailableError } from "./executor";
import { createPowerShellExecutor } from "./powershell/powershell-executor";

export async function createExecutor(
  config: AgentConfig,
  /** The agent's own account (agent-env.ts), for the simulator's sessions; PowerShell opens as the process itself. */
  identity: { runAs?: string } = {},
): Promise<Executor> {
  const timeoutMs = config.cmdletTimeoutSeconds * 1000;
  if (config.executor === "powershell") {
    return createPowerShellExecutor({
      powershellPath: config.powershellPath,
      defaultServer: config.exchangeServer,
      timeoutMs,
    });
  }
  // scripts/build-agent.ts leaves this module out of the bundle: the production agent cannot load it and says why.
  let module: typeof import("./simulated");
  try {
    module = await import("./simulated");
  } catch (error) {
    throw new ExecutorUnavailableError(
      'This agent was built without the "simulated" executor (it is for development and tests only). ' +
        `Run the agent from the repository (npx tsx agent/cli.ts run) or pair it with --executor powershell. (${String(error)})`,
    );
  }
  return module.createSimulatedExecutor({
    stateFile: config.simulatorStateFile,
    ...(identity.runAs ? { runAs: identity.runAs } : {}),
  });
}
