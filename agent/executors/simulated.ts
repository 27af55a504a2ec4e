/**
 * Runs cmdlets against the on-premises Exchange simulator instead of a real server: for the demo
 * and for tests. Loaded only through a dynamic import (see create-executor.ts), so the bundled
 * production agent carries no simulator code.
 */
import { isExchangeError } from "@/simulators/exchange/model/exchange-error";
import { openOnPremisesOrganization } from "@/simulators/exchange/on-premises";
import {
  assertAllowedCmdlet,
  assertReadCmdlet,
  CmdletError,
  type CmdletInvocation,
  type Executor,
  type ReadOutput,
  type ReadsInvocation,
  toJobError,
} from "./executor";

/** An Exchange error as PowerShell reports it; FullyQualifiedErrorId is the error id, as in the powershell executor. */
function asCmdletError(error: unknown): unknown {
  if (!isExchangeError(error)) return error;
  return new CmdletError({
    message: error.data.message,
    category: error.data.category,
    errorId: error.data.fullyQualifiedErrorId,
    transient: error.data.transient,
  });
}

export async function createSimulatedExecutor(options: { stateFile: string }): Promise<Executor> {
  const organization = await openOnPremisesOrganization({ stateFile: options.stateFile });

  async function run(cmdlet: string, parameters: Record<string, unknown>) {
    try {
      // The ExSetup probe is the agent's own script on the server, not a cmdlet of the session.
      if (cmdlet === "Get-ExSetupFileVersion") {
        const server = String(parameters.Server ?? "");
        return {
          objects: [{ Server: server, FileVersion: await organization.exSetupFileVersion(server) }],
          warnings: [],
        };
      }
      const { value, warnings } = await organization.invoke(cmdlet, parameters);
      return { objects: value, warnings };
    } catch (error) {
      throw asCmdletError(error);
    }
  }

  return {
    name: "simulated",

    async check() {
      return `on-premises simulator (state file ${options.stateFile})`;
    },

    // A run's own account (sessionCredential) has already been opened by the agent, which is what
    // the simulator can show: it has no Windows logins to open a session as, so it runs the cmdlet alike.
    async execute({ cmdlet, parameters, credentials, signal }: CmdletInvocation) {
      assertAllowedCmdlet(cmdlet);
      signal.throwIfAborted();
      return run(cmdlet, { ...parameters, ...credentials });
    },

    async executeReads({ reads, signal }: ReadsInvocation): Promise<ReadOutput[]> {
      for (const read of reads) assertReadCmdlet(read.cmdlet);
      const outputs: ReadOutput[] = [];
      for (const read of reads) {
        signal.throwIfAborted();
        const started = performance.now();
        const durationMs = () => Math.round(performance.now() - started);
        try {
          const output = await run(read.cmdlet, read.parameters);
          outputs.push({ ok: true, ...output, durationMs: durationMs() });
        } catch (error) {
          outputs.push({ ok: false, error: toJobError(error), warnings: [], durationMs: durationMs() });
        }
      }
      return outputs;
    },
  };
}
