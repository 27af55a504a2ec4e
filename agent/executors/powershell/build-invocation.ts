/**
 * How a cmdlet call becomes a PowerShell process: always the same arguments (the fixed script,
 * base64 UTF-16 as -EncodedCommand wants it) and the call itself as JSON on stdin. Secrets travel
 * only on stdin, never on a command line another user could list.
 */
import { ZExchangeServerNameSchema, ZParameterNameSchema } from "@/lib/agents/protocol";
import {
  assertAllowedCmdlet,
  assertReadCmdlet,
  CmdletError,
  type CmdletInvocation,
  type PlainCredential,
  type ReadsInvocation,
} from "../executor";
import { INVOKE_CMDLET_SCRIPT, INVOKE_READS_SCRIPT } from "./invoke-script";

export function encodePowerShellCommand(script: string): string {
  return Buffer.from(script, "utf16le").toString("base64");
}

const COMMON_ARGS = ["-NoLogo", "-NoProfile", "-NonInteractive", "-EncodedCommand"] as const;

export function powerShellArgs(script: string): readonly string[] {
  return [...COMMON_ARGS, encodePowerShellCommand(script)];
}

export const INVOKE_CMDLET_ARGS = Object.freeze(powerShellArgs(INVOKE_CMDLET_SCRIPT));
export const INVOKE_READS_ARGS = Object.freeze(powerShellArgs(INVOKE_READS_SCRIPT));

export type PowerShellRequest = {
  cmdlet: string;
  server: string;
  parameters: Record<string, unknown>;
  credentials: Record<string, PlainCredential>;
  /** The account the session opens as; the process's own (the agent's) when absent. */
  sessionCredential?: PlainCredential;
};

function refuse(message: string, errorId: string): CmdletError {
  return new CmdletError({ message, category: "InvalidArgument", errorId, transient: false });
}

function serverFor(server: string | undefined, defaultServer: string | undefined): string {
  const chosen = server ?? defaultServer;
  if (!chosen) {
    throw refuse(
      "The job names no Exchange server and this agent has no default: pair it with --exchange-server, " +
        'or set "exchangeServer" in its config.',
      "NoExchangeServer",
    );
  }
  if (!ZExchangeServerNameSchema.safeParse(chosen).success) {
    throw refuse(`"${chosen}" is not an Exchange server host name.`, "InvalidExchangeServer");
  }
  return chosen;
}

function assertParameterNames(names: string[]): void {
  for (const name of names) {
    const problem = ZParameterNameSchema.safeParse(name).error?.issues[0];
    if (problem) throw refuse(`"${name}" ${problem.message}.`, "InvalidParameterName");
  }
}

export function buildInvokeCmdletInput(
  invocation: Omit<CmdletInvocation, "signal">,
  defaultServer: string | undefined,
): { args: readonly string[]; stdin: string } {
  assertAllowedCmdlet(invocation.cmdlet);
  const server = serverFor(invocation.server, defaultServer);
  assertParameterNames([...Object.keys(invocation.parameters), ...Object.keys(invocation.credentials)]);
  const request: PowerShellRequest = {
    cmdlet: invocation.cmdlet,
    server,
    parameters: invocation.parameters,
    credentials: invocation.credentials,
    ...(invocation.sessionCredential ? { sessionCredential: invocation.sessionCredential } : {}),
  };
  return { args: INVOKE_CMDLET_ARGS, stdin: JSON.stringify(request) };
}

/** A reads job as the reads script takes it: the same fixed arguments, every read on stdin. */
export function buildInvokeReadsInput(
  invocation: Omit<ReadsInvocation, "signal">,
  defaultServer: string | undefined,
): { args: readonly string[]; stdin: string } {
  for (const read of invocation.reads) {
    assertReadCmdlet(read.cmdlet);
    assertParameterNames(Object.keys(read.parameters));
    // The probe's -Server becomes Invoke-Command's -ComputerName: it must be a host name too.
    const probed = read.parameters.Server;
    if (read.cmdlet === "Get-ExSetupFileVersion" && !ZExchangeServerNameSchema.safeParse(probed).success) {
      throw refuse(
        `Get-ExSetupFileVersion needs -Server, the host name of an Exchange server; ${JSON.stringify(probed)} is not one.`,
        "InvalidExchangeServer",
      );
    }
  }
  const server = serverFor(invocation.server, defaultServer);
  const { sessionCredential } = invocation;
  return {
    args: INVOKE_READS_ARGS,
    stdin: JSON.stringify({
      server,
      reads: invocation.reads,
      ...(sessionCredential ? { sessionCredential } : {}),
    }),
  };
}
