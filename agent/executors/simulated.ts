/**
 * Runs cmdlets against the on-premises Exchange simulator instead of a real server: for the demo
 * and for tests. Loaded only through a dynamic import (see create-executor.ts), so the bundled
 * production agent carries no simulator code.
 */
import { isExchangeError } from "@/simulators/exchange/model/exchange-error";
import { openOnPremisesOrganization } from "@/simulators/exchange/on-premises";
import { assertAllowedCmdlet, CmdletError, type CmdletInvocation, type Executor } from "./executor";

export async function createSimulatedExecutor(options: { stateFile: string }): Promise<Executor> {
  const organization = await openOnPremisesOrganization({ stateFile: options.stateFile });
  return {
    name: "simulated",

    async check() {
      return `on-premises simulator (state file ${options.stateFile})`;
    },

    async execute({ cmdlet, parameters, credentials, signal }: CmdletInvocation) {
      assertAllowedCmdlet(cmdlet);
      signal.throwIfAborted();
      try {
        const { value, warnings } = await organization.invoke(cmdlet, { ...parameters, ...credentials });
        return { objects: value, warnings };
      } catch (error) {
        if (!isExchangeError(error)) throw error;
        // FullyQualifiedErrorId is what PowerShell reports as the error id, as the powershell executor does.
        throw new CmdletError({
          message: error.data.message,
          category: error.data.category,
          errorId: error.data.fullyQualifiedErrorId,
          transient: error.data.transient,
        });
      }
    },
  };
}
