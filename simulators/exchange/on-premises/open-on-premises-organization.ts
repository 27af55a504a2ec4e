import { objectsOf } from "../model/directory-objects";
import { ExchangeError } from "../model/exchange-error";
import type { Fault, FaultInput } from "../model/faults";
import { addFault, clearFaults } from "../model/organization-faults";
import type { OrganizationState } from "../model/organization-state";
import { OrganizationStore } from "../model/organization-store";
import { type CmdletOutput, runOrganizationCmdlet, TransportFault } from "../model/run-organization-cmdlet";
import { appendCmdletLog, type CmdletLogEntry, readCmdletLog } from "./cmdlet-log";
import { exSetupFileVersion } from "./exsetup-version";

/**
 * A remote PowerShell session to the organization, opened as one account: the agent's own (the
 * process's identity) or the one its `-Credential` names. Each cmdlet it runs is in the cmdlet log
 * as that account's.
 */
export interface OnPremisesSession {
  readonly account: string;
  invoke(cmdletName: string, parameters?: Record<string, unknown>): Promise<CmdletOutput>;
  /** The agent's ExSetup probe on a server, run with the session's account like its cmdlets. */
  exSetupFileVersion(serverName: string): Promise<string>;
}

export interface OnPremisesOrganization {
  readonly stateFile: string;
  /** Runs a cmdlet; throws an ExchangeError as Exchange would report it. Not logged: the admin surface's and tests' own access. */
  invoke(cmdletName: string, parameters?: Record<string, unknown>): Promise<CmdletOutput>;
  /** A session as `account` (DOMAIN\user), on `server` when named: what an agent's executor opens. */
  openSession(options: { account: string; server?: string }): OnPremisesSession;
  /** Every cmdlet sessions ran, in order, with the account each ran as. */
  readCmdletLog(): Promise<CmdletLogEntry[]>;
  serverNames(): Promise<string[]>;
  /** ExSetup.exe's file version on a server, as the agent's probe reads it (throws for an unknown server). */
  exSetupFileVersion(serverName: string): Promise<string>;
  readState(): Promise<OrganizationState>;
  setFault(fault: FaultInput): Promise<Fault>;
  clearFaults(faultId?: string): Promise<void>;
}

/** What a remote PowerShell client sees when the session to the Exchange server breaks (HCW8083/8084/8100). */
function sessionDropped(cmdletName: string, state: OrganizationState): ExchangeError {
  const server = String(objectsOf(state, "ExchangeServer")[0]?.Fqdn ?? "localhost");
  return new ExchangeError({
    kind: "SessionDropped",
    cmdlet: cmdletName,
    category: "OpenError",
    exceptionType: "System.Management.Automation.Remoting.PSRemotingTransportException",
    message: `Processing data from remote server ${server} failed with the following error message: The I/O operation has been aborted because of either a thread exit or an application request. For more information, see the about_Remote_Troubleshooting Help topic.`,
  });
}

/** Exchange's remote PowerShell budget running out: the on-premises form of throttling. */
function budgetExceeded(cmdletName: string): ExchangeError {
  return new ExchangeError({
    cmdlet: cmdletName,
    category: "LimitsExceeded",
    exceptionType: "Microsoft.Exchange.Data.Directory.OverBudgetException",
    message:
      "Fail to create a runspace because you have exceeded the maximum number of connections allowed : 18 for the policy party : MaxConcurrency. Please close existing runspace and try again later.",
  });
}

/**
 * The on-premises Exchange organization as a library: the agent's `simulated` executor calls
 * `invoke` where the `powershell` executor would run the cmdlet in a remote session.
 */
export async function openOnPremisesOrganization(options: {
  stateFile: string;
}): Promise<OnPremisesOrganization> {
  const store = new OrganizationStore(options.stateFile);
  const initial = await store.read();
  if (initial.side !== "OnPremises") throw new Error(`${options.stateFile} holds an Exchange Online tenant`);
  const invoke = async (cmdletName: string, parameters: Record<string, unknown> = {}) => {
    try {
      return await runOrganizationCmdlet(store, cmdletName, parameters);
    } catch (error) {
      if (!(error instanceof TransportFault)) throw error;
      if (error.fault.kind === "throttle") throw budgetExceeded(cmdletName);
      // The host that opened the session (the agent's: the simulator runs in its process) dies the
      // moment Exchange has made the change: no answer, no report, no goodbye.
      if (error.fault.kind === "crash-after-write") process.kill(process.pid, "SIGKILL");
      throw sessionDropped(cmdletName, await store.read());
    }
  };
  const { stateFile } = options;
  return {
    stateFile,
    invoke,
    openSession: ({ account, server }) => {
      const logged = (cmdlet: string) =>
        appendCmdletLog(stateFile, { account, cmdlet, ...(server ? { server } : {}) });
      return {
        account,
        async invoke(cmdletName, parameters = {}) {
          await logged(cmdletName);
          return invoke(cmdletName, parameters);
        },
        async exSetupFileVersion(serverName) {
          await logged("Get-ExSetupFileVersion");
          return exSetupFileVersion(await store.read(), serverName);
        },
      };
    },
    readCmdletLog: () => readCmdletLog(stateFile),
    async serverNames() {
      return objectsOf(await store.read(), "ExchangeServer").map((server) => String(server.Name));
    },
    exSetupFileVersion: async (serverName) => exSetupFileVersion(await store.read(), serverName),
    readState: async () => structuredClone(await store.read()),
    setFault: (fault) => addFault(store, fault),
    clearFaults: (faultId) => clearFaults(store, faultId),
  };
}
