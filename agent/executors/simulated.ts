/**
 * Runs cmdlets against the on-premises Exchange simulator instead of a real server: for the demo
 * and for tests. Loaded only through a dynamic import (see create-executor.ts), so the bundled
 * production agent carries no simulator code.
 */
import os from "node:os";
import { isExchangeError } from "@/simulators/exchange/model/exchange-error";
import { type OnPremisesSession, openOnPremisesOrganization } from "@/simulators/exchange/on-premises";
import {
  assertAllowedCmdlet,
  assertReadCmdlet,
  CmdletError,
  type CmdletInvocation,
  type Executor,
  type PlainCredential,
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

export async function createSimulatedExecutor(options: {
  stateFile: string;
  /** The agent's own account, which a session without a credential opens as; the process's user when absent. */
  runAs?: string;
}): Promise<Executor> {
  const organization = await openOnPremisesOrganization({ stateFile: options.stateFile });
  const runAs = options.runAs ?? os.userInfo().username;

  // As the powershell executor does: the session (and the ExSetup probe) opens with the run's
  // account when the job carries one, else as the agent itself; the simulator logs who ran what.
  const openSession = (server: string | undefined, credential: PlainCredential | undefined) =>
    organization.openSession({ account: credential?.userName ?? runAs, ...(server ? { server } : {}) });

  async function run(session: OnPremisesSession, cmdlet: string, parameters: Record<string, unknown>) {
    try {
      // The ExSetup probe is the agent's own script on the server, not a cmdlet of the session.
      if (cmdlet === "Get-ExSetupFileVersion") {
        const server = String(parameters.Server ?? "");
        return {
          objects: [{ Server: server, FileVersion: await session.exSetupFileVersion(server) }],
          warnings: [],
        };
      }
      const { value, warnings } = await session.invoke(cmdlet, parameters);
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

    async execute({ cmdlet, parameters, credentials, signal, server, sessionCredential }: CmdletInvocation) {
      assertAllowedCmdlet(cmdlet);
      signal.throwIfAborted();
      return run(openSession(server, sessionCredential), cmdlet, { ...parameters, ...credentials });
    },

    async executeReads({ reads, signal, server, sessionCredential }: ReadsInvocation): Promise<ReadOutput[]> {
      for (const read of reads) assertReadCmdlet(read.cmdlet);
      const session = openSession(server, sessionCredential);
      const outputs: ReadOutput[] = [];
      for (const read of reads) {
        signal.throwIfAborted();
        const started = performance.now();
        const durationMs = () => Math.round(performance.now() - started);
        try {
          const output = await run(session, read.cmdlet, read.parameters);
          outputs.push({ ok: true, ...output, durationMs: durationMs() });
        } catch (error) {
          outputs.push({ ok: false, error: toJobError(error), warnings: [], durationMs: durationMs() });
        }
      }
      return outputs;
    },
  };
}
