import { setTimeout as sleep } from "node:timers/promises";
import { isReadOnlyName } from "./catalog";
import { ExchangeError } from "./exchange-error";
import { type Fault, takeFault } from "./faults";
import { invokeCmdlet } from "./invoke-cmdlet";
import type { ExchangeObject } from "./json";
import type { OrganizationState } from "./organization-state";
import type { OrganizationStore } from "./organization-store";

/** A fault that breaks the transport rather than the cmdlet; each side shows it in its own way. */
export class TransportFault extends Error {
  constructor(readonly fault: Fault & { kind: "drop-session" | "throttle" | "crash-after-write" }) {
    super(`Simulated ${fault.kind} for ${fault.cmdlet}`);
    this.name = "TransportFault";
  }
}

export interface CmdletOutput {
  value: ExchangeObject[];
  warnings: string[];
}

async function takeNextFault(store: OrganizationStore, cmdletName: string): Promise<Fault | undefined> {
  if ((await store.read()).faults.length === 0) return undefined;
  return store.exclusive(async () => {
    const state = await store.read();
    if (state.faults.length === 0) return undefined;
    const { fault, remaining } = takeFault(state.faults, cmdletName);
    if (fault && remaining !== state.faults) await store.write({ ...state, faults: remaining });
    return fault;
  });
}

function faultError(fault: Fault, cmdletName: string, state: OrganizationState): ExchangeError {
  return new ExchangeError({
    cmdlet: cmdletName,
    message: fault.error?.message ?? `Simulated failure of ${cmdletName}.`,
    category: fault.error?.category ?? "NotSpecified",
    exceptionType: fault.error?.exceptionType ?? "Microsoft.Exchange.Configuration.Tasks.TaskException",
    server: state.directory.originatingServer,
  });
}

/**
 * Runs a cmdlet against the organization in `store`: applies the next fault set for it, then the
 * cmdlet itself, and persists what changed. Latency is waited out without holding the organization;
 * a crash after the write comes once the change is kept.
 */
export async function runOrganizationCmdlet(
  store: OrganizationStore,
  cmdletName: string,
  parameters: Record<string, unknown>,
  readPairedOnPremises?: () => Promise<OrganizationState | undefined>,
): Promise<CmdletOutput> {
  const fault = await takeNextFault(store, cmdletName);
  if (fault?.kind === "latency") await sleep(fault.latencyMs ?? 1000);
  if (fault?.kind === "drop-session" || fault?.kind === "throttle") {
    throw new TransportFault({ ...fault, kind: fault.kind });
  }
  const run = async () => {
    const state = await store.read();
    if (fault?.kind === "error") throw faultError(fault, cmdletName, state);
    const result = await invokeCmdlet({ state, cmdletName, parameters, readPairedOnPremises });
    if (result.changed) await store.write(result.state);
    return { value: result.value, warnings: result.warnings };
  };
  // Reads need no turn: only cmdlets that may write are run one at a time.
  const output = await (isReadOnlyName(cmdletName) ? run() : store.exclusive(run));
  // The change is kept: only the answer is lost.
  if (fault?.kind === "crash-after-write") throw new TransportFault({ ...fault, kind: fault.kind });
  return output;
}
